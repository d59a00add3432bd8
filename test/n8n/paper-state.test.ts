import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import { loadEngine, type CredentialData, type Engine } from './support/engine';
import { runOk } from './support/operation';
import { n8nTestUserFolder } from './support/user-folder';

const STARTING_BALANCE = 40_000;

describe('n8n paper environment kept in the n8n folder', function () {
	this.timeout(60_000);
	let engine: Engine;
	const resetAt = new Date(Date.now() + 1_000).toISOString();
	const credentials: CredentialData = {
		environment: 'paper',
		paperStartingBalance: STARTING_BALANCE,
		paperResetAt: resetAt,
	};
	const run = (parameters: INodeParameters, data: CredentialData = credentials) =>
		runOk(engine, data, parameters);

	/** What the paper account holds, through the node's own operations. */
	async function holdings(data: CredentialData = credentials): Promise<Record<string, unknown>> {
		const wallets = await run({ resource: 'account', operation: 'getBalances' }, data);
		return {
			positions: await run({ resource: 'position', operation: 'getOpen' }, data),
			openOrders: await run({ resource: 'order', operation: 'getOpen' }, data),
			fills: await run({ resource: 'fill', operation: 'getMany', options: {} }, data),
			// What each wallet holds; margin figures follow the market, which starts fresh with the process.
			wallets: wallets.map(({ account, balances, currencies }: IDataObject) => ({
				account,
				balances,
				quantities: Object.entries((currencies ?? {}) as Record<string, { quantity: number }>).map(
					([currency, entry]) => [currency, entry.quantity],
				),
			})),
		};
	}

	before(async () => {
		engine = await loadEngine();
	});
	after(async () => {
		await stopPaperExchange();
		engine.close();
	});

	it('resets once from the credential, and finds the same positions, open orders, balances and fills after a restart', async () => {
		const order = { resource: 'order', operation: 'send', symbol: 'PF_XBTUSD', side: 'buy' };
		await run({ ...order, orderType: 'mkt', size: 0.004 });
		await run({ ...order, orderType: 'lmt', size: 0.001, limitPrice: 1000 });
		const before = await holdings();
		assert.equal(
			(before.fills as unknown[]).length,
			1,
			'the credential reset came first: only this run’s fill',
		);
		assert.equal((before.openOrders as unknown[]).length, 1);
		assert.ok(existsSync(join(n8nTestUserFolder, '.n8n', 'kraken-futures-paper', 'state.json')));

		// A restart of n8n: this process's paper exchange ends, the next use starts it from the saved state.
		await stopPaperExchange();
		assert.deepEqual(await holdings(), before, 'the same reset time is not applied again');

		const later = { ...credentials, paperResetAt: new Date(Date.now() + 5_000).toISOString() };
		const fresh = await holdings(later);
		assert.deepEqual([fresh.positions, fresh.openOrders, fresh.fills], [[], [], []]);
		const flex = (fresh.wallets as IDataObject[]).find((wallet) => wallet.account === 'flex');
		assert.deepEqual(flex?.quantities, [['USD', STARTING_BALANCE]]);
	});

	it('refuses a reset time that is not a time, naming the field', async () => {
		await assert.rejects(
			run({ resource: 'position', operation: 'getOpen' }, { ...credentials, paperResetAt: 'soon' }),
			/Reset Paper Account At must be a date and time/,
		);
	});
});
