import { toNumber } from '../../numbers';
import type { WireName } from '../unverified';

/** One wire item as received: every parser reads it through these helpers, by the names in unverified.ts. */
export type WireItem = Record<string, unknown>;

export function asItem(value: unknown): WireItem | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as WireItem)
		: undefined;
}

export function numberAt(item: WireItem, wire: WireName): number | undefined {
	return toNumber(item[wire.name]);
}

export function textAt(item: WireItem, wire: WireName): string | undefined {
	const value = item[wire.name];
	if (typeof value === 'string' && value !== '') return value;
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** An RFC 3339 time (as UWS sends times) or epoch milliseconds, as epoch milliseconds. */
export function timeAt(item: WireItem, wire: WireName): number | undefined {
	const value = item[wire.name];
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value === '') return undefined;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** Copies the defined values only: a field Kraken did not send stays absent instead of becoming 0. */
export function withDefined<T extends object>(target: T, extras: Record<string, unknown>): T {
	for (const [key, value] of Object.entries(extras)) {
		if (value !== undefined) (target as Record<string, unknown>)[key] = value;
	}
	return target;
}
