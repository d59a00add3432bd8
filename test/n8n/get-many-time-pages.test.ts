import assert from 'node:assert/strict';

import type { PaperExchangeServer } from '../../paper/server';
import { marketOrdersNow, publicTradeIds, startStillPaper } from '../support/paper-clocks';
import { loadEngine, type Engine } from './support/engine';
import { runOk, runOperation } from './support/operation';
import { credentialsFor } from './support/paper';

const SYMBOL = 'PF_XBTUSD';

describe('n8n Get Many of fills and public trades: rows that share a millisecond', () => {
	let engine: Engine;
	let straddling: PaperExchangeServer;
	let crowded: PaperExchangeServer;
	let olderThanCrowd: { fills: string[]; time: string };
	const fills = (server: PaperExchangeServer, more: Record<string, unknown>) =>
		runOperation(engine, credentialsFor(server), { resource: 'fill', operation: 'getMany', ...more });
	const trades = (server: PaperExchangeServer, more: Record<string, unknown>) =>
		runOperation(engine, credentialsFor(server), {
			resource: 'market',
			operation: 'getTrades',
			symbol: SYMBOL,
			...more,
		});
	const calls = (server: PaperExchangeServer, suffix: string) =>
		server.requests.entries.filter((entry) => entry.path.endsWith(suffix)).length;

	before(async function () {
		this.timeout(60_000);
		engine = await loadEngine();
		// 30 fills, then 60 one millisecond later, then 80: the first page of 100 holds the 80 and
		// 20 of the 60, so the second page must ask for that millisecond again.
		straddling = await startStillPaper();
		marketOrdersNow(straddling, 30);
		straddling.exchange.advanceTime(1);
		marketOrdersNow(straddling, 60);
		straddling.exchange.advanceTime(1);
		marketOrdersNow(straddling, 80);
		// 120 fills in one millisecond, 10 before it: more than one page cannot be told apart by time.
		crowded = await startStillPaper();
		olderThanCrowd = { fills: marketOrdersNow(crowded, 10), time: '' };
		crowded.exchange.advanceTime(1);
		olderThanCrowd.time = new Date(crowded.exchange.now()).toISOString();
		marketOrdersNow(crowded, 120);
	});
	after(async () => {
		await straddling?.stop();
		await crowded?.stop();
		engine.close();
	});
	beforeEach(() => {
		straddling.requests.clear();
		crowded.requests.clear();
	});

	it('fills: Return All lists every fill when a millisecond spans two pages', async () => {
		const held = straddling.exchange.inspect().account(straddling.keys[0].accountId)?.fills ?? [];
		assert.ok(held.length >= 170, `${held.length} fills held`);
		const { items, error } = await fills(straddling, { returnAll: true, options: {} });
		assert.equal(error, undefined);
		assert.deepEqual(
			items.map((fill) => fill.fill_id),
			held.map((fill) => fill.fillId),
		);
	});

	it('public trades: Return All lists every trade when a millisecond spans two pages', async () => {
		const held = publicTradeIds(straddling);
		assert.ok(held.length >= 170, `${held.length} trades held`);
		const { items, error } = await trades(straddling, { returnAll: true });
		assert.equal(error, undefined);
		assert.deepEqual(
			items.map((trade) => trade.uid),
			held,
		);
	});

	it('fills: more than a page in one millisecond fails Return All, naming it, after two calls', async () => {
		const { items, error } = await fills(crowded, { returnAll: true, options: {} });
		assert.equal(items.length, 0);
		assert.match(
			String(error?.message),
			new RegExp(`100 fills all at ${olderThanCrowd.time.replace(/\./g, '\\.')}`),
		);
		assert.match(String(error?.description), /Set Limit to 100 or fewer/);
		assert.equal(calls(crowded, '/fills'), 2);
		const newest = await runOk(engine, credentialsFor(crowded), {
			resource: 'fill',
			operation: 'getMany',
			limit: 100,
			options: {},
		});
		assert.equal(newest.length, 100);
		const older = await runOk(engine, credentialsFor(crowded), {
			resource: 'fill',
			operation: 'getMany',
			returnAll: true,
			options: { lastFillTime: olderThanCrowd.time },
		});
		assert.deepEqual(
			older.map((fill) => fill.fill_id),
			[...olderThanCrowd.fills].reverse(),
		);
	});

	it('public trades: more than a page in one millisecond fails Return All; a Limit within it does not', async () => {
		const { error } = await trades(crowded, { returnAll: true });
		assert.match(String(error?.message), /100 public trades all at/);
		assert.equal(calls(crowded, '/history'), 2);
		const { items, error: none } = await trades(crowded, { limit: 100 });
		assert.equal(none, undefined);
		assert.deepEqual(
			items.map((trade) => trade.uid),
			publicTradeIds(crowded).slice(0, 100),
		);
	});
});
