import assert from 'node:assert/strict';

import { KrakenFuturesRestClient } from '../../core/rest/client';
import { loadEngine, type Engine } from './support/engine';
import { runOk, runOperation } from './support/operation';
import { startPaper, type Paper } from './support/paper';

describe('n8n Get Many: Return All and Limit on the paper exchange', () => {
	let engine: Engine;
	let busy: Paper;
	const runBusy = (parameters: Record<string, unknown>) =>
		runOk(engine, busy.credentials, parameters as never);
	const pathsCalled = (suffix: string) =>
		busy.server.requests.entries.filter((entry) => entry.path.endsWith(suffix)).length;

	before(async function () {
		this.timeout(60_000);
		engine = await loadEngine();
		// More fills and trades than one page (100) holds; the rate limit window is shortened so
		// the set-up is quick.
		busy = await startPaper({ rateLimitWindowMs: 1 });
		const client = new KrakenFuturesRestClient({
			restUrl: busy.server.restUrl,
			credentials: { apiKey: busy.server.apiKey, apiSecret: busy.server.apiSecret },
			rateLimit: false,
		});
		try {
			for (let i = 0; i < 120; i++) {
				await client.sendOrder({
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: i % 3 === 0 ? 'sell' : 'buy',
					size: 0.001,
				});
			}
			for (const limitPrice of [20000, 20001, 20002]) {
				await client.sendOrder({
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.001,
					limitPrice,
				});
			}
		} finally {
			await client.close();
		}
	});
	after(async () => {
		await busy.server.stop();
		engine.close();
	});
	beforeEach(() => busy.server.requests.clear());

	it('fills: Return All pages back past the first 100; Limit stops early', async () => {
		const all = await runBusy({ resource: 'fill', operation: 'getMany', returnAll: true, options: {} });
		assert.ok(all.length >= 120, `${all.length} fills`);
		assert.equal(new Set(all.map((fill) => fill.fill_id)).size, all.length);
		assert.ok(pathsCalled('/fills') >= 2);
		busy.server.requests.clear();
		const some = await runBusy({ resource: 'fill', operation: 'getMany', limit: 105, options: {} });
		assert.deepEqual(
			some.map((fill) => fill.fill_id),
			all.slice(0, 105).map((fill) => fill.fill_id),
		);
		assert.equal(pathsCalled('/fills'), 2);
		const five = await runBusy({ resource: 'fill', operation: 'getMany', options: {} });
		assert.equal(five.length, 50, 'the default Limit is 50');
	});

	it('public trades: Return All pages back past the first 100; Limit keeps the newest', async () => {
		const all = await runBusy({
			resource: 'market',
			operation: 'getTrades',
			symbol: 'PF_XBTUSD',
			returnAll: true,
		});
		assert.ok(all.length > 100, `${all.length} trades`);
		const three = await runBusy({
			resource: 'market',
			operation: 'getTrades',
			symbol: 'PF_XBTUSD',
			limit: 3,
		});
		assert.deepEqual(three, all.slice(0, 3));
	});

	it('open orders, positions, account log and funding rates honour Limit', async () => {
		assert.equal((await runBusy({ resource: 'order', operation: 'getOpen', returnAll: true })).length, 3);
		assert.equal((await runBusy({ resource: 'order', operation: 'getOpen', limit: 2 })).length, 2);
		assert.equal((await runBusy({ resource: 'position', operation: 'getOpen', limit: 1 })).length, 1);
		const log = await runBusy({
			resource: 'accountLog',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		assert.ok(log.length >= 120, `${log.length} log entries`);
		const ascending = await runBusy({
			resource: 'accountLog',
			operation: 'getMany',
			limit: 4,
			filters: { sort: 'asc' },
		});
		assert.deepEqual(
			ascending.map((entry) => entry.id),
			[1, 2, 3, 4],
		);
		const twoTypes = await runBusy({
			resource: 'accountLog',
			operation: 'getMany',
			limit: 5,
			filters: { info: ['futures trade', 'transfer'] },
		});
		const ids = twoTypes.map((entry) => Number(entry.id));
		assert.equal(ids.length, 5);
		assert.deepEqual(
			ids,
			[...ids].sort((a, b) => b - a),
			'merged newest first',
		);
		assert.ok(twoTypes.every((entry) => ['futures trade', 'transfer'].includes(String(entry.info))));
		const rates = await runBusy({
			resource: 'market',
			operation: 'getFundingRates',
			symbol: 'PF_XBTUSD',
			returnAll: true,
		});
		const recent = await runBusy({
			resource: 'market',
			operation: 'getFundingRates',
			symbol: 'PF_XBTUSD',
			limit: 2,
		});
		assert.ok(rates.length > 2);
		assert.deepEqual(recent, rates.slice(-2));
	});

	it('refuses a Limit that is not a whole number of at least 1, sending nothing', async () => {
		const { error } = await runOperation(engine, busy.credentials, {
			resource: 'order',
			operation: 'getOpen',
			limit: 0,
		});
		assert.match(String(error?.message), /limit.*at least 1/);
		assert.equal(busy.server.requests.entries.length, 0);
	});
});
