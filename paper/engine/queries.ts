import type { EngineContext } from './context';
import { marketOf } from './context';
import { PaperApiError } from './errors';
import { publicLogEntry } from './history';
import { summarizeWallet } from './margin';
import type { Fields } from './order-params';
import { list, text, isTriggerType } from './order-params';
import type { Account, Order } from './types';
import { iso, restFill, restOpenOrder, restPosition, wsFill, wsOrder, wsPosition } from './views';
import { marginAccountOf } from '../instruments';

type Json = Record<string, unknown>;

/** `orders/status` reports orders that are open or left the book in the last five seconds. */
const RECENTLY_CLOSED_MS = 5_000;

function newestFirst(orders: Iterable<Order>): Order[] {
	return [...orders].reverse().sort((a, b) => b.receivedTime - a.receivedTime);
}

export function openOrders(account: Account): Json {
	return { openOrders: newestFirst(account.orders.values()).map(restOpenOrder) };
}

function statusOf(order: Order): string {
	if (order.state === 'open') {
		if (isTriggerType(order.orderType)) return 'TRIGGER_PLACED';
		return order.filled > 0 ? 'PARTIALLY_FILLED' : 'ENTERED_BOOK';
	}
	if (order.state === 'filled') return 'FULLY_EXECUTED';
	return order.state === 'rejected' ? 'REJECTED' : 'CANCELLED';
}

function statusOrder(order: Order): Json {
	const json: Json = {
		type: isTriggerType(order.orderType) ? 'TRIGGER_ORDER' : 'ORDER',
		orderId: order.orderId,
		cliOrdId: order.cliOrdId,
		symbol: order.symbol,
		side: order.side,
		quantity: order.quantity,
		filled: order.filled,
		limitPrice: order.limitPrice,
		reduceOnly: order.reduceOnly,
		timestamp: iso(order.receivedTime),
		lastUpdateTimestamp: iso(order.lastUpdateTime),
	};
	if (order.stopPrice !== null) {
		json.priceTriggerOptions = {
			triggerPrice: order.stopPrice,
			triggerSignal: order.triggerSignal === 'index' ? 'SPOT' : order.triggerSignal.toUpperCase(),
		};
	}
	return json;
}

export function orderStatus(context: EngineContext, account: Account, fields: Fields): Json {
	const orderIds = list(fields, 'orderIds');
	const cliOrdIds = list(fields, 'cliOrdIds');
	const since = context.now() - RECENTLY_CLOSED_MS;
	const candidates = [
		...account.orders.values(),
		...account.closedOrders.filter((order) => order.state !== 'rejected' && (order.closedTime ?? 0) >= since),
	];
	const wanted = (order: Order) =>
		(orderIds.length === 0 && cliOrdIds.length === 0) ||
		orderIds.includes(order.orderId) ||
		(order.cliOrdId !== null && cliOrdIds.includes(order.cliOrdId));
	return {
		orders: candidates.filter(wanted).map((order) => ({
			order: statusOrder(order),
			status: statusOf(order),
			updateReason: null,
			error: null,
		})),
	};
}

export function openPositions(context: EngineContext, account: Account): Json {
	const positions = [...account.positions.values()].sort((a, b) => b.fillTime - a.fillTime);
	return {
		openPositions: positions.map((position) =>
			restPosition(account, position, marketOf(context, position.symbol)),
		),
	};
}

export const FILLS_PAGE = 100;

/** fills (§3.9): the last 100, or the 100 before `lastFillTime`, newest first. */
export function fills(account: Account, fields: Fields): Json {
	const lastFillTime = text(fields, 'lastFillTime');
	let before = Number.POSITIVE_INFINITY;
	if (lastFillTime !== undefined) {
		before = Date.parse(lastFillTime);
		if (Number.isNaN(before)) throw new PaperApiError('invalidArgument');
	}
	return {
		fills: account.fills
			.filter((fill) => fill.time < before)
			.slice(0, FILLS_PAGE)
			.map(restFill),
	};
}

export function wsFillsSnapshot(account: Account): Json {
	return { account: account.id, fills: account.fills.slice(0, FILLS_PAGE).map(wsFill) };
}

export function wsOpenOrdersSnapshot(account: Account): Json {
	return { account: account.id, orders: newestFirst(account.orders.values()).map(wsOrder) };
}

export function wsOpenPositions(context: EngineContext, account: Account): Json {
	const lookup = (symbol: string) => marketOf(context, symbol);
	account.balanceSeq += 1;
	return {
		account: account.id,
		positions: [...account.positions.values()].map((position) => {
			const market = lookup(position.symbol);
			const equity = summarizeWallet(account, marginAccountOf(market.spec), lookup).portfolioValue;
			return wsPosition(account, position, market, equity);
		}),
		seq: account.balanceSeq,
		timestamp: context.now(),
	};
}

export function wsAccountLogSnapshot(account: Account): Json {
	return { logs: account.log.slice(-500).reverse().map(publicLogEntry) };
}
