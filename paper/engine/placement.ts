import { roundToStep, sizeStep, marginAccountOf } from '../instruments';
import { liquidityWithin, takeLiquidity } from '../market/book';
import type { InstrumentMarket } from '../market/instrument-market';
import type { EngineContext } from './context';
import { marketOf } from './context';
import { historyOrder, orderEventElement } from './history';
import { bookExecution } from './ledger';
import { initialMarginFor, summarizeWallet } from './margin';
import { afterExecution, findOpenOrder, rememberClosed, restOrder } from './order-book';
import type { OrderRequest } from './order-params';
import { isTriggerType } from './order-params';
import type { Account, Order } from './types';
import { eventOrder, eventTrigger, iso } from './views';

type Json = Record<string, unknown>;

/** A market order is an IOC no worse than 1 % from the mark price (§3.3). */
export const MARKET_PROTECTION = 0.01;

const REJECT_REASONS: Record<string, string> = {
	postWouldExecute: 'POST_WOULD_EXECUTE',
	iocWouldNotExecute: 'IOC_WOULD_NOT_EXECUTE',
	wouldNotReducePosition: 'WOULD_NOT_REDUCE_POSITION',
	insufficientAvailableFunds: 'INSUFFICIENT_MARGIN',
	marketSuspended: 'MARKET_SUSPENDED',
	clientOrderIdAlreadyExist: 'CLIENT_ORDER_ID_IN_USE',
	maxPositionViolation: 'MAX_POSITION_EXCEEDED',
};

export interface PlacementResult {
	status: string;
	order: Order;
	orderEvents: Json[];
}

export function newOrder(context: EngineContext, account: Account, request: OrderRequest): Order {
	const time = context.now();
	const signal = marketOf(context, request.symbol);
	const order: Order = {
		orderId: context.ids.uuid(),
		cliOrdId: request.cliOrdId,
		accountId: account.id,
		symbol: request.symbol,
		side: request.side,
		orderType: request.orderType,
		quantity: request.size,
		filled: 0,
		limitPrice: request.limitPrice,
		stopPrice: request.stopPrice,
		triggerSignal: request.triggerSignal,
		reduceOnly: request.reduceOnly,
		receivedTime: time,
		lastUpdateTime: time,
		state: 'open',
	};
	if (request.trailing) {
		order.trailing = { ...request.trailing, extreme: signalPrice(signal, order) };
		order.stopPrice = trailingStopPrice(order, signal.spec.tickSize);
	}
	return order;
}

/** A trailing stop's trigger: the deviation (percent or quote) away from the best signal price seen. */
export function trailingStopPrice(order: Order, tickSize: number): number | null {
	const trailing = order.trailing;
	if (!trailing) return order.stopPrice;
	const distance =
		trailing.unit === 'PERCENT' ? (trailing.extreme * trailing.maxDeviation) / 100 : trailing.maxDeviation;
	return roundToStep(
		order.side === 'sell' ? trailing.extreme - distance : trailing.extreme + distance,
		tickSize,
	);
}

export function signalPrice(market: InstrumentMarket, order: Order): number {
	if (order.triggerSignal === 'index') return market.indexPrice;
	if (order.triggerSignal === 'last') return market.last;
	return market.markPrice;
}

/** The rejection answer: status, a REJECT event, and an `OrderRejected` history element. */
export function rejectOrder(
	context: EngineContext,
	account: Account,
	order: Order,
	status: string,
): PlacementResult {
	const time = context.now();
	order.state = 'rejected';
	order.closedTime = time;
	rememberClosed(account, order);
	const reason = REJECT_REASONS[status] ?? status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
	account.orderHistory.push(
		orderEventElement(context.ids.uuid(), time, 'OrderRejected', { order: historyOrder(order), reason }),
	);
	const event: Json = { type: 'REJECT', uid: order.orderId, reason };
	if (isTriggerType(order.orderType)) event.orderTrigger = eventTrigger(order);
	else event.order = eventOrder(order);
	return { status, order, orderEvents: [event] };
}

/** Takes liquidity for `order` up to `worstPrice`; returns one EXECUTION event per level taken. */
export function executeAsTaker(
	context: EngineContext,
	account: Account,
	order: Order,
	worstPrice: number,
): Json[] {
	const market = marketOf(context, order.symbol);
	const step = sizeStep(market.spec);
	const remaining = roundToStep(order.quantity - order.filled, step);
	const executions = takeLiquidity(market.book, order.side, remaining, worstPrice, step);
	const events: Json[] = [];
	for (const execution of executions) {
		const prior = eventOrder(order);
		const fill = bookExecution(context, account, order, execution.qty, execution.price, 'taker');
		market.recordTrade(context.ids.uuid(), order.side, execution.price, execution.qty, fill.time);
		events.push({
			type: 'EXECUTION',
			executionId: fill.fillId,
			price: execution.price,
			amount: execution.qty,
			orderPriorEdit: null,
			orderPriorExecution: prior,
			takerReducedQuantity: null,
		});
	}
	return events;
}

