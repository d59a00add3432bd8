import { KrakenValidationError } from '../../errors';
import { checkCancelRequest, checkDeadManTimeout } from '../../rest/order-params';
import type { CancelOrderRequest } from '../../rest/types';
import { BATCH_CANCEL_MAX, DERIVATIVES } from './wire';

/** Legacy cancels → UWS `cancel_order`, `batch_cancel`, `cancel_all`, `cancel_all_orders_after`. */

export interface UwsCall {
	method: string;
	params: Record<string, unknown>;
}

/** One order by `order_id` or `cl_ord_id` (the same checks as the legacy cancel). */
export function toCancelOrderParams(request: CancelOrderRequest): Record<string, unknown> {
	const checked = checkCancelRequest(request);
	if (checked.processBefore !== undefined) {
		throw new KrakenValidationError(
			'processBefore',
			"cancel_order has no deadline on Kraken's Unified WebSocket; leave processBefore out",
		);
	}
	return checked.order_id !== undefined
		? { asset_class: DERIVATIVES, order_id: [checked.order_id] }
		: { asset_class: DERIVATIVES, cl_ord_id: [checked.cliOrdId] };
}

export function toCancelAllParams(): Record<string, unknown> {
	return { asset_class: DERIVATIVES };
}

/**
 * The dead man's switch. Whether UWS wants `asset_class` here was not visible in Kraken's page;
 * every other UWS trading method requires it, so it is sent (reference §3.4.5).
 */
export function toDeadManParams(timeout: unknown): Record<string, unknown> {
	return { asset_class: DERIVATIVES, timeout: checkDeadManTimeout(timeout) };
}

/** Splits `count` items into the fewest chunks of at most `max`, as even as possible (none of 1 unless count is 1). */
export function evenChunks<T>(items: readonly T[], max: number): T[][] {
	if (items.length === 0) return [];
	const chunks = Math.ceil(items.length / max);
	const base = Math.floor(items.length / chunks);
	const larger = items.length % chunks;
	const result: T[][] = [];
	let start = 0;
	for (let i = 0; i < chunks; i++) {
		const size = base + (i < larger ? 1 : 0);
		result.push(items.slice(start, start + size));
		start += size;
	}
	return result;
}

export interface CancelTarget {
	order_id?: string;
	cliOrdId?: string;
}

/**
 * Calls that cancel exactly these orders: one id goes by `cancel_order`, more by `batch_cancel`
 * (2 to 50 ids each, order ids and client ids may share a batch). How per-symbol cancel-all is
 * done on UWS, whose `cancel_all` takes no symbol.
 */
export function planCancels(targets: readonly CancelTarget[]): UwsCall[] {
	if (targets.length === 1) {
		const [only] = targets;
		const request = (
			only.order_id !== undefined ? { order_id: only.order_id } : { cliOrdId: only.cliOrdId }
		) as CancelOrderRequest;
		return [{ method: 'cancel_order', params: toCancelOrderParams(request) }];
	}
	return evenChunks(targets, BATCH_CANCEL_MAX).map((chunk) => {
		const orders = chunk.filter((t) => t.order_id !== undefined).map((t) => t.order_id as string);
		const clOrdIds = chunk.filter((t) => t.order_id === undefined).map((t) => t.cliOrdId as string);
		return {
			method: 'batch_cancel',
			params: {
				asset_class: DERIVATIVES,
				...(orders.length > 0 ? { orders } : {}),
				...(clOrdIds.length > 0 ? { cl_ord_id: clOrdIds } : {}),
			},
		};
	});
}
