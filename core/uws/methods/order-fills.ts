import type { OrderEvent, SendOrderResult } from '../../rest/types';
import type { RecentFills } from './recent-fills';

/** Order types that execute (or die) the moment they reach the book. */
const IMMEDIATE = new Set(['mkt', 'ioc', 'fok']);
const POLL_MS = 10;

/**
 * UWS answers `add_order` with ids only; what the order filled arrives as `executions` trade events.
 * They are added to the result as the EXECUTION events the legacy answer carries, so a placed market
 * order shows its fill on both transports. An immediate order whose fills have not arrived yet is
 * waited for, at most `waitMs`; a resting order is not.
 */
export async function withOrderFills(
	result: SendOrderResult,
	orderType: string,
	fills: RecentFills,
	waitMs: number,
): Promise<SendOrderResult> {
	const orderId = result.sendStatus.order_id;
	if (result.sendStatus.status !== 'placed' || orderId === undefined) return result;
	const deadline = Date.now() + (IMMEDIATE.has(orderType) ? waitMs : 0);
	let events = executionsOf(fills, orderId);
	while (events.length === 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		events = executionsOf(fills, orderId);
	}
	if (events.length === 0) return result;
	const orderEvents = [...(result.sendStatus.orderEvents ?? []), ...events];
	return { ...result, sendStatus: { ...result.sendStatus, orderEvents } };
}

function executionsOf(fills: RecentFills, orderId: string): OrderEvent[] {
	return fills
		.list()
		.filter((fill) => fill.order_id === orderId)
		.reverse()
		.map((fill) => ({
			type: 'EXECUTION',
			executionId: fill.fill_id,
			price: fill.price,
			amount: fill.size,
			fillTime: fill.fillTime,
		}));
}