export function protectedMarketPrice(market: InstrumentMarket, side: 'buy' | 'sell'): number {
	const factor = side === 'buy' ? 1 + MARKET_PROTECTION : 1 - MARKET_PROTECTION;
	return roundToStep(market.markPrice * factor, market.spec.tickSize);
}

function crosses(market: InstrumentMarket, side: 'buy' | 'sell', price: number): boolean {
	const best = side === 'buy' ? market.book.asks[0]?.price : market.book.bids[0]?.price;
	if (best === undefined) return false;
	return side === 'buy' ? price >= best : price <= best;
}

/** Pre-trade checks shared by new orders: suspension, client id, reduce-only, position limit, margin. */
function preTradeStatus(context: EngineContext, account: Account, order: Order): string | undefined {
	const market = marketOf(context, order.symbol);
	const spec = market.spec;
	if (market.suspended) return 'marketSuspended';
	if (order.cliOrdId !== null && findOpenOrder(account, undefined, order.cliOrdId))
		return 'clientOrderIdAlreadyExist';
	const position = account.positions.get(spec.symbol)?.size ?? 0;
	const signed = order.side === 'buy' ? order.quantity : -order.quantity;
	const opposite = position !== 0 && Math.sign(position) !== Math.sign(signed) ? Math.abs(position) : 0;
	if (order.reduceOnly) {
		if (opposite === 0) return 'wouldNotReducePosition';
		order.quantity = Math.min(order.quantity, opposite);
		return undefined;
	}
	if (Math.abs(position + signed) > spec.maxPositionSize && Math.abs(position + signed) > Math.abs(position))
		return 'maxPositionViolation';
	const increase = Math.max(0, order.quantity - opposite);
	if (increase === 0) return undefined;
	const price = order.limitPrice ?? order.stopPrice ?? market.markPrice;
	const required = initialMarginFor(account, spec, increase, price);
	const available = summarizeWallet(account, marginAccountOf(spec), (symbol) =>
		marketOf(context, symbol),
	).available;
	return required > available ? 'insufficientAvailableFunds' : undefined;
}

/** Places a new order and answers with Kraken's sendStatus status and orderEvents. */
export function placeOrder(context: EngineContext, account: Account, request: OrderRequest): PlacementResult {
	const order = newOrder(context, account, request);
	const requestedQuantity = order.quantity;
	const rejection = preTradeStatus(context, account, order);
	if (rejection) return rejectOrder(context, account, order, rejection);
	const reducedQuantity = order.quantity !== requestedQuantity ? order.quantity : null;
	const market = marketOf(context, order.symbol);
	const time = context.now();
	const placed = () =>
		account.orderHistory.push(
			orderEventElement(context.ids.uuid(), time, 'OrderPlaced', {
				order: historyOrder(order),
				reason: 'new_user_order',
				reducedQuantity: reducedQuantity === null ? '' : String(reducedQuantity),
			}),
		);
	if (isTriggerType(order.orderType)) {
		placed();
		restOrder(context, account, order, 'new_placed_order_by_user');
		return {
			status: 'placed',
			order,
			orderEvents: [{ type: 'PLACE', orderTrigger: eventTrigger(order), reducedQuantity }],
		};
	}
	const limit = order.limitPrice ?? protectedMarketPrice(market, order.side);
	if (order.orderType === 'post' && crosses(market, order.side, limit))
		return rejectOrder(context, account, order, 'postWouldExecute');
	const immediate = order.orderType === 'ioc' || order.orderType === 'mkt' || order.orderType === 'fok';
	if (order.orderType === 'fok' && liquidityWithin(market.book, order.side, limit) < order.quantity)
		return rejectOrder(context, account, order, 'iocWouldNotExecute');
	if (immediate && !crosses(market, order.side, limit))
		return rejectOrder(context, account, order, 'iocWouldNotExecute');
	placed();
	const events: Json[] = [];
	const rests = !immediate;
	if (rests) events.push({ type: 'PLACE', order: eventOrder(order), reducedQuantity });
	const executions = executeAsTaker(context, account, order, limit);
	events.push(...executions);
	if (executions.length > 0) afterExecution(context, account, order, false);
	if (order.state === 'open') {
		if (rests) restOrder(context, account, order, 'new_placed_order_by_user');
		else {
			order.state = 'cancelled';
			order.closedTime = time;
			rememberClosed(account, order);
		}
	}
	return { status: 'placed', order, orderEvents: events };
}

export function sendStatus(result: PlacementResult, receivedTime: number): Json {
	const status: Json = {
		order_id: result.order.orderId,
		status: result.status,
		receivedTime: iso(receivedTime),
		orderEvents: result.orderEvents,
	};
	if (result.order.cliOrdId !== null) status.cliOrdId = result.order.cliOrdId;
	return status;
}
