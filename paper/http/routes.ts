import { PaperApiError, type Params, type Payload, type PaperExchange } from '../exchange';
import { candlesFor } from './charts';
import { firstParam } from './params';
import { accountLogCost } from './rate-limit';

/**
 * `public` needs no key; `private` is a signed `/derivatives` call charged to the key's budget;
 * `history` is a signed `/api/history` call charged to the key's token pool.
 */
export type RouteAccess = 'public' | 'private' | 'history';

/** `kraken` wraps the payload in `result`/`serverTime`; `bare` sends it as it is (history, charts). */
export type RouteEnvelope = 'kraken' | 'bare';

export interface RouteContext {
	exchange: PaperExchange;
	accountId: string;
	params: Params;
	pathParams: Record<string, string>;
}

export interface Route {
	method: 'GET' | 'POST' | 'PUT';
	pattern: string;
	access: RouteAccess;
	envelope: RouteEnvelope;
	cost: (params: Params) => number;
	handle: (ctx: RouteContext) => Payload;
}

const V3 = '/derivatives/api/v3';
const free = (): number => 0;
const fixed = (cost: number) => (): number => cost;

function requireParam(params: Params, key: string): string {
	const value = firstParam(params, key);
	if (value === undefined || value === '') throw new PaperApiError('requiredArgumentMissing', 400);
	return value;
}

/** Kraken charges a batch 9 plus one per instruction; an unreadable batch is charged as empty. */
function batchCost(params: Params): number {
	try {
		const parsed = JSON.parse(firstParam(params, 'json') ?? '') as { batchOrder?: unknown };
		return 9 + (Array.isArray(parsed.batchOrder) ? parsed.batchOrder.length : 0);
	} catch {
		return 9;
	}
}

function route(
	method: Route['method'],
	pattern: string,
	access: RouteAccess,
	cost: Route['cost'],
	handle: Route['handle'],
): Route {
	const envelope: RouteEnvelope = pattern.startsWith('/derivatives/') ? 'kraken' : 'bare';
	return { method, pattern, access, envelope, cost, handle };
}

function historyRoutes(version: string): Route[] {
	const base = `/api/history/${version}`;
	return [
		route(
			'GET',
			`${base}/account-log`,
			'history',
			(p) => accountLogCost(firstParam(p, 'count')),
			(c) => c.exchange.getAccountLog(c.accountId, c.params),
		),
		route('GET', `${base}/executions`, 'history', fixed(1), (c) =>
			c.exchange.getExecutionHistory(c.accountId, c.params),
		),
		route('GET', `${base}/orders`, 'history', fixed(1), (c) =>
			c.exchange.getOrderHistory(c.accountId, c.params),
		),
	];
}

