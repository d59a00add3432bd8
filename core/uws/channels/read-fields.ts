import { toNumber } from '../../numbers';
import type { WireName } from '../unverified';

/** Small readers the account channel mappings share: every wire name comes from unverified.ts. */

export type WireRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is WireRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readText(record: WireRecord, field: WireName): string | undefined {
	const value = record[field.name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readNumber(record: WireRecord, field: WireName): number | undefined {
	return toNumber(record[field.name]);
}

/** Puts `value` under `key` unless it is undefined. */
export function setDefined(target: WireRecord, key: string, value: unknown): void {
	if (value !== undefined) target[key] = value;
}
