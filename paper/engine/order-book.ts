import type { EngineContext } from './context';
import { historyOrder, orderEventElement } from './history';
import type { Account, Order } from './types';
import { wsOrder } from './views';

const KEPT_CLOSED_ORDERS = 500;

/** Finds an open order by `order_id`/`orderId` or `cliOrdId`. */
export function findOpenOrder(account: Account, orderId?: string, cliOrdId?: string): Order | undefined {
	if (orderId !== undefined) return account.orders.get(orderId);
	if (cliOrdId === undefined) return undefined;
	for (const order of account.orders.values()) if (order.cliOrdId === cliOrdId) return order;
	return undefined;
}

export function findClosedOrder(account: Account, orderId?: string, cliOrdId?: string): Order | undefined {
	return account.closedOrders.find(
		(order) =>
			(orderId !== undefined && order.orderId === orderId) ||
			(cliOrdId !== undefined && order.cliOrdId === cliOrdId),
	);
}

export function rememberClosed(account: Account, order: Order): void {
	account.closedOrders.unshift(order);
	if (account.closedOrders.length > KEPT_CLOSED_ORDERS) account.closedOrders.length = KEPT_CLOSED_ORDERS;
}

/** Puts an order on the book and tells the `open_orders` feed. */
export function restOrder(context: EngineContext, account: Account, order: Order, reason: string): void {
	account.orders.set(order.orderId, order);
	context.emit('openOrder', account.id, { order: wsOrder(order), is_cancel: false, reason });
}

/** Takes an order off the book as cancelled (by the user, the dead man's switch, ...). */
export function closeCancelled(context: EngineContext, account: Account, order: Order, reason: string): void {
	const time = context.now();
	account.orders.delete(order.orderId);
	order.state = 'cancelled';
	order.closedTime = time;
	order.lastUpdateTime = time;
	rememberClosed(account, order);
	account.orderHistory.push(
		orderEventElement(context.ids.uuid(), time, 'OrderCancelled', { order: historyOrder(order), reason }),
	);
	context.emit('openOrder', account.id, { order_id: order.orderId, is_cancel: true, reason });
}

/** After an execution: a complete order leaves the book, a partial one is re-announced. */
export function afterExecution(
	context: EngineContext,
	account: Account,
	order: Order,
	wasResting: boolean,
): void {
	const time = context.now();
	const complete = order.filled >= order.quantity - 1e-12;
	const reason = complete ? 'full_fill' : 'partial_fill';
	if (complete) {
		account.orders.delete(order.orderId);
		order.state = 'filled';
		order.closedTime = time;
		rememberClosed(account, order);
	}
	account.orderHistory.push(
		orderEventElement(context.ids.uuid(), time, 'OrderUpdated', {
			oldOrder: historyOrder(order),
			newOrder: historyOrder(order),
			reason,
		}),
	);
	if (!wasResting) return;
	if (complete) context.emit('openOrder', account.id, { order_id: order.orderId, is_cancel: true, reason });
	else context.emit('openOrder', account.id, { order: wsOrder(order), is_cancel: false, reason });
}
