import type { InstrumentMarket } from '../market/instrument-market';
import { pnlOf } from './pnl';
import type { Account, Fill, Order, Position } from './types';
import { initialMarginFor } from './margin';
import { isTriggerType } from './order-params';

type Json = Record<string, unknown>;

export const iso = (ms: number) => new Date(ms).toISOString();

/** The order `type` in events: a market order is an IOC with price protection (§3.3). */
function eventOrderType(order: Order): string {
	return order.orderType === 'mkt' ? 'ioc' : order.orderType;
}

/** `order` inside orderEvents (PLACE, EXECUTION, CANCEL, REJECT). */
export function eventOrder(order: Order): Json {
	return {
		orderId: order.orderId,
		cliOrdId: order.cliOrdId,
		type: eventOrderType(order),
		symbol: order.symbol,
		side: order.side,
		quantity: order.quantity,
		filled: order.filled,
		limitPrice: order.limitPrice,
		reduceOnly: order.reduceOnly,
		timestamp: iso(order.receivedTime),
		lastUpdateTimestamp: iso(order.lastUpdateTime),
	};
}

const SIGNAL_NAMES = { mark: 'mark_price', last: 'last_price', index: 'spot_price' } as const;

/** A stop/take-profit/trailing stop buys above and sells below, a take-profit the other way round. */
export function triggerSide(order: Order): 'trigger_above' | 'trigger_below' {
	const above = order.orderType === 'take_profit' ? order.side === 'sell' : order.side === 'buy';
	return above ? 'trigger_above' : 'trigger_below';
}

export function eventTrigger(order: Order): Json {
	const trigger: Json = {
		uid: order.orderId,
		clientId: order.cliOrdId,
		type: order.limitPrice === null ? 'mkt' : 'lmt',
		symbol: order.symbol,
		side: order.side,
		quantity: order.quantity,
		limitPrice: order.limitPrice,
		triggerPrice: order.stopPrice,
		triggerSide: triggerSide(order),
		triggerSignal: SIGNAL_NAMES[order.triggerSignal],
		reduceOnly: order.reduceOnly,
		timestamp: iso(order.receivedTime),
		lastUpdateTimestamp: iso(order.lastUpdateTime),
		startTime: null,
	};
	if (order.trailing) {
		trigger.trailingStopOptions = { maxDeviation: order.trailing.maxDeviation, unit: order.trailing.unit };
	}
	return trigger;
}

/** `openorders` element (§3.9). */
export function restOpenOrder(order: Order): Json {
	const json: Json = {
		order_id: order.orderId,
		status: order.filled > 0 ? 'partiallyFilled' : 'untouched',
		side: order.side,
		orderType: order.orderType,
		symbol: order.symbol,
		filledSize: order.filled,
		unfilledSize: Number((order.quantity - order.filled).toFixed(12)),
		reduceOnly: order.reduceOnly,
		lastUpdateTime: iso(order.lastUpdateTime),
		receivedTime: iso(order.receivedTime),
	};
	if (order.cliOrdId !== null) json.cliOrdId = order.cliOrdId;
	if (order.limitPrice !== null) json.limitPrice = order.limitPrice;
	if (order.stopPrice !== null) json.stopPrice = order.stopPrice;
	if (isTriggerType(order.orderType))
		json.triggerSignal = order.triggerSignal === 'index' ? 'spot' : order.triggerSignal;
	return json;
}

const WS_ORDER_TYPES: Record<string, string> = {
	stp: 'stop',
	take_profit: 'take_profit',
	trailing_stop: 'trailing_stop',
};

