import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { KrakenValidationError, toNumber } from '../../../core';

/**
 * Parameter readers that reject bad input with a `KrakenValidationError` naming the parameter,
 * before anything is sent. Names in messages are the ones the user sees in the node.
 */

export function readString(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new KrakenValidationError(label, 'is required');
	return text;
}

export function checkPositive(value: unknown, label: string): number {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		throw new KrakenValidationError(label, 'is required');
	const parsed = toNumber(value);
	if (parsed === undefined)
		throw new KrakenValidationError(label, `must be a number, not "${String(value)}"`);
	if (parsed <= 0) throw new KrakenValidationError(label, `must be greater than 0, not ${parsed}`);
	return parsed;
}

export function readPositive(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): number {
	return checkPositive(ctx.getNodeParameter(name, itemIndex, undefined), label);
}

/** An optional number: empty or absent is `undefined`; anything else must be a positive number. */
export function optionalPositive(value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return checkPositive(value, label);
}

/** An ISO date-time (n8n date fields, expressions yielding strings or Luxon/Date values). */
export function optionalIsoTime(value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = new Date(typeof value === 'object' ? String(value) : (value as string | number));
	if (Number.isNaN(time.getTime()))
		throw new KrakenValidationError(label, `is not a valid date and time: "${String(value)}"`);
	return time.toISOString();
}

/** Epoch milliseconds from a date-time parameter. */
export function optionalEpochMs(value: unknown, label: string): number | undefined {
	const iso = optionalIsoTime(value, label);
	return iso === undefined ? undefined : Date.parse(iso);
}

/** A list typed as "a, b, c" or given as an array by an expression. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map(String)
		: typeof value === 'string'
			? value.split(/[\s,]+/)
			: [];
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function readCollection(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}
