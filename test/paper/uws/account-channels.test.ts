import assert from 'node:assert/strict';
import { delay } from '../server/support';
import { usePrivateSuite, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_ETHUSD';

describe('paper exchange: UWS account channels', () => {
	const suite = usePrivateSuite();

	const subscribe = (channel: string, extra: Message = {}) =>
		suite.client.request('subscribe', { channel, token: suite.token, ...extra });
	const buy = (size: string) =>
		suite.server.exchange.sendOrder(suite.server.keys[0].accountId, {
			orderType: 'mkt',
			symbol: SYMBOL,
			side: 'buy',
			size,
		});

	it('positions: a snapshot, then updates for changed positions only, and size 0 when closed', async () => {
		buy('0.5');
		const ack = await subscribe('positions', { asset_class: 'derivatives' });
		assert.deepEqual(ack.result, { channel: 'positions', snapshot: true, with_margin: false });
		const snapshot = await suite.client.push('positions', (m) => m.type === 'snapshot');
		const futures = (snapshot.data as { futures: Message[]; options: unknown[] }).futures;
		assert.equal(futures.length, 1);
		assert.deepEqual([futures[0].symbol, futures[0].side, futures[0].size], [SYMBOL, 'long', 0.5]);
		assert.equal(typeof futures[0].entry_price, 'number');
		suite.server.exchange.sendOrder(suite.server.keys[0].accountId, {
			orderType: 'mkt',
			symbol: SYMBOL,
			side: 'sell',
			size: '0.5',
		});
		const closed = await suite.client.push('positions', (m) => m.type === 'update');
		const items = (closed.data as { futures: Message[] }).futures;
		assert.deepEqual(
			items.map((item) => [item.symbol, item.size]),
			[[SYMBOL, 0]],
		);
		const second = await subscribe('positions', { asset_class: 'derivatives' });
		assert.deepEqual([second.success, second.error], [false, 'Already subscribed to positions channel']);
	});

	it('positions with_margin adds the margin figures; with snapshot too it is refused', async () => {
		buy('0.5');
		const refused = await subscribe('positions', {
			asset_class: 'derivatives',
			with_margin: true,
			snapshot: true,
		});
		assert.equal(refused.success, false);
		assert.match(String(refused.error), /^EGeneral:Invalid arguments:/);
		const ack = await subscribe('positions', { asset_class: 'derivatives', with_margin: true });
		assert.equal(ack.success, true);
		const snapshot = await suite.client.push('positions', (m) => m.type === 'snapshot');
		const [position] = (snapshot.data as { futures: Message[] }).futures;
		assert.ok((position.initial_margin as number) > 0);
		assert.equal(position.maintenance_margin, (position.initial_margin as number) / 2);
	});

	it('balances: refuses asset_class, snapshot per asset with wallets, updates per ledger transaction', async () => {
		const refused = await subscribe('balances', { asset_class: 'derivatives' });
		assert.deepEqual(
			[refused.success, refused.error],
			[false, "'params.asset_class' is not valid for the balances channel"],
		);
		assert.equal((await subscribe('balances')).success, true);
		const snapshot = await suite.client.push('balances', (m) => m.type === 'snapshot');
		const usd = (snapshot.data as Message[]).find((item) => item.asset === 'USD')!;
		assert.equal(usd.balance, 100_000);
		assert.deepEqual(usd.wallets, [{ type: 'flex', id: 'flex', balance: 100_000 }]);
		assert.ok((snapshot.data as Message[]).some((item) => item.asset === 'XBT'));
		buy('0.1');
		const update = await suite.client.push('balances', (m) => m.type === 'update');
		const entry = (update.data as Message[])[0];
		assert.equal(entry.asset, 'USD');
		assert.ok((entry.amount as number) < 0, 'the taker fee reduces the balance');
		assert.equal(entry.wallet_type, 'flex');
		assert.equal(typeof update.sequence, 'number');
	});

	it('margin: refuses snapshot, sends both collateral sections on subscribe and after a trade, once per connection', async () => {
		const refused = await subscribe('margin', { asset_class: 'derivatives', snapshot: true });
		assert.deepEqual(
			[refused.success, refused.error],
			[false, "'params.snapshot' is not valid for the margin channel"],
		);
		assert.equal((await subscribe('margin', { asset_class: 'derivatives' })).success, true);
		const multi = await suite.client.push('margin', (m) => m.type === 'multi_collateral');
		assert.equal(typeof (multi.data as Message).available_margin, 'number');
		const single = await suite.client.push('margin', (m) => m.type === 'single_collateral');
		assert.ok('F-XBT:USD' in (single.data as Message));
		buy('0.2');
		const after = await suite.client.push('margin', (m) => m.type === 'multi_collateral');
		assert.ok(
			((after.data as Message).initial_margin as number) > ((multi.data as Message).initial_margin as number),
		);
		const second = await subscribe('margin', { asset_class: 'derivatives' });
		assert.equal(second.error, 'Already subscribed to margin channel');
	});

	it('ledgers: no snapshot, entries with derivatives detail and a sequence without gaps', async () => {
		const refused = await subscribe('ledgers', { asset_class: 'derivatives' });
		assert.equal(refused.error, "'params.asset_class' is not valid for the ledgers channel");
		assert.equal((await subscribe('ledgers')).success, true);
		buy('0.1');
		await suite.client.probe.waitFor(
			() => suite.client.messages.filter((m) => m.channel === 'ledgers').length >= 2,
		);
		const messages = suite.client.messages.filter((m) => m.channel === 'ledgers');
		assert.ok(messages.every((m) => m.type === 'update'));
		assert.deepEqual(
			messages.map((m) => m.sequence),
			messages.map((_, i) => i + 1),
		);
		const entries = messages.flatMap((m) => m.data as Message[]);
		const cash = entries.find((entry) => entry.asset === 'USD')!;
		assert.equal(cash.symbol, SYMBOL);
		assert.equal(typeof cash.trade_price, 'number');
		const position = entries.find((entry) => entry.asset_class === 'derivatives')!;
		assert.equal(position.balance, 0.1);
	});

	it('closes a private connection that holds no subscription after the configured delay', async () => {
		suite.server.uws.setUnsubscribedCloseMs(300);
		const idle = await UwsTestClient.open(suite.server.uwsPrivateUrl);
		const held = await UwsTestClient.open(suite.server.uwsPrivateUrl);
		const closed = new Promise<number>((resolve) => idle.probe.socket.once('close', (code) => resolve(code)));
		await held.request('subscribe', {
			channel: 'executions',
			asset_class: 'derivatives',
			token: suite.token,
		});
		assert.equal(await closed, 1000);
		await delay(500);
		assert.equal(held.probe.socket.readyState, held.probe.socket.OPEN);
		const publicClient = await UwsTestClient.open(suite.server.uwsPublicUrl);
		await delay(500);
		assert.equal(publicClient.probe.socket.readyState, publicClient.probe.socket.OPEN);
		await Promise.all([held.close(), publicClient.close(), idle.close()]);
	});
});
