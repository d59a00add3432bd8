import type { WireName } from '../unverified';
import { isRecord, type WireRecord } from './read-fields';
import { wireTimeToMs } from './wire-time';

export { readNumber as numberAt, type WireRecord as WireItem } from './read-fields';

/** The item when it is a JSON object, else undefined (for `.map(asItem)` over a push's data). */
export function asItem(value: unknown): WireRecord | undefined {
	return isRecord(value) ? value : undefined;
}

/** A text field; a number is accepted and written out (UWS trade ids are integers, v1 uids text). */
export function textAt(item: WireRecord, wire: WireName): string | undefined {
	const value = item[wire.name];
	if (typeof value === 'string' && value !== '') return value;
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** An RFC 3339 time (as UWS sends times) or epoch milliseconds, as epoch milliseconds. */
export function timeAt(item: WireRecord, wire: WireName): number | undefined {
	const value = item[wire.name];
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value === '') return undefined;
	return wireTimeToMs(value);
}

/** Copies the defined values only: a field Kraken did not send stays absent instead of becoming 0. */
export function withDefined<T extends object>(target: T, extras: Record<string, unknown>): T {
	for (const [key, value] of Object.entries(extras)) {
		if (value !== undefined) (target as Record<string, unknown>)[key] = value;
	}
	return target;
}
