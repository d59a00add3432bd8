import { isOnGrid, roundToStep, sizeStep } from '../instruments';
import type { EngineContext } from './context';
import { marketOf } from './context';
import { historyOrder, orderEventElement } from './history';
import { closeCancelled, findClosedOrder, findOpenOrder, afterExecution } from './order-book';
import type { Fields } from './order-params';
import { number, text, isTriggerType } from './order-params';
import { executeAsTaker } from './placement';
import type { Account, Order } from './types';
import { eventOrder, eventTrigger, iso, wsOrder } from './views';

type Json = Record<string, unknown>;

function cancelEvent(order: Order): Json {
	return isTriggerType(order.orderType)
		? { type: 'CANCEL', uid: order.orderId, orderTrigger: eventTrigger(order) }
		: { type: 'CANCEL', uid: order.orderId, order: eventOrder(order) };
}

/** cancelorder (§3.5): `cancelled`, `filled` when it already completed, else `notFound`. */
export function cancelOne(context: EngineContext, account: Account, fields: Fields): Json {
	const orderId = text(fields, 'order_id') ?? text(fields, 'orderId');
	const cliOrdId = text(fields, 'cliOrdId');
	const receivedTime = iso(context.now());
	const open = findOpenOrder(account, orderId, cliOrdId);
	if (open) {
		closeCancelled(context, account, open, 'cancelled_by_user');
		const status: Json = {
			status: 'cancelled',
			order_id: open.orderId,
			receivedTime,
			orderEvents: [cancelEvent(open)],
		};
		if (open.cliOrdId !== null) status.cliOrdId = open.cliOrdId;
		return status;
	}
	const closed = findClosedOrder(account, orderId, cliOrdId);
	const status = closed?.state === 'filled' ? 'filled' : 'notFound';
	const answer: Json = { status, receivedTime };
	if (orderId !== undefined) answer.order_id = orderId;
	if (cliOrdId !== undefined) answer.cliOrdId = cliOrdId;
	return answer;
}

/** Cancels every open order (of one symbol if given) and returns what was cancelled. */
export function cancelMany(
	context: EngineContext,
	account: Account,
	symbol: string | undefined,
	reason: string,
): Order[] {
	const cancelled: Order[] = [];
	for (const order of [...account.orders.values()]) {
		if (symbol !== undefined && order.symbol !== symbol.toUpperCase()) continue;
		closeCancelled(context, account, order, reason);
		cancelled.push(order);
	}
	return cancelled;
}

export function cancelAllStatus(context: EngineContext, account: Account, symbol: string | undefined): Json {
	const receivedTime = iso(context.now());
	const cancelled = cancelMany(context, account, symbol, 'cancelled_by_user');
	return {
		receivedTime,
		cancelOnly: symbol === undefined ? 'all' : symbol.toUpperCase(),
		status: cancelled.length > 0 ? 'cancelled' : 'noOrdersToCancel',
		cancelledOrders: cancelled.map((order) => {
			const entry: Json = { order_id: order.orderId };
			if (order.cliOrdId !== null) entry.cliOrdId = order.cliOrdId;
			return entry;
		}),
		orderEvents: cancelled.map(cancelEvent),
	};
}

function editRejection(order: Order, fields: Fields, context: EngineContext): string | undefined {
	const spec = marketOf(context, order.symbol).spec;
	const limitPrice = number(text(fields, 'limitPrice'));
	const stopPrice = number(text(fields, 'stopPrice'));
	if (order.orderType === 'trailing_stop') {
		if (stopPrice !== null) return 'cannotEditTriggerPriceOfTrailingStop';
		if (limitPrice !== null) return 'cannotEditLimitPriceOfTrailingStop';
	}
	for (const price of [limitPrice, stopPrice]) {
		if (price !== null && (!Number.isFinite(price) || price <= 0 || !isOnGrid(price, spec.tickSize)))
			return 'invalidPrice';
	}
	if (stopPrice !== null && !isTriggerType(order.orderType)) return 'orderForEditNotAStop';
	return undefined;
}

/** editorder (§3.4): size in RELATIVE (open size) or ABSOLUTE (total) mode, prices, trailing deviation. */
export function editOne(context: EngineContext, account: Account, fields: Fields): Json {
	const orderId = text(fields, 'orderId') ?? text(fields, 'order_id');
	const cliOrdId = text(fields, 'cliOrdId');
	const time = context.now();
	const answer = (status: string, orderEvents: Json[] = []): Json => ({
		orderId: orderId ?? null,
		cliOrdId: cliOrdId ?? null,
		receivedTime: iso(time),
		status,
		orderEvents,
	});
	const order = findOpenOrder(account, orderId, cliOrdId);
	if (!order) return answer('orderForEditNotFound');
	const market = marketOf(context, order.symbol);
	const step = sizeStep(market.spec);
	const rejection = editRejection(order, fields, context);
	if (rejection) return answer(rejection);
	const sizeValue = number(text(fields, 'size'));
	let quantity = order.quantity;
	if (sizeValue !== null) {
		const absolute = (text(fields, 'qtyMode') ?? 'RELATIVE').toUpperCase() === 'ABSOLUTE';
		quantity = absolute ? sizeValue : order.filled + sizeValue;
		if (!Number.isFinite(sizeValue) || !isOnGrid(sizeValue, step) || quantity <= order.filled)
			return answer('invalidSize');
	}
	const limitPrice = number(text(fields, 'limitPrice')) ?? order.limitPrice;
	if (order.orderType === 'post' && limitPrice !== null) {
		const best = order.side === 'buy' ? market.book.asks[0]?.price : market.book.bids[0]?.price;
		if (best !== undefined && (order.side === 'buy' ? limitPrice >= best : limitPrice <= best))
			return answer('postWouldExecute');
	}
	const old = isTriggerType(order.orderType) ? eventTrigger(order) : eventOrder(order);
	const oldHistory = historyOrder(order);
	order.quantity = roundToStep(quantity, step);
	order.limitPrice = limitPrice;
	order.stopPrice = number(text(fields, 'stopPrice')) ?? order.stopPrice;
	const deviation = number(text(fields, 'trailingStopMaxDeviation'));
	if (order.trailing && deviation !== null && Number.isFinite(deviation))
		order.trailing.maxDeviation = deviation;
	order.lastUpdateTime = time;
	const updated = isTriggerType(order.orderType) ? eventTrigger(order) : eventOrder(order);
	account.orderHistory.push(
		orderEventElement(context.ids.uuid(), time, 'OrderEdited', {
			oldOrder: oldHistory,
			newOrder: historyOrder(order),
			reason: 'edited_by_user',
		}),
	);
	context.emit('openOrder', account.id, {
		order: wsOrder(order),
		is_cancel: false,
		reason: 'edited_by_user',
	});
	const events: Json[] = [{ type: 'EDIT', old, new: updated, reducedQuantity: null }];
	if (order.orderType === 'lmt' && order.limitPrice !== null) {
		const executions = executeAsTaker(context, account, order, order.limitPrice);
		events.push(...executions);
		if (executions.length > 0) afterExecution(context, account, order, true);
	}
	return { ...answer('edited', events), orderId: order.orderId, cliOrdId: order.cliOrdId };
}
