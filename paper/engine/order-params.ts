import type { InstrumentSpec } from '../instruments';
import { isOnGrid, sizeStep } from '../instruments';
import type { OrderType, Side, TriggerSignal } from './types';
import { PaperApiError } from './errors';

export type FieldValue = string | string[] | number | boolean | null | undefined;
export type Fields = Record<string, FieldValue>;

export interface OrderRequest {
	orderType: OrderType;
	symbol: string;
	side: Side;
	size: number;
	limitPrice: number | null;
	stopPrice: number | null;
	cliOrdId: string | null;
	triggerSignal: TriggerSignal;
	reduceOnly: boolean;
	trailing?: { maxDeviation: number; unit: 'PERCENT' | 'QUOTE_CURRENCY' };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; status: string };

const ORDER_TYPES: OrderType[] = ['lmt', 'post', 'ioc', 'mkt', 'fok', 'stp', 'take_profit', 'trailing_stop'];
const TRIGGER_TYPES: OrderType[] = ['stp', 'take_profit', 'trailing_stop'];
const LIMIT_TYPES: OrderType[] = ['lmt', 'post', 'ioc', 'fok'];
export const MAX_CLIENT_ORDER_ID_LENGTH = 100;

export function text(fields: Fields, key: string): string | undefined {
	const value = fields[key];
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.length > 0 ? String(value[value.length - 1]) : undefined;
	const result = String(value);
	return result === '' ? undefined : result;
}

export function list(fields: Fields, key: string): string[] {
	const value = fields[key];
	if (value === undefined || value === null) return [];
	return (Array.isArray(value) ? value : [String(value)]).filter((item) => item !== '');
}

export function required(fields: Fields, key: string): string {
	const value = text(fields, key);
	if (value === undefined)
		throw new PaperApiError('requiredArgumentMissing', 200, { errors: [`${key} is required`] });
	return value;
}

export function number(value: string | undefined): number | null {
	if (value === undefined) return null;
	const parsed = Number(value);
	return value.trim() === '' || !Number.isFinite(parsed) ? Number.NaN : parsed;
}

export function bool(value: string | undefined): boolean {
	return value !== undefined && value.toLowerCase() === 'true';
}

function priceValid(price: number | null, spec: InstrumentSpec): boolean {
	return price === null || (Number.isFinite(price) && price > 0 && isOnGrid(price, spec.tickSize));
}

export function sizeValid(size: number, spec: InstrumentSpec): boolean {
	return Number.isFinite(size) && size > 0 && isOnGrid(size, sizeStep(spec));
}

/**
 * Reads a sendorder request. Missing mandatory fields are top-level errors; everything Kraken answers with
 * a `sendStatus.status` comes back as `{ ok: false, status }`.
 */
export function parseOrderRequest(
	fields: Fields,
	lookup: (symbol: string) => InstrumentSpec | undefined,
): Validation<OrderRequest> {
	const orderTypeText = required(fields, 'orderType').toLowerCase();
	const symbolText = required(fields, 'symbol');
	const sideText = required(fields, 'side').toLowerCase();
	const sizeText = required(fields, 'size');
	if (!ORDER_TYPES.includes(orderTypeText as OrderType)) return { ok: false, status: 'invalidOrderType' };
	const orderType = orderTypeText as OrderType;
	if (sideText !== 'buy' && sideText !== 'sell') return { ok: false, status: 'invalidSide' };
	const spec = lookup(symbolText);
	if (!spec) throw new PaperApiError('contractNotFound');
	const cliOrdId = text(fields, 'cliOrdId') ?? null;
	if (cliOrdId !== null && cliOrdId.length > MAX_CLIENT_ORDER_ID_LENGTH)
		return { ok: false, status: 'clientOrderIdTooLong' };
	const size = number(sizeText) ?? Number.NaN;
	if (!sizeValid(size, spec)) return { ok: false, status: 'invalidSize' };
	const limitPrice = number(text(fields, 'limitPrice'));
	const stopPrice = number(text(fields, 'stopPrice'));
	if (LIMIT_TYPES.includes(orderType) && limitPrice === null) required(fields, 'limitPrice');
	if ((orderType === 'stp' || orderType === 'take_profit') && stopPrice === null)
		required(fields, 'stopPrice');
	if (!priceValid(limitPrice, spec) || !priceValid(stopPrice, spec))
		return { ok: false, status: 'invalidPrice' };
	const signalText = (text(fields, 'triggerSignal') ?? 'mark').toLowerCase();
	const triggerSignal = signalText === 'spot' ? 'index' : signalText;
	if (!['mark', 'index', 'last'].includes(triggerSignal)) throw new PaperApiError('invalidArgument');
	const request: OrderRequest = {
		orderType,
		symbol: spec.symbol,
		side: sideText,
		size,
		limitPrice: orderType === 'mkt' || orderType === 'trailing_stop' ? null : limitPrice,
		stopPrice: TRIGGER_TYPES.includes(orderType) && orderType !== 'trailing_stop' ? stopPrice : null,
		cliOrdId,
		triggerSignal: triggerSignal as TriggerSignal,
		reduceOnly: bool(text(fields, 'reduceOnly')),
	};
	if (orderType === 'trailing_stop') {
		const deviation = number(required(fields, 'trailingStopMaxDeviation')) ?? Number.NaN;
		const unit = required(fields, 'trailingStopDeviationUnit').toUpperCase();
		if (unit !== 'PERCENT' && unit !== 'QUOTE_CURRENCY') throw new PaperApiError('invalidArgument');
		const inRange = unit === 'PERCENT' ? deviation >= 0.1 && deviation <= 50 : deviation > 0;
		if (!Number.isFinite(deviation) || !inRange) return { ok: false, status: 'invalidPrice' };
		if (unit === 'QUOTE_CURRENCY' && !isOnGrid(deviation, spec.tickSize))
			return { ok: false, status: 'invalidPrice' };
		request.trailing = { maxDeviation: deviation, unit };
	}
	return { ok: true, value: request };
}

export function isTriggerType(orderType: OrderType): boolean {
	return TRIGGER_TYPES.includes(orderType);
}
