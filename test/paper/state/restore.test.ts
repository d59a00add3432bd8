import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { PaperStateLockedError } from '../../../paper/state/open-state';
import { readStateFile } from '../../../paper/state/state-file';
import { resetPaperAccounts, fetchPaperStatus } from '../../../paper/http/control-client';
import { balancesOf, ownedBy, scratchFolder } from './support';

const SYMBOL = 'PF_XBTUSD';

describe('paper exchange state file', () => {
	const scratch = scratchFolder('kf-paper-state');
	let statePath: string;
	let running: PaperExchangeServer[] = [];
	let counter = 0;

	const start = async (options: Parameters<typeof startPaperExchange>[0] = {}) => {
		const server = await startPaperExchange({ statePath, clock: false, ...options });
		running.push(server);
		return server;
	};
	const stop = async (server: PaperExchangeServer) => {
		running = running.filter((s) => s !== server);
		await server.stop();
	};

	beforeEach(() => {
		statePath = join(scratch.folder, `state-${++counter}.json`);
	});
	afterEach(async () => {
		await Promise.all(running.map((server) => server.stop()));
		running = [];
	});
	after(() => scratch.remove());

	/** A market fill, a resting order, a leverage setting and an armed dead man's switch. */
	const trade = (server: PaperExchangeServer) => {
		const account = server.keys[0].accountId;
		const { exchange } = server;
		exchange.sendOrder(account, { orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: '0.01' });
		exchange.sendOrder(account, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'sell', size: '0.1' });
		exchange.sendOrder(account, {
			orderType: 'lmt',
			symbol: SYMBOL,
			side: 'buy',
			size: '0.002',
			limitPrice: '1000',
			cliOrdId: 'resting-1',
		});
		exchange.setLeveragePreference(account, { symbol: SYMBOL, maxLeverage: '5' });
		return exchange.cancelAllOrdersAfter(account, { timeout: '120' }).status as { triggerTime: string };
	};

	it('brings back positions, open orders, balances, fills, log, leverage, keys and the dead man switch after a restart', async () => {
		const first = await start();
		const armed = trade(first);
		const before = ownedBy(first);
		assert.equal((before.fills as unknown[]).length, 2);
		assert.equal((before.openOrders as unknown[]).length, 1);
		await stop(first);

		const second = await start();
		assert.equal(second.apiKey, first.apiKey);
		assert.equal(second.apiSecret, first.apiSecret);
		assert.equal(second.restUrl, first.restUrl, 'a restart comes back on the same port when it is free');
		assert.deepEqual(ownedBy(second), before);
		// The dead man's switch armed before the restart still fires at its time, without being armed again.
		const account = second.keys[0].accountId;
		assert.ok(Date.parse(armed.triggerTime) > second.exchange.now());
		second.exchange.advanceTime(Date.parse(armed.triggerTime) - second.exchange.now() - 1_000);
		assert.equal((second.exchange.getOpenOrders(account).openOrders as unknown[]).length, 1);
		second.exchange.advanceTime(2_000);
		assert.deepEqual(second.exchange.getOpenOrders(account).openOrders, []);
	});

	it('never repeats an order or fill id across restarts of one file, even with a seed', async () => {
		const ids = new Set<string>();
		let total = 0;
		for (let run = 0; run < 3; run++) {
			const server = await start({ seed: 3 });
			trade(server);
			for (const fill of ownedBy(server).fills as { fill_id: string; order_id: string }[]) {
				ids.add(fill.fill_id);
				ids.add(fill.order_id);
			}
			total = ids.size;
			await stop(server);
		}
		// Each run adds its own two fills (two ids each) to the two of every earlier run, none shared.
		assert.equal(total, 3 * 4);
	});

	it('lets only one exchange use a state file at a time, and names the one that does', async () => {
		const owner = await start();
		await assert.rejects(start(), (error: unknown) => {
			assert.ok(error instanceof PaperStateLockedError);
			assert.equal(error.owner?.pid, process.pid);
			assert.equal(error.owner?.restUrl, owner.restUrl);
			assert.match(error.message, /is in use by process \d+ at http:\/\/127\.0\.0\.1:\d+/);
			return true;
		});
	});

	it('takes over a lock whose process id lives on but whose port no longer answers (a recycled pid)', async () => {
		const gone = await startPaperExchange({ clock: false });
		const deadUrl = gone.restUrl;
		await gone.stop();
		const stale = { pid: process.pid, token: 'old-owner', startedAt: '', statePath, restUrl: deadUrl };
		writeFileSync(`${statePath}.lock`, JSON.stringify(stale));
		const server = await start();
		assert.notEqual(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8')).token, 'old-owner');
		assert.equal(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8')).restUrl, server.restUrl);
	});

	it('writes nothing more once another exchange has taken its lock, and leaves that lock alone', async () => {
		const server = await start();
		const savedBefore = readFileSync(statePath, 'utf8');
		const foreignLock = JSON.stringify({ pid: process.pid, token: 'someone-else', startedAt: '', statePath });
		writeFileSync(`${statePath}.lock`, foreignLock);
		trade(server);
		await stop(server);
		assert.equal(readFileSync(statePath, 'utf8'), savedBefore);
		assert.equal(readFileSync(`${statePath}.lock`, 'utf8'), foreignLock);
	});

	it('keeps the file small: history is capped, open orders and positions are not', async () => {
		const server = await start();
		const account = server.keys[0].accountId;
		for (let i = 0; i < 1_500; i++) {
			server.exchange.sendOrder(account, {
				orderType: 'mkt',
				symbol: SYMBOL,
				side: i % 2 ? 'sell' : 'buy',
				size: '0.001',
			});
		}
		// Two log rows per fill (collateral and contract); an order the moving book fills at two prices
		// makes two fills, and an hour passing books funding, so the count is read rather than assumed.
		const lastLogId = () =>
			(server.exchange.getAccountLog(account, { count: '1' }).logs as { id: number }[])[0].id;
		const lastIdBefore = lastLogId();
		assert.ok(lastIdBefore >= 3_000, `${lastIdBefore} log rows`);
		await stop(server);
		const saved = readStateFile(statePath)!;
		const [record] = saved.accounts;
		assert.equal(record.fills.length, 500);
		assert.equal(record.log.length, 500);
		assert.ok(statSync(statePath).size < 1_000_000, `${statSync(statePath).size} bytes`);
		const reopened = await start();
		const logs = reopened.exchange.getAccountLog(account, { count: '1' }).logs as { id: number }[];
		assert.equal(logs[0].id, lastIdBefore, 'log ids keep counting after old rows are dropped');
	});

	it('resets the accounts to a starting balance through its control endpoint, a timed reset only once', async () => {
		const server = await start();
		trade(server);
		const requestedAt = new Date().toISOString();
		const first = await resetPaperAccounts(server, { startingCollateralUsd: 2_500, requestedAt });
		assert.equal(first.reset, true);
		const again = await resetPaperAccounts(server, { startingCollateralUsd: 9_000, requestedAt });
		assert.equal(again.reset, false);
		const owned = ownedBy(server);
		assert.deepEqual(owned.positions, []);
		assert.deepEqual(owned.openOrders, []);
		assert.deepEqual(owned.fills, []);
		assert.equal(balancesOf(server, server.keys[0].accountId)['flex.USD'], 2_500);
		const status = await fetchPaperStatus(server);
		assert.equal(status.statePath, statePath);
		assert.equal(status.startingCollateralUsd, 2_500);
		await stop(server);
		const restarted = await start();
		assert.equal(balancesOf(restarted, restarted.keys[0].accountId)['flex.USD'], 2_500);
		await assert.rejects(
			resetPaperAccounts({ ...restarted, apiSecret: Buffer.alloc(64, 9).toString('base64') }),
			/authenticationError/,
		);
	});

	it('refuses a state file it cannot read, naming the file, and leaves it untouched', async () => {
		writeFileSync(statePath, '{"format":"something else"}');
		await assert.rejects(
			start(),
			new RegExp(`paper state file ${statePath} cannot be used: not a paper exchange state file`),
		);
		assert.equal(readFileSync(statePath, 'utf8'), '{"format":"something else"}');
		// The failed start gave its lock back.
		writeFileSync(statePath, '');
		await assert.rejects(start(), /not JSON/);
	});
});
