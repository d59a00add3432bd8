import { KrakenOrderOutcomeUnknownError } from '../../errors';
import { unknownOutcome } from '../../outcome/resolve';
import type { OrderRecovery, SendOrderRequest, SendOrderResult } from '../../rest/types';
import type { OpenOrderBook } from '../channels/open-orders';

/**
 * An `add_order` that was written but never answered may or may not have happened. It is never
 * re-sent: it is looked up by its `cl_ord_id` on the executions channel, and if it does not show
 * up the outcome stays unknown (core/outcome's error, as on the legacy transport), never failed.
 */

/** How often the executions channel is looked at while waiting for a lost order's events. */
const LOOK_EVERY_MS = 25;

/**
 * After an unanswered `add_order` (`lost`, the session's unknown-outcome error): waits up to
 * `waitMs` for the order's executions event. Found → the result a placed order has, marked as
 * recovered. Not found → outcome unknown, naming the cl_ord_id.
 */
export async function resolveLostOrder(
	book: OpenOrderBook,
	order: SendOrderRequest & { cliOrdId: string },
	lost: KrakenOrderOutcomeUnknownError,
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
	throw unknownOutcome(
		'send',
		`add_order with cl_ord_id ${order.cliOrdId} (no such order appeared on the executions channel within ${waitMs} ms)`,
		lost.cause ?? lost,
		{ cliOrdId: order.cliOrdId },
	);
}
