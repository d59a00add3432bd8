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

	function client(rateLimit: false | { windowMs: number }): KrakenFuturesRestClient {
		return new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			rateLimit,
			rateLimitRetry: { attempts: 0 },
		});
	}

	it('without the client budget a burst over 500 is refused by the exchange', async () => {
		paper.reset();
		const unlimited = client(false);
		try {
			const results = await Promise.allSettled(Array.from({ length: 300 }, () => unlimited.getOpenOrders()));
			const refused = results.filter((r) => r.status === 'rejected');
			assert.ok(refused.length > 0);
			assert.ok(refused.every((r) => (r as PromiseRejectedResult).reason instanceof KrakenRateLimitError));
		} finally {
			await unlimited.close();
		}
	});

	it('with the client budget the same burst queues and every call succeeds', async () => {
		paper.reset();
		// A little longer than the exchange's window: the client counts from when it sends, the
		// exchange from when the request arrives.
		const limited = client({ windowMs: WINDOW_MS + 150 });
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
