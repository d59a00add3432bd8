import { describeInput, KrakenValidationError, toNumber } from '../../core';

/** Field values as a host hands them over: form strings, msg/item JSON, anything. */
export type RawInput = Record<string, unknown>;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The node's form values, each overridden by the same-named property of `payload` when the payload
 * is an object that has it. Blank form fields count as unset.
 */
export function mergeInput(form: RawInput, payload: unknown, fields: readonly string[]): RawInput {
	const overrides =
		typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as RawInput) : {};
	const merged: RawInput = {};
	for (const field of fields) {
		const value = overrides[field] !== undefined ? overrides[field] : form[field];
		if (!isBlank(value)) merged[field] = value;
	}
	return merged;
}

const describe = describeInput;

export function readString(input: RawInput, field: string, required: true): string;
export function readString(input: RawInput, field: string, required?: false): string | undefined;
export function readString(input: RawInput, field: string, required = false): string | undefined {
	const value = input[field];
	if (isBlank(value)) {
		if (required) throw new KrakenValidationError(field, 'is required');
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new KrakenValidationError(field, `must be text, got ${describe(value)}`);
	}
	return String(value).trim();
}

export function readNumber(input: RawInput, field: string, required: true): number;
export function readNumber(input: RawInput, field: string, required?: false): number | undefined;
export function readNumber(input: RawInput, field: string, required = false): number | undefined {
	const value = input[field];
	if (isBlank(value)) {
		if (required) throw new KrakenValidationError(field, 'is required');
		return undefined;
	}
	const parsed = toNumber(value);
	if (typeof value === 'number' && parsed === undefined)
		throw new KrakenValidationError(field, `must be a finite number, got ${describe(value)}`);
	if (parsed === undefined)
		throw new KrakenValidationError(field, `must be a number in decimal notation, got ${describe(value)}`);
	return parsed;
}

export function readPositiveNumber(input: RawInput, field: string, required: true): number;
export function readPositiveNumber(input: RawInput, field: string, required?: false): number | undefined;
export function readPositiveNumber(input: RawInput, field: string, required = false): number | undefined {
	const parsed = required ? readNumber(input, field, true) : readNumber(input, field);
	if (parsed !== undefined && parsed <= 0) {
		throw new KrakenValidationError(field, `must be greater than 0, got ${parsed}`);
	}
	return parsed;
}

export function readBoolean(input: RawInput, field: string): boolean | undefined {
	const value = input[field];
	if (isBlank(value)) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new KrakenValidationError(field, `must be true or false, got ${describe(value)}`);
}

/** One of `allowed` (matched case-insensitively, returned in the spelling Kraken expects). */
export function readChoice<T extends string>(
	input: RawInput,
	field: string,
	allowed: readonly T[],
	aliases: Readonly<Record<string, T>> = {},
): T | undefined {
	const text = readString(input, field);
	if (text === undefined) return undefined;
	const lower = text.toLowerCase();
	// Own keys only: "constructor" or "__proto__" must not find Object.prototype members.
	const match =
		allowed.find((choice) => choice.toLowerCase() === lower) ??
		(Object.hasOwn(aliases, lower) ? aliases[lower] : undefined);
	if (match === undefined) {
		throw new KrakenValidationError(field, `must be one of ${allowed.join(', ')}, got ${describe(text)}`);
	}
	return match;
}

/** An ISO 8601 time; epoch milliseconds and Date objects are accepted and converted. */
export function readTime(input: RawInput, field: string): string | undefined {
	const value = input[field];
	if (isBlank(value)) return undefined;
	const time =
		value instanceof Date
			? value.getTime()
			: typeof value === 'number'
				? value
				: typeof value === 'string'
					? /^\d+$/.test(value.trim())
						? Number(value)
						: Date.parse(value)
					: Number.NaN;
	// Date covers ±8.64e15 ms around 1970; beyond that toISOString() would throw.
	if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) {
		throw new KrakenValidationError(
			field,
			`must be an ISO 8601 time or epoch milliseconds, got ${describe(value)}`,
		);
	}
	return new Date(time).toISOString();
}

/** A comma- or space-separated list (or an array) of symbols, upper-cased, without duplicates. */
export function readSymbols(value: unknown, field = 'symbols'): string[] {
	if (isBlank(value)) return [];
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : undefined;
	if (items === undefined)
		throw new KrakenValidationError(field, `must be a list of symbols, got ${describe(value)}`);
	const symbols = items.map((item) => String(item).trim().toUpperCase()).filter((item) => item !== '');
	return [...new Set(symbols)];
}