/** WS `open_orders` order (§2.11); `qty` is the remaining quantity, `direction` 0 = buy. */
export function wsOrder(order: Order): Json {
	const json: Json = {
		instrument: order.symbol,
		time: order.receivedTime,
		last_update_time: order.lastUpdateTime,
		qty: Number((order.quantity - order.filled).toFixed(12)),
		filled: order.filled,
		limit_price: order.limitPrice ?? 0,
		stop_price: order.stopPrice ?? 0,
		type: WS_ORDER_TYPES[order.orderType] ?? 'limit',
		order_id: order.orderId,
		direction: order.side === 'buy' ? 0 : 1,
		reduce_only: order.reduceOnly,
	};
	if (order.cliOrdId !== null) json.cli_ord_id = order.cliOrdId;
	if (isTriggerType(order.orderType))
		json.triggerSignal = order.triggerSignal === 'index' ? 'spot' : order.triggerSignal;
	if (order.trailing) {
		json.trailing_stop_options = {
			max_deviation: order.trailing.maxDeviation,
			unit: order.trailing.unit.toLowerCase(),
		};
	}
	return json;
}

export function restFill(fill: Fill): Json {
	const json: Json = {
		fill_id: fill.fillId,
		symbol: fill.symbol,
		side: fill.side,
		order_id: fill.orderId,
		size: fill.size,
		price: fill.price,
		fillTime: iso(fill.time),
		fillType: fill.fillType,
	};
	if (fill.cliOrdId !== null) json.cliOrdId = fill.cliOrdId;
	return json;
}

const WS_FILL_ORDER_TYPES: Record<string, string> = {
	mkt: 'market',
	fok: 'fillOrKill',
	take_profit: 'lmt',
	trailing_stop: 'stp',
};

export function wsFill(fill: Fill): Json {
	const orderType = WS_FILL_ORDER_TYPES[fill.orderType] ?? fill.orderType;
	const json: Json = {
		instrument: fill.symbol,
		time: fill.time,
		price: fill.price,
		seq: fill.seq,
		buy: fill.side === 'buy',
		qty: fill.size,
		remaining_order_qty: fill.remainingOrderQty,
		order_id: fill.orderId,
		fill_id: fill.fillId,
		fill_type: fill.fillType,
		fee_paid: fill.fee,
		fee_currency: fill.feeCurrency,
		taker_order_type: fill.fillType === 'taker' ? orderType : 'lmt',
		order_type: orderType,
	};
	if (fill.cliOrdId !== null) json.cli_ord_id = fill.cliOrdId;
	return json;
}

export function restPosition(account: Account, position: Position, market: InstrumentMarket): Json {
	const json: Json = {
		side: position.size > 0 ? 'long' : 'short',
		symbol: position.symbol,
		price: position.entryPrice,
		fillTime: iso(position.fillTime),
		size: Math.abs(position.size),
		unrealizedFunding: position.unrealizedFunding,
	};
	if (market.spec.family === 'linear') json.pnlCurrency = account.pnlPreference.get(position.symbol) ?? 'USD';
	return json;
}

export function wsPosition(
	account: Account,
	position: Position,
	market: InstrumentMarket,
	equity: number,
): Json {
	const pnl = pnlOf(market.spec.family, position.size, position.entryPrice, market.markPrice);
	const initialMargin = initialMarginFor(account, market.spec, position.size, market.markPrice);
	const notional =
		market.spec.family === 'inverse'
			? Math.abs(position.size) / market.markPrice
			: Math.abs(position.size) * market.markPrice;
	const json: Json = {
		instrument: position.symbol,
		balance: position.size,
		pnl,
		entry_price: position.entryPrice,
		mark_price: market.markPrice,
		index_price: market.indexPrice,
		liquidation_threshold: 0,
		effective_leverage: equity > 0 ? notional / equity : 0,
		return_on_equity: initialMargin > 0 ? pnl / initialMargin : 0,
		initial_margin: initialMargin,
		initial_margin_with_orders: initialMargin,
		maintenance_margin: initialMargin / 2,
		unrealized_funding: position.unrealizedFunding,
	};
	if (market.spec.family === 'linear')
		json.pnl_currency = account.pnlPreference.get(position.symbol) ?? 'USD';
	return json;
}
