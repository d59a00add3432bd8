import { strict as assert } from 'node:assert';
import { KrakenRateLimitError } from '../../../core/errors';
import { accountLogCost, batchOrderCost, ENDPOINTS } from '../../../core/rest/endpoints';
import { RateLimitWaitAbortedError } from '../../../core/rate-limit/fifo-limiter';
import { resetRateLimitsForTests } from '../../../core/rate-limit/registry';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { API_KEY, API_SECRET, type Harness, startHarness } from '../support/fixtures';
import { krakenError, krakenSuccess } from '../support/recording-server';

const V3 = '/derivatives/api/v3';

describe('rate-limit cost table', () => {
	it("uses Kraken's cost table", () => {
		assert.equal(ENDPOINTS.sendorder.cost, 10);
		assert.equal(ENDPOINTS.editorder.cost, 10);
		assert.equal(ENDPOINTS.cancelorder.cost, 10);
		assert.equal(ENDPOINTS.cancelallorders.cost, 25);
		assert.equal(ENDPOINTS.cancelallordersafter.cost, 25);
		assert.equal(ENDPOINTS.accounts.cost, 2);
		assert.equal(ENDPOINTS.openpositions.cost, 2);
		assert.equal(ENDPOINTS.openorders.cost, 2);
		assert.equal(ENDPOINTS.fills.cost, 2);
		assert.equal(ENDPOINTS.ordersStatus.cost, 1);
		assert.equal(ENDPOINTS.leveragePreferencesSet.cost, 10);
		assert.equal(ENDPOINTS.pnlPreferencesGet.cost, 2);
		assert.equal(ENDPOINTS.tickers.cost, 0);
		assert.equal(batchOrderCost(10), 19);
		assert.deepEqual(
			[1, 25, 26, 50, 51, 1000, 1001, 5000, 5001, undefined].map(accountLogCost),
			[1, 1, 2, 2, 3, 3, 6, 6, 10, 3],
		);
	});
});

/** Long enough that a call sent at once cannot be mistaken for one that waited, on a loaded machine. */
const WINDOW_MS = 1_000;

