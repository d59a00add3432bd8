import { KrakenOrderOutcomeUnknownError, type OrderChangeAction } from '../../errors';
import type { OrderRecovery, SendOrderRequest, SendOrderResult } from '../../rest/types';
import type { OpenOrderBook } from '../channels/open-orders';

/**
 * An order call that was written but never answered may or may not have happened. It is never
 * re-sent: `add_order` is looked up by its `cl_ord_id` on the executions channel, and anything
 * still unknown is reported as unknown, not as failed.
 */

/** How often the executions channel is looked at while waiting for a lost order's events. */
const LOOK_EVERY_MS = 25;

/** What each UWS order method is, in the words of the transport-neutral outcome error. */
const ACTION_OF: Readonly<Record<string, OrderChangeAction>> = {
	add_order: 'send',
	batch_add: 'batch',
	amend_order: 'edit',
	cancel_order: 'cancel',
	batch_cancel: 'cancelAll',
	cancel_all: 'cancelAll',
	cancel_all_orders_after: 'deadManSwitch',
};

/** The error for a call whose outcome cannot be known: `KRAKEN_OUTCOME_UNKNOWN`, never a rejection. */
export function outcomeUnknown(
	method: string,
	detail: string,
	cause: unknown,
	ids: { cliOrdId?: string; orderId?: string } = {},
): KrakenOrderOutcomeUnknownError {
	return new KrakenOrderOutcomeUnknownError(
		`${method} got no answer from Kraken's Unified WebSocket: ${detail}; its outcome is unknown and it was NOT re-sent (check open orders and fills before acting again)`,
		{ action: ACTION_OF[method] ?? 'batch', cause, ...ids },
	);
}

/**
 * After an unanswered `add_order`: waits up to `waitMs` for the order's executions event. Found →
 * the result a placed order has, marked as recovered. Not found → outcome unknown.
 */
export async function resolveLostOrder(
	book: OpenOrderBook,
	order: SendOrderRequest & { cliOrdId: string },
	timeout: unknown,
	waitMs: number,
): Promise<SendOrderResult> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const known = book.findByCliOrdId(order.cliOrdId);
		if (known !== undefined) {
			const recovery: OrderRecovery = { source: 'executions', entry: known.order.raw };
			return {
				result: 'success',
				sendStatus: { status: 'placed', order_id: known.orderId, cliOrdId: order.cliOrdId, orderEvents: [] },
				recoveredAfterTimeout: recovery,
			};
		}
		if (Date.now() >= deadline) break;
		await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
	}
	throw outcomeUnknown(
		'add_order',
		`no order with cl_ord_id ${order.cliOrdId} appeared on the executions channel within ${waitMs} ms`,
		timeout,
		{ cliOrdId: order.cliOrdId },
	);
}
