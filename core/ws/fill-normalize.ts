import { toNumber } from '../numbers';
import type { FillSource, KrakenFill } from './types';

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function withOptional(fill: KrakenFill, extras: Partial<KrakenFill>): KrakenFill {
	for (const [key, value] of Object.entries(extras)) {
		if (value !== undefined) (fill as unknown as Record<string, unknown>)[key] = value;
	}
	return fill;
}

/**
 * A fill of the WS `fills` feed (`instrument`, `time` ms, `qty`, `buy`, `fill_type`, `cli_ord_id`,
 * `fee_paid`, ...) in the common shape. Returns undefined for objects that are not fills.
 */
export function normalizeWsFill(raw: unknown, source: FillSource): KrakenFill | undefined {
	if (raw === null || typeof raw !== 'object') return undefined;
	const fill = raw as Record<string, unknown>;
	const fillId = text(fill.fill_id);
	const time = toNumber(fill.time);
	const size = toNumber(fill.qty);
	const price = toNumber(fill.price);
	const symbol = text(fill.instrument);
	if (!fillId || time === undefined || size === undefined || price === undefined || !symbol) return undefined;
	return withOptional(
		{
			fill_id: fillId,
			order_id: text(fill.order_id) ?? '',
			symbol,
			side: fill.buy === true ? 'buy' : 'sell',
			size,
			price,
			fillTime: new Date(time).toISOString(),
			time,
			fillType: text(fill.fill_type) ?? '',
			source,
			raw: fill,
		},
		{
			cliOrdId: text(fill.cli_ord_id),
			feePaid: toNumber(fill.fee_paid),
			feeCurrency: text(fill.fee_currency),
			orderType: text(fill.order_type),
			takerOrderType: text(fill.taker_order_type),
			remainingOrderQty: toNumber(fill.remaining_order_qty),
		},
	);
}

/** A fill of REST `fills` (`fill_id`, `symbol`, `side`, `size`, `price`, ISO `fillTime`, `fillType`, `cliOrdId`). */
export function normalizeRestFill(raw: unknown): KrakenFill | undefined {
	if (raw === null || typeof raw !== 'object') return undefined;
	const fill = raw as Record<string, unknown>;
	const fillId = text(fill.fill_id);
	const fillTime = text(fill.fillTime);
	const time = fillTime === undefined ? Number.NaN : Date.parse(fillTime);
	const size = toNumber(fill.size);
	const price = toNumber(fill.price);
	const symbol = text(fill.symbol);
	if (!fillId || Number.isNaN(time) || size === undefined || price === undefined || !symbol) return undefined;
	return withOptional(
		{
			fill_id: fillId,
			order_id: text(fill.order_id) ?? '',
			symbol,
			side: fill.side === 'buy' ? 'buy' : 'sell',
			size,
			price,
			fillTime: new Date(time).toISOString(),
			time,
			fillType: text(fill.fillType) ?? '',
			source: 'rest',
			raw: fill,
		},
		{ cliOrdId: text(fill.cliOrdId) },
	);
}
