import type { FillSource, KrakenFill } from '../../ws/types';
import { EXEC_TYPE_TRADE, EXECUTION_FIELD as F, LIQUIDITY_MAKER, LIQUIDITY_TAKER } from '../unverified';
import { asItem, numberAt, textAt, timeAt, withDefined, type WireItem } from './read';

function fillType(item: WireItem): string {
	if (item[F.liquidated.name] === true) return 'liquidation';
	const liquidity = textAt(item, F.liquidityInd);
	if (liquidity === LIQUIDITY_MAKER.name) return 'maker';
	if (liquidity === LIQUIDITY_TAKER.name) return 'taker';
	return liquidity ?? '';
}

/** The first fee entry (`fees[{asset, qty}]`); v1 fills carry one fee and one currency. */
function feeOf(item: WireItem): { feePaid?: number; feeCurrency?: string } {
	const fees = item[F.fees.name];
	const first = Array.isArray(fees) ? asItem(fees[0]) : undefined;
	if (!first) return {};
	return withDefined({}, { feePaid: numberAt(first, F.feeQty), feeCurrency: textAt(first, F.feeAsset) });
}

/**
 * An `executions` item as a fill in the shape the v1 client delivers (`fill_id`, `order_id`,
 * `cliOrdId`, `size`, `price`, `fillTime`, `fillType`, …), or undefined when the item is not a
 * trade event. `exec_id` becomes `fill_id` and is treated as an opaque string.
 */
export function fillOfExecution(value: unknown, source: FillSource): KrakenFill | undefined {
	const item = asItem(value);
	if (!item || textAt(item, F.execType) !== EXEC_TYPE_TRADE.name) return undefined;
	const fillId = textAt(item, F.execId);
	const symbol = textAt(item, F.symbol);
	const size = numberAt(item, F.lastQty);
	const price = numberAt(item, F.lastPrice);
	const time = timeAt(item, F.timestamp);
	if (!fillId || !symbol || size === undefined || price === undefined || time === undefined) return undefined;
	const orderQty = numberAt(item, F.orderQty);
	const cumQty = numberAt(item, F.cumQty);
	return withDefined<KrakenFill>(
		{
			fill_id: fillId,
			order_id: textAt(item, F.orderId) ?? '',
			symbol,
			side: textAt(item, F.side) === 'buy' ? 'buy' : 'sell',
			size,
			price,
			fillTime: new Date(time).toISOString(),
			time,
			fillType: fillType(item),
			source,
			raw: item,
		},
		{
			cliOrdId: textAt(item, F.clOrdId),
			orderType: textAt(item, F.orderType),
			remainingOrderQty: orderQty !== undefined && cumQty !== undefined ? orderQty - cumQty : undefined,
			...feeOf(item),
		},
	);
}

/** The fills of an executions push, oldest first (a snapshot's order is not documented). */
export function fillsOfExecutions(data: unknown[], source: FillSource): KrakenFill[] {
	return data
		.map((item) => fillOfExecution(item, source))
		.filter((fill): fill is KrakenFill => fill !== undefined)
		.sort((a, b) => a.time - b.time);
}