/** Every endpoint the paper exchange serves, with Kraken's rate-limit costs. */
export const ROUTES: readonly Route[] = [
	route('GET', `${V3}/instruments`, 'public', free, (c) => c.exchange.getInstruments()),
	route('GET', `${V3}/instruments/status`, 'public', free, (c) => c.exchange.getInstrumentStatus()),
	route('GET', `${V3}/instruments/:symbol/status`, 'public', free, (c) =>
		c.exchange.getInstrumentStatus(c.pathParams.symbol),
	),
	route('GET', `${V3}/tickers`, 'public', free, (c) => c.exchange.getTickers()),
	route('GET', `${V3}/tickers/:symbol`, 'public', free, (c) => c.exchange.getTickers(c.pathParams.symbol)),
	route('GET', `${V3}/orderbook`, 'public', free, (c) =>
		c.exchange.getOrderBook(requireParam(c.params, 'symbol')),
	),
	route('GET', `${V3}/history`, 'public', free, (c) => c.exchange.getTradeHistory(c.params)),
	route('GET', `${V3}/historical-funding-rates`, 'public', free, (c) =>
		c.exchange.getHistoricalFundingRates(c.params),
	),
	route('GET', '/derivatives/api/v4/historicalfundingrates', 'public', free, (c) =>
		c.exchange.getHistoricalFundingRates(c.params),
	),
	route('POST', `${V3}/sendorder`, 'private', fixed(10), (c) => c.exchange.sendOrder(c.accountId, c.params)),
	route('POST', `${V3}/editorder`, 'private', fixed(10), (c) => c.exchange.editOrder(c.accountId, c.params)),
	route('POST', `${V3}/cancelorder`, 'private', fixed(10), (c) =>
		c.exchange.cancelOrder(c.accountId, c.params),
	),
	route('POST', `${V3}/cancelallorders`, 'private', fixed(25), (c) =>
		c.exchange.cancelAllOrders(c.accountId, c.params),
	),
	route('POST', `${V3}/cancelallordersafter`, 'private', fixed(25), (c) =>
		c.exchange.cancelAllOrdersAfter(c.accountId, c.params),
	),
	route('POST', `${V3}/batchorder`, 'private', batchCost, (c) =>
		c.exchange.batchOrder(c.accountId, c.params),
	),
	route('GET', `${V3}/openorders`, 'private', fixed(2), (c) => c.exchange.getOpenOrders(c.accountId)),
	route('POST', `${V3}/orders/status`, 'private', fixed(1), (c) =>
		c.exchange.getOrderStatus(c.accountId, c.params),
	),
	// ccxt reads order status with GET, and Kraken answers it.
	route('GET', `${V3}/orders/status`, 'private', fixed(1), (c) =>
		c.exchange.getOrderStatus(c.accountId, c.params),
	),
	route('GET', `${V3}/openpositions`, 'private', fixed(2), (c) => c.exchange.getOpenPositions(c.accountId)),
	route(
		'GET',
		`${V3}/fills`,
		'private',
		(p) => (firstParam(p, 'lastFillTime') === undefined ? 2 : 25),
		(c) => c.exchange.getFills(c.accountId, c.params),
	),
	route('GET', `${V3}/accounts`, 'private', fixed(2), (c) => c.exchange.getAccounts(c.accountId)),
	route('GET', `${V3}/leveragepreferences`, 'private', fixed(2), (c) =>
		c.exchange.getLeveragePreferences(c.accountId, c.params),
	),
	route('PUT', `${V3}/leveragepreferences`, 'private', fixed(10), (c) =>
		c.exchange.setLeveragePreference(c.accountId, c.params),
	),
	route('GET', `${V3}/pnlpreferences`, 'private', fixed(2), (c) => c.exchange.getPnlPreferences(c.accountId)),
	route('PUT', `${V3}/pnlpreferences`, 'private', fixed(10), (c) =>
		c.exchange.setPnlPreference(c.accountId, c.params),
	),
	route('GET', `${V3}/notifications`, 'private', free, (c) => c.exchange.wsNotifications()),
	...historyRoutes('v3'),
	// ccxt still reads executions and orders from the v2 history API.
	...historyRoutes('v2').filter((r) => !r.pattern.endsWith('/account-log')),
	route('GET', '/api/charts/v1/:tickType/:symbol/:resolution', 'public', free, (c) =>
		candlesFor(c.exchange, c.pathParams, c.params),
	),
];

export type RouteMatch =
	| { kind: 'found'; route: Route; pathParams: Record<string, string> }
	| { kind: 'wrongMethod'; allowed: string[] }
	| { kind: 'notFound' };

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const got = path.split('/');
	if (want.length !== got.length) return undefined;
	const pathParams: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) {
			if (got[i] === '') return undefined;
			pathParams[want[i].slice(1)] = got[i];
		} else if (want[i] !== got[i]) return undefined;
	}
	return pathParams;
}

/** Finds the route for a decoded path; literal segments win over parameters. */
export function matchRoute(method: string, path: string): RouteMatch {
	const candidates = ROUTES.map((r) => ({ route: r, pathParams: matchPattern(r.pattern, path) }))
		.filter((c): c is { route: Route; pathParams: Record<string, string> } => c.pathParams !== undefined)
		.sort((a, b) => Object.keys(a.pathParams).length - Object.keys(b.pathParams).length);
	if (candidates.length === 0) return { kind: 'notFound' };
	const exact = candidates.find((c) => c.route.method === method);
	if (exact !== undefined) return { kind: 'found', ...exact };
	return { kind: 'wrongMethod', allowed: [...new Set(candidates.map((c) => c.route.method))] };
}
