import type { IExecuteFunctions } from 'n8n-workflow';

import {
	checkOrderGuards,
	orderNotional,
	toNumber,
	type GuardedOrder,
	type OrderGuards,
} from '../../../core';
import type { KrakenFuturesTradingApi } from '../../../core/api';
import { readCollection, splitList } from './params';

export function readGuards(ctx: IExecuteFunctions, itemIndex: number): OrderGuards {
	const raw = readCollection(ctx, 'guards', itemIndex);
	const guards: OrderGuards = {};
	const allowed = splitList(raw.allowedSymbols);
	if (allowed.length > 0) guards.allowedSymbols = allowed;
	const maxSize = toNumber(raw.maxSize);
	if (maxSize !== undefined && maxSize > 0) guards.maxSize = maxSize;
	const maxNotional = toNumber(raw.maxNotional);
	if (maxNotional !== undefined && maxNotional > 0) guards.maxNotional = maxNotional;
	if (raw.reduceOnly === true) guards.reduceOnly = true;
	return guards;
}

/**
 * Checks an order against the node's limits. Everything that needs no market data is checked
 * first; only a market-priced order under a notional limit costs one public ticker read.
 */
export async function enforceGuards(
	client: KrakenFuturesTradingApi,
	order: GuardedOrder,
	guards: OrderGuards,
): Promise<void> {
	const { maxNotional, ...withoutNotional } = guards;
	checkOrderGuards(order, withoutNotional);
	if (maxNotional === undefined) return;
	let referencePrice: number | undefined;
	if (orderNotional(order) === undefined) {
		const { ticker } = await client.getTicker(order.symbol);
		referencePrice = toNumber(ticker.markPrice) ?? toNumber(ticker.last);
	}
	checkOrderGuards(order, guards, referencePrice);
}
