import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../../paper/server';
import { restingPrice, startUwsExchange, tokenFor, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_XBTUSD';

describe('paper exchange: UWS executions channel', () => {
	let server: PaperExchangeServer;
	let client: UwsTestClient;
	let token: string;

	before(async () => {
		server = await startUwsExchange();
	});
	after(() => server.stop());
	beforeEach(async () => {
		token = await tokenFor(server);
		client = await UwsTestClient.open(server.uwsPrivateUrl);
	});
	afterEach(async () => {
		await client.close();
		server.reset();
	});

	const order = (params: Message) =>
		client.request('add_order', { asset_class: 'derivatives', symbol: SYMBOL, token, ...params });
	const subscribe = (params: Message = {}) =>
		client.request('subscribe', { channel: 'executions', asset_class: 'derivatives', token, ...params });
	const itemsOf = (orderId: unknown) => client.executions().filter((item) => item.order_id === orderId);

	it('acknowledges, then sends a snapshot of the open orders with a per-connection sequence', async () => {
		const price = restingPrice(server, SYMBOL, 'buy');
		server.exchange.sendOrder(server.keys[0].accountId, {
			orderType: 'lmt',
			symbol: SYMBOL,
			side: 'buy',
			size: '0.01',
			limitPrice: String(price),
			cliOrdId: 'resting-1',
		});
		const ack = await subscribe();
		assert.equal(ack.success, true);
		assert.deepEqual(ack.result, {
			channel: 'executions',
			snap_orders: true,
			snap_trades: false,
			order_status: true,
			ratecounter: false,
		});
		const snapshot = await client.push('executions', (m) => m.type === 'snapshot');
		assert.equal(snapshot.sequence, 1);
		const data = snapshot.data as Message[];
		assert.equal(data.length, 1);
		assert.equal(data[0].cl_ord_id, 'resting-1');
		assert.equal(data[0].order_type, 'limit');
		assert.equal(data[0].limit_price, price);
		assert.equal(data[0].order_status, 'new');
		assert.equal(typeof data[0].order_id, 'string');
	});

	it('snap_trades gives the last 50 fills, oldest first, keyed by exec_id', async () => {
		const accountId = server.keys[0].accountId;
		for (let i = 0; i < 55; i++) {
			server.exchange.sendOrder(accountId, {
				orderType: 'mkt',
				symbol: SYMBOL,
				side: i % 2 ? 'sell' : 'buy',
				size: '0.001',
			});
		}
		await subscribe({ snap_trades: true, snap_orders: false });
		const snapshot = await client.push('executions', (m) => m.type === 'snapshot');
		const trades = snapshot.data as Message[];
		assert.equal(trades.length, 50);
		assert.ok(trades.every((t) => t.exec_type === 'trade'));
		const fills = server.exchange.inspect().account(accountId)!.fills;
		assert.deepEqual(
			trades.map((t) => t.exec_id),
			fills
				.slice(0, 50)
				.map((f) => f.fillId)
				.reverse(),
		);
	});

	it('reports an order over its life: new, trade, filled for a market order', async () => {
		await subscribe();
		await client.push('executions', (m) => m.type === 'snapshot');
		const reply = await order({ order_type: 'market', side: 'buy', order_qty: 0.02, cl_ord_id: 'mkt-1' });
		assert.equal(reply.success, true, JSON.stringify(reply));
		const orderId = (reply.result as Message).order_id;
		assert.deepEqual(reply.result, { order_id: orderId, cl_ord_id: 'mkt-1' });
		await client.probe.waitFor(() => itemsOf(orderId).some((i) => i.exec_type === 'filled'));
		const items = itemsOf(orderId);
		assert.equal(items[0].exec_type, 'new');
		assert.equal(items[0].cum_qty, 0);
		const trades = items.filter((i) => i.exec_type === 'trade');
		assert.ok(trades.length >= 1);
		const total = trades.reduce((sum, t) => sum + (t.last_qty as number), 0);
		assert.ok(Math.abs(total - 0.02) < 1e-9);
		assert.equal(trades.at(-1)!.order_status, 'filled');
		assert.deepEqual(Object.keys((trades[0].fees as Message[])[0]), ['asset', 'qty']);
		assert.equal(trades[0].liquidity_ind, 't');
		assert.equal(items.at(-1)!.exec_type, 'filled');
		assert.equal(items.at(-1)!.order_status, 'filled');
		const sequences = client.messages
			.filter((m) => m.channel === 'executions')
			.map((m) => m.sequence as number);
		assert.deepEqual(
			sequences,
			sequences.map((_, i) => i + 1),
		);
	});

	it('reports a resting order new, amended and canceled', async () => {
		await subscribe();
		const price = restingPrice(server, SYMBOL, 'sell');
		const reply = await order({
			order_type: 'limit',
			side: 'sell',
			order_qty: 0.01,
			limit_price: price,
			cl_ord_id: 'rest-2',
		});
		const orderId = (reply.result as Message).order_id;
		await client.push('executions', (m) => (m.data as Message[])[0]?.exec_type === 'new');
		const amend = await client.request('amend_order', {
			asset_class: 'derivatives',
			order_id: orderId,
			order_qty: 0.03,
			token,
		});
		assert.equal(amend.success, true, JSON.stringify(amend));
		const amended = await client.push('executions', (m) => (m.data as Message[])[0]?.exec_type === 'amended');
		assert.equal((amended.data as Message[])[0].order_qty, 0.03);
		await client.request('cancel_order', { asset_class: 'derivatives', order_id: [orderId], token });
		const canceled = await client.push(
			'executions',
			(m) => (m.data as Message[])[0]?.exec_type === 'canceled',
		);
		assert.equal((canceled.data as Message[])[0].order_status, 'canceled');
		assert.equal((canceled.data as Message[])[0].cl_ord_id, 'rest-2');
	});

	it('order_status: false streams only open/close transitions and fills', async () => {
		await subscribe({ order_status: false });
		const price = restingPrice(server, SYMBOL, 'buy');
		const reply = await order({ order_type: 'limit', side: 'buy', order_qty: 0.01, limit_price: price });
		const orderId = (reply.result as Message).order_id;
		await client.request('amend_order', {
			asset_class: 'derivatives',
			order_id: orderId,
			limit_price: price - 10,
			token,
		});
		await client.request('cancel_order', { asset_class: 'derivatives', order_id: [orderId], token });
		await client.probe.waitFor(() => itemsOf(orderId).some((i) => i.exec_type === 'canceled'));
		assert.deepEqual(
			itemsOf(orderId).map((i) => i.exec_type),
			['new', 'canceled'],
		);
	});

	it('refuses the subscription without a token, without asset_class, and on the public endpoint', async () => {
		const noToken = await client.request('subscribe', { channel: 'executions', asset_class: 'derivatives' });
		assert.deepEqual([noToken.success, noToken.error], [false, 'EAPI:Invalid token']);
		const noClass = await client.request('subscribe', { channel: 'executions', token });
		assert.equal(noClass.success, false);
		assert.match(String(noClass.error), /^EGeneral:Invalid arguments:.*asset_class/);
		const publicClient = await UwsTestClient.open(server.uwsPublicUrl);
		try {
			const refused = await publicClient.request('subscribe', {
				channel: 'executions',
				asset_class: 'derivatives',
				token,
			});
			assert.deepEqual([refused.success, refused.error], [false, 'EGeneral:Permission denied']);
		} finally {
			await publicClient.close();
		}
	});
});
