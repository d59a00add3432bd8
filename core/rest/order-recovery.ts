import { KrakenError, KrakenOrderRejectedError, KrakenTimeoutError } from '../errors';
import type {
	FillsResponse,
	OpenOrdersResponse,
	OrderRecovery,
	OrderStatusResponse,
	SendOrderRequest,
	SendOrderResult,
} from './types';

/** The read-only calls the recovery needs; the REST client provides them. */
export interface OrderLookup {
	getOrderStatus(request: { cliOrdIds: string[] }): Promise<OrderStatusResponse>;
	getOpenOrders(): Promise<OpenOrdersResponse>;
	getFills(): Promise<FillsResponse>;
}

function cliOrdIdOf(entry: Record<string, unknown>): unknown {
	const order = entry.order as Record<string, unknown> | undefined;
	return order?.cliOrdId ?? entry.cliOrdId;
}

function orderIdOf(entry: Record<string, unknown>): string | undefined {
	const order = entry.order as Record<string, unknown> | undefined;
	const id = order?.orderId ?? order?.order_id ?? entry.order_id ?? entry.orderId;
	return typeof id === 'string' ? id : undefined;
}

async function findByCliOrdId(lookup: OrderLookup, cliOrdId: string): Promise<OrderRecovery | undefined> {
	const matches = (entry: unknown): entry is Record<string, unknown> =>
		typeof entry === 'object' && entry !== null && cliOrdIdOf(entry as Record<string, unknown>) === cliOrdId;
	// orders/status covers open orders and those filled or cancelled in the last few seconds;
	// openorders and fills catch what it no longer reports.
	const status = await lookup.getOrderStatus({ cliOrdIds: [cliOrdId] });
	const byStatus = (status.orders ?? []).find(matches);
	if (byStatus !== undefined) return { source: 'orders/status', entry: byStatus };
	const open = await lookup.getOpenOrders();
	const byOpen = (open.openOrders ?? []).find(matches);
	if (byOpen !== undefined)
		return { source: 'openorders', entry: byOpen as unknown as Record<string, unknown> };
	const fills = await lookup.getFills();
	const byFill = (fills.fills ?? []).find(matches);
	if (byFill !== undefined) return { source: 'fills', entry: byFill as unknown as Record<string, unknown> };
	return undefined;
}

/**
 * After sendorder timed out the order may or may not exist. Sending it again could double a
 * position, so the order is looked up by its cliOrdId instead, and never re-sent.
 */
export async function recoverTimedOutOrder(
	lookup: OrderLookup,
	order: SendOrderRequest & { cliOrdId: string },
	timeout: KrakenTimeoutError,
): Promise<SendOrderResult> {
	let found: OrderRecovery | undefined;
	try {
		found = await findByCliOrdId(lookup, order.cliOrdId);
	} catch (error) {
		const reason = error instanceof KrakenError ? error.message : 'the lookup failed';
		throw new KrakenTimeoutError(
			`sendorder timed out and looking the order up by cliOrdId ${order.cliOrdId} failed (${reason}); its outcome is unknown and it was NOT re-sent`,
			{ cause: timeout },
		);
	}
	if (found === undefined) {
		throw new KrakenTimeoutError(
			`sendorder timed out and no order with cliOrdId ${order.cliOrdId} was found (orders/status, openorders, fills); it was NOT re-sent`,
			{ cause: timeout },
		);
	}
	const rejection = found.entry.error;
	if (typeof rejection === 'string' && rejection !== '') {
		throw new KrakenOrderRejectedError(`order send rejected: ${rejection} (found after a timeout)`, {
			status: rejection,
			cliOrdId: order.cliOrdId,
			endpoint: '/derivatives/api/v3/orders/status',
		});
	}
	const orderId = orderIdOf(found.entry);
	return {
		result: 'success',
		sendStatus: {
			status: 'placed',
			cliOrdId: order.cliOrdId,
			...(orderId !== undefined ? { order_id: orderId } : {}),
			orderEvents: [],
		},
		recoveredAfterTimeout: found,
	};
}
