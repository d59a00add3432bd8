import type * as T from '../../rest/types';

/**
 * UWS replies → the result shapes the nodes already read from the legacy client. Each result
 * carries the UWS reply it came from under `uwsReply` (several for calls split into steps).
 */

/** The part of a UWS acknowledgement these mappings read (the session's `UwsAck` has it). */
export interface AckLike {
	method?: string;
	result?: unknown;
	time_in?: string;
	time_out?: string;
	raw: Record<string, unknown>;
}

export interface UwsReplyCarrier {
	/** The UWS reply, exactly as received. */
	uwsReply: Record<string, unknown>;
}

function resultObject(ack: AckLike): Record<string, unknown> {
	const { result } = ack;
	return typeof result === 'object' && result !== null && !Array.isArray(result)
		? (result as Record<string, unknown>)
		: {};
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
	const value = record[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `result: "success"`, the server time when the ack has one, then `fields`. Written with
 * Object.assign onto a literal rather than a spread followed by more fields, which under Node.js 20
 * gives every result a hidden class of its own (see ownCopy in core/instruments/validate-order.ts).
 */
function withEnvelope<F extends object>(
	ack: AckLike | undefined,
	fields: F,
): { result: 'success'; serverTime?: string } & F {
	const time = ack?.time_out ?? ack?.time_in;
	const head: { result: 'success'; serverTime?: string } =
		time === undefined ? { result: 'success' } : { result: 'success', serverTime: time };
	return Object.assign(head, fields);
}

/**
 * `add_order` → `sendStatus`. A dry run (`validate: true`) has no order on the book, and Kraken
 * answers it with an empty `order_id`: its status is `validated`, never `placed`.
 */
export function toSendOrderResult(
	ack: AckLike,
	order: T.SendOrderRequest,
	validate = false,
): T.SendOrderResult & UwsReplyCarrier {
	const result = resultObject(ack);
	const orderId = stringField(result, 'order_id');
	const cliOrdId = stringField(result, 'cl_ord_id') ?? order.cliOrdId;
	const sendStatus: T.SendStatus = { status: validate ? 'validated' : 'placed', orderEvents: [] };
	if (orderId !== undefined) sendStatus.order_id = orderId;
	if (cliOrdId !== undefined) sendStatus.cliOrdId = cliOrdId;
	if (ack.time_in !== undefined) sendStatus.receivedTime = ack.time_in;
	return withEnvelope(ack, { sendStatus, uwsReply: ack.raw });
}

/** `amend_order` → `editStatus`. */
export function toEditOrderResponse(
	ack: AckLike,
	edit: T.EditOrderRequest,
): T.EditOrderResponse & UwsReplyCarrier {
	const result = resultObject(ack);
	const orderId = stringField(result, 'order_id') ?? edit.orderId;
	const cliOrdId = stringField(result, 'cl_ord_id') ?? edit.cliOrdId;
	const editStatus: T.EditOrderResponse['editStatus'] = { status: 'edited', orderEvents: [] };
	if (orderId !== undefined && orderId !== '') editStatus.orderId = orderId;
	if (cliOrdId !== undefined && cliOrdId !== '') editStatus.cliOrdId = cliOrdId;
	return withEnvelope(ack, { editStatus, uwsReply: ack.raw });
}

/** `cancel_order` (one id) → `cancelStatus`. */
export function toCancelOrderResponse(
	ack: AckLike,
	request: T.CancelOrderRequest,
): T.CancelOrderResponse & UwsReplyCarrier {
	const result = resultObject(ack);
	const orderId = stringField(result, 'order_id') ?? request.order_id;
	const cliOrdId = stringField(result, 'cl_ord_id') ?? request.cliOrdId;
	const cancelStatus: T.CancelOrderResponse['cancelStatus'] = { status: 'cancelled', orderEvents: [] };
	if (orderId !== undefined) cancelStatus.order_id = orderId;
	if (cliOrdId !== undefined) cancelStatus.cliOrdId = cliOrdId;
	return withEnvelope(ack, { cancelStatus, uwsReply: ack.raw });
}

export type CancelAllResult = T.CancelAllOrdersResponse & {
	/** How many orders Kraken says it cancelled (`result.count`, summed over the steps). */
	cancelledCount: number;
	uwsReplies: Record<string, unknown>[];
};

/**
 * `cancel_all` or the per-symbol emulation → `cancelStatus`. `cancelledOrders` lists the orders
 * only when they are known (the per-symbol emulation names them; `cancel_all` returns a count).
 */
export function toCancelAllResponse(
	acks: readonly AckLike[],
	cancelled?: readonly { order_id: string; cliOrdId?: string }[],
): CancelAllResult {
	// cancel_order answers per order, without a count.
	const cancelledCount = acks.reduce((sum, ack) => {
		const count = resultObject(ack).count;
		return sum + (typeof count === 'number' ? count : ack.method === 'cancel_order' ? 1 : 0);
	}, 0);
	const any = cancelled !== undefined ? cancelled.length > 0 : cancelledCount > 0;
	const cancelStatus: T.CancelAllOrdersResponse['cancelStatus'] = {
		status: any ? 'cancelled' : 'noOrdersToCancel',
		orderEvents: [],
	};
	if (cancelled !== undefined) cancelStatus.cancelledOrders = cancelled.map((order) => ({ ...order }));
	const last = acks.at(-1);
	return withEnvelope(last, { cancelStatus, cancelledCount, uwsReplies: acks.map((ack) => ack.raw) });
}

/** `cancel_all_orders_after` → the legacy `status {currentTime, triggerTime}`. */
export function toDeadManResponse(ack: AckLike): T.CancelAllOrdersAfterResponse & UwsReplyCarrier {
	const result = resultObject(ack);
	return withEnvelope(ack, {
		status: { currentTime: String(result.currentTime ?? ''), triggerTime: String(result.triggerTime ?? '') },
		uwsReply: ack.raw,
	});
}