describe('KrakenFuturesRestClient: rate limits', () => {
	let harness: Harness;
	afterEach(async () => {
		await harness.close();
		resetRateLimitsForTests();
	});

	it('calls over budget wait their turn instead of failing, in order', async () => {
		harness = await startHarness({
			rateLimit: { windowMs: WINDOW_MS, derivativesBudget: 20 },
			validateOrders: false,
		});
		harness.server.on(`POST ${V3}/sendorder`, { body: krakenSuccess({ sendStatus: { status: 'placed' } }) });
		const started = Date.now();
		const arrivals: number[] = [];
		harness.server.on(`POST ${V3}/sendorder`, (request) => {
			arrivals.push(Date.now() - started);
			return {
				body: krakenSuccess({
					sendStatus: { status: 'placed', cliOrdId: new URLSearchParams(request.body).get('cliOrdId') },
				}),
			};
		});
		const ids = ['a', 'b', 'c', 'd'];
		await Promise.all(
			ids.map((id) =>
				harness.client.sendOrder({
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 1,
					cliOrdId: id,
				}),
			),
		);
		assert.deepEqual(
			harness.server.requests.map((r) => new URLSearchParams(r.body).get('cliOrdId')),
			ids,
		);
		// The second went out at once: any time well inside the window says so, however busy the machine.
		assert.ok(arrivals[1] < WINDOW_MS * 0.8, `second arrived at ${arrivals[1]}`);
		assert.ok(arrivals[2] >= WINDOW_MS - 20, `third arrived at ${arrivals[2]} ms, before the window passed`);
	});

	it('public calls are free and never wait', async () => {
		harness = await startHarness({ rateLimit: { windowMs: 10_000, derivativesBudget: 1 } });
		harness.server.on(`GET ${V3}/tickers`, { body: krakenSuccess({ tickers: [] }) });
		const started = Date.now();
		await Promise.all(Array.from({ length: 20 }, () => harness.client.getTickers()));
		// Had they drawn on the budget (1 per 10 s window), most would still be waiting.
		assert.ok(Date.now() - started < 5_000);
	});

	it('the budget is shared by every client on the same key', async () => {
		harness = await startHarness({ rateLimit: { windowMs: 10_000, derivativesBudget: 4 } });
		harness.server.on(`GET ${V3}/accounts`, { body: krakenSuccess({ accounts: {} }) });
		const other = new KrakenFuturesRestClient({
			restUrl: harness.server.url,
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
			rateLimit: { windowMs: 10_000, derivativesBudget: 4 },
		});
		try {
			await harness.client.getAccounts();
			await harness.client.getAccounts();
			const controller = new AbortController();
			const waiting = other.getAccounts({ signal: controller.signal });
			await new Promise((resolve) => setTimeout(resolve, 30));
			assert.equal(harness.server.requests.length, 2, 'the second client waits for the shared budget');
			controller.abort();
			await assert.rejects(waiting, RateLimitWaitAbortedError);
			assert.equal(harness.server.requests.length, 2, 'nothing was sent for the aborted call');
		} finally {
			await other.close();
		}
	});

	it('history calls draw on the history pool, account-log by count', async () => {
		harness = await startHarness({ rateLimit: { historyTokens: 3, historyRefillMs: 300 } });
		harness.server.on('GET /api/history/v3/account-log', { body: { logs: [] } });
		const started = Date.now();
		await harness.client.getAccountLog({ count: 100 }); // cost 3
		await harness.client.getAccountLog({ count: 10 }); // cost 1, waits ~100 ms
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= 80, `took ${elapsed} ms`);
	});

	it('read-only calls are retried after apiLimitExceeded, a bounded number of times', async () => {
		harness = await startHarness({ rateLimitRetry: { attempts: 2, initialDelayMs: 10 } });
		harness.server.queue(
			`GET ${V3}/accounts`,
			{ body: krakenError('apiLimitExceeded') },
			{ body: krakenError('apiLimitExceeded') },
		);
		harness.server.on(`GET ${V3}/accounts`, {
			body: krakenSuccess({ accounts: { flex: { type: 'multiCollateralMarginAccount' } } }),
		});
		const result = await harness.client.getAccounts();
		assert.ok('flex' in result.accounts);
		assert.equal(harness.server.requests.length, 3);
		harness.server.on(`POST ${V3}/orders/status`, { body: krakenError('apiLimitExceeded') });
		await assert.rejects(harness.client.getOrderStatus({ orderIds: ['x'] }), KrakenRateLimitError);
		assert.equal(harness.server.requests.filter((r) => r.path === `${V3}/orders/status`).length, 3);
	});

	it('a 429 with rate-limit-reset is retried after the time the server names', async () => {
		harness = await startHarness({ rateLimitRetry: { attempts: 1, initialDelayMs: 5000 } });
		harness.server.queue('GET /api/history/v3/orders', {
			status: 429,
			headers: { 'rate-limit-reset': '0.1' },
			body: 'slow down',
		});
		harness.server.on('GET /api/history/v3/orders', { body: { elements: [] } });
		const started = Date.now();
		await harness.client.getOrderHistory();
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= 90 && elapsed < 2000, `took ${elapsed} ms`);
	});

	it('a server asking for a pause longer than maxDelayMs gets the error back at once', async () => {
		harness = await startHarness({ rateLimitRetry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 1000 } });
		harness.server.on('GET /api/history/v3/account-log', {
			status: 429,
			headers: { 'rate-limit-reset': '120' },
			body: 'slow down',
		});
		const started = Date.now();
		await assert.rejects(
			harness.client.getAccountLog(),
			(error: unknown) => error instanceof KrakenRateLimitError && error.retryAfterSeconds === 120,
		);
		// A retry would have waited the 120 s the server asked for.
		assert.ok(Date.now() - started < 5_000);
		assert.equal(harness.server.requests.length, 1);
	});

	it('state-changing calls are never retried after apiLimitExceeded', async () => {
		harness = await startHarness({
			rateLimitRetry: { attempts: 3, initialDelayMs: 1 },
			validateOrders: false,
		});
		harness.server.on(`POST ${V3}/sendorder`, { body: krakenError('apiLimitExceeded') });
		harness.server.on(`POST ${V3}/cancelallordersafter`, { body: krakenError('apiLimitExceeded') });
		await assert.rejects(
			harness.client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 }),
			KrakenRateLimitError,
		);
		await assert.rejects(harness.client.cancelAllOrdersAfter({ timeout: 60 }), KrakenRateLimitError);
		assert.equal(harness.server.requests.length, 2);
	});
});
