import type { RequestOptions } from '../api';
import type { OutcomeLookups } from '../outcome/find-order';
import type { FillsResponse, OpenOrdersResponse, OrderStatusRequest, OrderStatusResponse } from './types';

/** The read-only REST calls the outcome lookups are made of. */
export interface RestOrderReads {
	getOrderStatus(request: OrderStatusRequest, options?: RequestOptions): Promise<OrderStatusResponse>;
	getOpenOrders(options?: RequestOptions): Promise<OpenOrdersResponse>;
	getFills(request?: { lastFillTime?: string }, options?: RequestOptions): Promise<FillsResponse>;
}

/**
 * Outcome lookups over REST v3. They go ahead of calls queued for rate-limit budget (a burst
 * must not hold back the answer a waiting flow needs) and stop when `signal` aborts.
 */
export function restOutcomeLookups(client: RestOrderReads): OutcomeLookups {
	const options = (signal: AbortSignal): RequestOptions => ({ signal, priority: true });
	return {
		orderStatus: async (ids, signal) => (await client.getOrderStatus(ids, options(signal))).orders ?? [],
		openOrders: async (signal) => (await client.getOpenOrders(options(signal))).openOrders ?? [],
		fills: async (signal) => (await client.getFills({}, options(signal))).fills ?? [],
	};
}
