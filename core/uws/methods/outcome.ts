import { KrakenTimeoutError } from '../../errors';
import type { OrderRecovery, SendOrderRequest, SendOrderResult } from '../../rest/types';
import type { OpenOrderBook } from '../channels/open-orders';

/**
 * An order call that was written but never answered may or may not have happened. It is never
 * re-sent: `add_order` is looked up by its `cl_ord_id` on the executions channel, and anything
 * still unknown is reported as unknown, not as failed.
 */

/** How often the executions channel is looked at while waiting for a lost order's events. */
const LOOK_EVERY_MS = 25;

/** The error for a call whose outcome cannot be known; `KRAKEN_TIMEOUT`, never a rejection. */
export function outcomeUnknown(action: string, detail: string, cause: unknown): KrakenTimeoutError {
	return new KrakenTimeoutError(
		`${action} got no answer from Kraken's Unified WebSocket: ${detail}; its outcome is unknown and it was NOT re-sent (check open orders and fills before acting again)`,
		{ cause },
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
	);
}
