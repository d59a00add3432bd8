import { strict as assert } from 'node:assert';
import { KrakenRateLimitError } from '../../../core/errors';
import { resetRateLimitsForTests } from '../../../core/rate-limit/registry';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { type PaperExchangeServer, startPaperExchange } from '../../../paper/server';

const WINDOW_MS = 400;

describe('KrakenFuturesRestClient rate limiting against the paper exchange', function () {
	this.timeout(20_000);
	let paper: PaperExchangeServer;

	before(async () => {
		paper = await startPaperExchange({ port: 0, seed: 3, clock: false, rateLimitWindowMs: WINDOW_MS });
	});
	after(async () => {
		await paper.stop();
		resetRateLimitsForTests();
	});

	function client(
		rateLimit: false | { windowMs: number },
		exchange: PaperExchangeServer = paper,
	): KrakenFuturesRestClient {
		return new KrakenFuturesRestClient({
			restUrl: exchange.restUrl,
			credentials: { apiKey: exchange.apiKey, apiSecret: exchange.apiSecret },
			rateLimit,
			rateLimitRetry: { attempts: 0 },
		});
	}

	it('without the client budget a burst over 500 is refused by the exchange', async () => {
		// A window far longer than any burst can take, however busy the machine: the refusal cannot
		// depend on how fast the calls go out.
		const slowWindow = await startPaperExchange({
			port: 0,
			seed: 3,
			clock: false,
			rateLimitWindowMs: 600_000,
		});
		const unlimited = client(false, slowWindow);
		try {
			const results = await Promise.allSettled(Array.from({ length: 300 }, () => unlimited.getOpenOrders()));
			const refused = results.filter((r) => r.status === 'rejected');
			// 300 calls of cost 2: the first 250 fit in 500, the other 50 cannot.
			assert.equal(refused.length, 50);
			assert.ok(refused.every((r) => (r as PromiseRejectedResult).reason instanceof KrakenRateLimitError));
		} finally {
			await unlimited.close();
			await slowWindow.stop();
		}
	});

	it('a call still in flight when its window ends keeps counting: answers slower than the window', async () => {
		paper.reset();
		// Twenty cancel-alls (cost 25 each) are the whole budget. The exchange sees the first twenty
		// two windows late; the client must not let the next twenty out meanwhile, or the exchange
		// counts parts of both rounds in one window and refuses calls.
		paper.faults.delayRest(WINDOW_MS * 2, { path: '/cancelallorders', count: 20 });
		const limited = client({ windowMs: WINDOW_MS });
		try {
			const results = await Promise.allSettled(Array.from({ length: 40 }, () => limited.cancelAllOrders()));
			const refused = results.filter((r) => r.status === 'rejected');
			assert.equal(refused.length, 0, String((refused[0] as PromiseRejectedResult | undefined)?.reason));
		} finally {
			await limited.close();
			paper.faults.reset();
		}
	});

	it('a call that waits longer than maxQueueWaitMs fails with a rate-limit error and is never sent', async () => {
		paper.reset();
		const bounded = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			rateLimit: { windowMs: 600_000 },
			maxQueueWaitMs: 200,
		});
		try {
			const before = paper.requests.forPath('/cancelallorders').length;
			const results = await Promise.allSettled(Array.from({ length: 30 }, () => bounded.cancelAllOrders()));
			const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			assert.equal(refused.length, 10, 'twenty calls fit the budget of 500, ten wait');
			for (const { reason } of refused) {
				assert.ok(reason instanceof KrakenRateLimitError, String(reason));
				assert.match(reason.message, /waited 200 ms/);
				assert.match(reason.message, /NOT sent/);
			}
			assert.equal(paper.requests.forPath('/cancelallorders').length - before, 20);
		} finally {
			await bounded.close();
		}
	});

	it('with the client budget the same burst queues and every call succeeds', async () => {
		paper.reset();
		// The same window as the exchange's: the client counts until a window after each answer,
		// which is never earlier than a window after the exchange counted the call.
		const limited = client({ windowMs: WINDOW_MS });
		try {
			const started = Date.now();
			const results = await Promise.allSettled(Array.from({ length: 300 }, () => limited.getOpenOrders()));
			const refused = results.filter((r) => r.status === 'rejected');
			assert.equal(refused.length, 0, String((refused[0] as PromiseRejectedResult | undefined)?.reason));
			assert.ok(Date.now() - started >= WINDOW_MS, 'the calls over budget waited for the window');
		} finally {
			await limited.close();
		}
	});
});
