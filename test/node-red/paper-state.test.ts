import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import { scratchFolder } from '../paper/state/support';
import {
	TAB,
	configNode,
	helper,
	initHelper,
	orderNode,
	placed,
	restClientOf,
	roundTrip,
	runtimePath,
} from './support';

/** The order node on a `paper` config node: everything the paper account holds comes from this flow. */
const FLOW = placed([
	TAB,
	{ id: 'cfg', type: 'kraken-futures-config', environment: 'paper' },
	{ id: 'order', type: 'kraken-futures-order', z: 'tab', account: 'cfg', action: 'send', wires: [['out']] },
	{ id: 'out', type: 'helper', z: 'tab' },
]);

/** What the paper account holds, read through the deployed config node's own client. */
async function holdings(): Promise<Record<string, unknown>> {
	const client = await restClientOf('cfg');
	const accounts = await client.getAccounts();
	return {
		positions: (await client.getOpenPositions()).openPositions,
		openOrders: (await client.getOpenOrders()).openOrders,
		fills: (await client.getFills()).fills,
		balance: (accounts.accounts.flex as unknown as { currencies: Record<string, { quantity: number }> })
			.currencies.USD.quantity,
	};
}

describe('Node-RED paper environment kept in the user folder', () => {
	const userDir = scratchFolder('kf-node-red-user');

	before(() => helper.init(runtimePath(), { userDir: userDir.folder }));
	after(async () => {
		await stopPaperExchange();
		userDir.remove();
		initHelper();
	});

	/** Stops the runtime and the paper exchange it ran, as a Node-RED restart does, and starts it again. */
	async function restartNodeRed(): Promise<void> {
		await helper.unload();
		await helper.stopServer();
		await stopPaperExchange();
		await helper.startServer();
		await helper.load([configNode, orderNode], FLOW);
	}

	it('finds the same positions, open orders, balances and fills after a restart, and resets from the dialog', async () => {
		await helper.startServer();
		await helper.load([configNode, orderNode], FLOW);
		const order = helper.getNode('order');
		const out = helper.getNode('out');
		await roundTrip(order, out, {
			payload: { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.003 },
		});
		await roundTrip(order, out, {
			payload: { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'sell', size: 0.02 },
		});
		await roundTrip(order, out, {
			payload: { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001, limitPrice: 1000 },
		});
		const before = await holdings();
		assert.equal((before.fills as unknown[]).length, 2);
		assert.equal((before.openOrders as unknown[]).length, 1);
		const statePath = join(userDir.folder, 'kraken-futures-paper', 'state.json');
		assert.ok(existsSync(statePath), 'the account is kept in the user folder');

		await restartNodeRed();
		assert.deepEqual(await holdings(), before);

		const status = await helper.request().get('/kraken-futures-config/paper');
		assert.equal(status.status, 200);
		assert.equal(status.body.statePath, statePath);
		assert.match(
			String(status.body.message),
			new RegExp(`kept in ${statePath}; exchange run by this process`),
		);

		const refused = await helper
			.request()
			.post('/kraken-futures-config/paper-reset')
			.send({ startingBalance: '1e3' });
		assert.equal(refused.status, 400);
		assert.match(String(refused.body.reason), /startingBalance must be a positive decimal number/);
		assert.deepEqual(await holdings(), before, 'a refused reset changes nothing');

		const reset = await helper
			.request()
			.post('/kraken-futures-config/paper-reset')
			.send({ startingBalance: '25000' });
		assert.equal(reset.status, 200);
		const fresh = { positions: [], openOrders: [], fills: [], balance: 25_000 };
		assert.deepEqual(await holdings(), fresh);
		await restartNodeRed();
		assert.deepEqual(await holdings(), fresh, 'the reset is kept too');
		await helper.unload();
		await helper.stopServer();
	});
});
