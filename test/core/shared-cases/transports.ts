import type { KrakenFuturesTradingApi } from '../../../core/api';
import { createTradingApi } from '../../../core/transport-factory';
import type { PaperExchangeServer } from '../../../paper/server';
import { CountingProxy } from './counting-proxy';

/** The order-changing calls of each transport, as they reach the exchange. */
const REST_ORDER_PATHS = [
	'/sendorder',
	'/editorder',
	'/cancelorder',
	'/cancelallorders',
	'/cancelallordersafter',
	'/batchorder',
];
const UWS_ORDER_METHODS = [
	'add_order',
	'amend_order',
	'cancel_order',
	'cancel_all',
	'cancel_all_orders_after',
	'batch_add',
	'batch_cancel',
];

/** One transport under the shared trading cases: how to build a client and how to watch the exchange. */
export interface TransportUnderTest {
	name: 'legacy' | 'unified';
	start(paper: PaperExchangeServer): Promise<void>;
	stop(): Promise<void>;
	/** A client over this transport (through the one factory the hosts use). */
	client(paper: PaperExchangeServer, options?: { timeoutMs?: number }): KrakenFuturesTradingApi;
	/** Order-changing requests that reached the exchange since the last reset. */
	orderRequests(paper: PaperExchangeServer): number;
	/** New-order requests (sendorder / add_order) that reached the exchange since the last reset. */
	sendRequests(paper: PaperExchangeServer): number;
	resetCounts(paper: PaperExchangeServer): void;
	/** The next new order is carried out, its answer lost. */
	loseNextOrderAnswer(paper: PaperExchangeServer): void;
	/** The next new order is never carried out nor answered. */
	dropNextOrder(paper: PaperExchangeServer): void;
	/** Reads the legacy API has and this transport does not (they must be refused as unsupported). */
	lacks: readonly string[];
}

export const legacyTransport: TransportUnderTest = {
	name: 'legacy',
	start: async () => undefined,
	stop: async () => undefined,
	client: (paper, options = {}) =>
		createTradingApi({
			api: 'legacy',
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			useNonce: true,
			...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
		}),
	orderRequests: (paper) =>
		REST_ORDER_PATHS.reduce((sum, path) => sum + paper.requests.forPath(path).length, 0),
	sendRequests: (paper) => paper.requests.forPath('/sendorder').length,
	resetCounts: (paper) => paper.requests.clear(),
	loseNextOrderAnswer: (paper) =>
		paper.faults.failRest('timeout', { path: 'sendorder', count: 1, process: true }),
	dropNextOrder: (paper) => paper.faults.failRest('timeout', { path: 'sendorder', count: 1, process: false }),
	lacks: [],
};

let proxy: CountingProxy | undefined;

export const unifiedTransport: TransportUnderTest = {
	name: 'unified',
	start: async (paper) => {
		proxy = await CountingProxy.start(paper.uwsPrivateUrl);
	},
	stop: async () => {
		await proxy?.stop();
		proxy = undefined;
	},
	client: (paper, options = {}) =>
		createTradingApi({
			api: 'unified',
			publicUrl: paper.uwsPublicUrl,
			privateUrl: (proxy as CountingProxy).url,
			spotRestUrl: paper.spotRestUrl,
			credentials: { apiKey: paper.spotApiKey as string, apiSecret: paper.spotApiSecret as string },
			...(options.timeoutMs !== undefined ? { requestTimeoutMs: options.timeoutMs } : {}),
		}),
	orderRequests: () => (proxy as CountingProxy).count(...UWS_ORDER_METHODS),
	sendRequests: () => (proxy as CountingProxy).count('add_order'),
	resetCounts: () => proxy?.reset(),
	loseNextOrderAnswer: (paper) => paper.faults.loseUwsAnswer({ method: 'add_order' }),
	dropNextOrder: (paper) => paper.faults.ignoreUwsRequest({ method: 'add_order' }),
	lacks: [
		'getHistoricalFundingRates',
		'getInstrumentStatus',
		'getOrderStatus',
		'getLeveragePreferences',
		'getPnlPreferences',
		'setPnlPreference',
		'getAccountLog',
		'getExecutionHistory',
		'getOrderHistory',
	],
};
