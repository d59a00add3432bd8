import type { HttpMethod } from './transport';

/** Which rate-limit pool a call draws from (reference §4). */
export type RatePool = 'public' | 'derivatives' | 'history';

export interface EndpointSpec {
	method: HttpMethod;
	/** The URL path; the signed path is derived from it (`/derivatives` stripped). */
	path: string;
	private: boolean;
	pool: RatePool;
	/** Rate-limit cost of one call (public endpoints are free). */
	cost: number;
	/**
	 * Safe to repeat: a GET, or orders/status (a POST that only reads). Only these are retried
	 * after `apiLimitExceeded`; a state-changing call is never sent twice by the client.
	 */
	readOnly: boolean;
}

const V3 = '/derivatives/api/v3';
const HISTORY = '/api/history/v3';

function publicGet(path: string): EndpointSpec {
	return { method: 'GET', path, private: false, pool: 'public', cost: 0, readOnly: true };
}
function privateCall(
	method: HttpMethod,
	path: string,
	cost: number,
	readOnly = method === 'GET',
): EndpointSpec {
	return { method, path, private: true, pool: 'derivatives', cost, readOnly };
}
function historyGet(path: string, cost: number): EndpointSpec {
	return { method: 'GET', path, private: true, pool: 'history', cost, readOnly: true };
}

/** Every endpoint the client calls, with Kraken's costs from the rate-limit guide. */
export const ENDPOINTS = {
	instruments: publicGet(`${V3}/instruments`),
	instrumentsStatus: publicGet(`${V3}/instruments/status`),
	tickers: publicGet(`${V3}/tickers`),
	orderbook: publicGet(`${V3}/orderbook`),
	tradeHistory: publicGet(`${V3}/history`),
	historicalFundingRatesV4: publicGet('/derivatives/api/v4/historicalfundingrates'),
	historicalFundingRatesV3: publicGet(`${V3}/historical-funding-rates`),
	sendorder: privateCall('POST', `${V3}/sendorder`, 10),
	editorder: privateCall('POST', `${V3}/editorder`, 10),
	cancelorder: privateCall('POST', `${V3}/cancelorder`, 10),
	cancelallorders: privateCall('POST', `${V3}/cancelallorders`, 25),
	cancelallordersafter: privateCall('POST', `${V3}/cancelallordersafter`, 25),
	batchorder: privateCall('POST', `${V3}/batchorder`, 9),
	openorders: privateCall('GET', `${V3}/openorders`, 2),
	ordersStatus: privateCall('POST', `${V3}/orders/status`, 1, true),
	openpositions: privateCall('GET', `${V3}/openpositions`, 2),
	fills: privateCall('GET', `${V3}/fills`, 2),
	accounts: privateCall('GET', `${V3}/accounts`, 2),
	leveragePreferencesGet: privateCall('GET', `${V3}/leveragepreferences`, 2),
	leveragePreferencesSet: privateCall('PUT', `${V3}/leveragepreferences`, 10),
	pnlPreferencesGet: privateCall('GET', `${V3}/pnlpreferences`, 2),
	pnlPreferencesSet: privateCall('PUT', `${V3}/pnlpreferences`, 10),
	accountLog: historyGet(`${HISTORY}/account-log`, 3),
	executions: historyGet(`${HISTORY}/executions`, 1),
	orders: historyGet(`${HISTORY}/orders`, 1),
} as const satisfies Record<string, EndpointSpec>;

/** fills costs 25 instead of 2 when `lastFillTime` is given. */
export const FILLS_WITH_LAST_FILL_TIME_COST = 25;

/** batchorder costs 9 plus one per instruction. */
export function batchOrderCost(instructions: number): number {
	return 9 + instructions;
}

/** account-log's cost grows with `count` (default 500, cost 3). */
export function accountLogCost(count: number | undefined): number {
	const n = count ?? 500;
	if (n <= 25) return 1;
	if (n <= 50) return 2;
	if (n <= 1000) return 3;
	if (n <= 5000) return 6;
	return 10;
}
