import assert from 'node:assert/strict';
import { accountLogCost, DerivativesBudget, HistoryPool } from '../../../paper/http/rate-limit';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { call } from './support';

const SECRET = Buffer.alloc(64, 9).toString('base64');
const KEY = 'limits-test-key';
const OTHER = { apiKey: 'limits-other-key', apiSecret: Buffer.alloc(64, 10).toString('base64') };
// Longer than any sequence of calls here can take, however busy the machine: a refusal must not
// depend on speed. The window's end is tested above with a controlled clock.
const WINDOW_MS = 600_000;

describe('paper exchange rate limits', () => {
	describe('budgets (unit)', () => {
		it('DerivativesBudget refuses what exceeds the rolling window budget and frees it later', () => {
			let now = 0;
			const budget = new DerivativesBudget(10_000, 500, () => now);
			for (let i = 0; i < 50; i++) assert.ok(budget.tryConsume('k', 10));
			assert.equal(budget.tryConsume('k', 10), false);
			assert.ok(budget.tryConsume('other', 10), 'budgets are per key');
			assert.ok(budget.tryConsume('k', 0), 'public calls are free');
			now = 9_999;
			assert.equal(budget.tryConsume('k', 1), false);
			now = 10_000;
			assert.ok(budget.tryConsume('k', 500));
		});

		it('HistoryPool refills 100 tokens per refill period and says when to come back', () => {
			let now = 0;
			const pool = new HistoryPool(600_000, 100, () => now);
			for (let i = 0; i < 10; i++) assert.deepEqual(pool.tryConsume('k', 10), { ok: true });
			assert.deepEqual(pool.tryConsume('k', 3), { ok: false, resetSeconds: 18 });
			now = 18_000;
			assert.deepEqual(pool.tryConsume('k', 3), { ok: true });
		});

		it('charges account-log by count as Kraken does', () => {
			assert.deepEqual(
				[undefined, '1', '25', '26', '50', '51', '1000', '1001', '5000', '5001', '100000'].map(
					accountLogCost,
				),
				[3, 1, 1, 2, 2, 3, 3, 6, 6, 10, 10],
			);
		});
	});

	describe('over loopback', () => {
		let server: PaperExchangeServer;
		const sign = { apiKey: KEY, apiSecret: SECRET };

		before(async () => {
			server = await startPaperExchange({
				keys: [{ apiKey: KEY, apiSecret: SECRET }, OTHER],
				clock: false,
				rateLimitWindowMs: WINDOW_MS,
			});
		});
		after(() => server.stop());
		beforeEach(() => server.reset());

		it('answers apiLimitExceeded past 500 per window, per key', async () => {
			const path = '/derivatives/api/v3/cancelallorders';
			for (let i = 0; i < 20; i++) {
				const res = await call(server.restUrl, path, { method: 'POST', sign });
				assert.equal(res.json().result, 'success', `call ${i}: ${res.text}`);
			}
			const refused = await call(server.restUrl, path, { method: 'POST', sign });
			assert.equal(refused.json().result, 'error');
			assert.equal(refused.json().error, 'apiLimitExceeded');
			const cheap = await call(server.restUrl, '/derivatives/api/v3/orders/status', { method: 'POST', sign });
			assert.equal(cheap.json().error, 'apiLimitExceeded', 'even a cost-1 call no longer fits');
			const publicCall = await call(server.restUrl, '/derivatives/api/v3/tickers');
			assert.equal(publicCall.json().result, 'success');
			const otherKey = await call(server.restUrl, path, { method: 'POST', sign: OTHER });
			assert.equal(otherKey.json().result, 'success');
		});

		it('charges fills 25 with lastFillTime and batchorder 9 + n', async () => {
			for (let i = 0; i < 20; i++) {
				const res = await call(server.restUrl, '/derivatives/api/v3/fills', {
					query: 'lastFillTime=2030-01-01T00%3A00%3A00.000Z',
					sign,
				});
				assert.equal(res.json().result, 'success', res.text);
			}
			const fills = await call(server.restUrl, '/derivatives/api/v3/fills', { sign });
			assert.equal(fills.json().error, 'apiLimitExceeded');
			server.reset();
			const batch = JSON.stringify({
				batchOrder: Array.from({ length: 41 }, (_, i) => ({ order: 'cancel', order_id: `missing-${i}` })),
			});
			const body = `json=${encodeURIComponent(batch)}`;
			for (let i = 0; i < 10; i++) {
				const res = await call(server.restUrl, '/derivatives/api/v3/batchorder', {
					method: 'POST',
					body,
					sign,
				});
				assert.equal(res.json().result, 'success', res.text);
			}
			const refused = await call(server.restUrl, '/derivatives/api/v3/batchorder', {
				method: 'POST',
				body,
				sign,
			});
			assert.equal(refused.json().error, 'apiLimitExceeded');
		});

		it('answers history requests past the pool with 429 text and rate-limit-reset', async () => {
			const path = '/api/history/v3/account-log';
			for (let i = 0; i < 10; i++) {
				const res = await call(server.restUrl, path, { query: 'count=100000', sign });
				assert.equal(res.status, 200, res.text);
			}
			const refused = await call(server.restUrl, path, { query: 'count=100000', sign });
			assert.equal(refused.status, 429);
			assert.match(String(refused.headers['content-type']), /text\/plain/);
			const reset = Number(refused.headers['rate-limit-reset']);
			assert.ok(Number.isInteger(reset) && reset >= 1, `rate-limit-reset ${reset}`);
			const derivatives = await call(server.restUrl, '/derivatives/api/v3/accounts', { sign });
			assert.equal(derivatives.json().result, 'success', 'the history pool is separate');
		});
	});
});
