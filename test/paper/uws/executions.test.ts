import assert from 'node:assert/strict';
import { restingPrice, usePrivateSuite, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_XBTUSD';

describe('paper exchange: UWS executions channel', () => {
	const suite = usePrivateSuite();

	const order = (params: Message) =>
		suite.client.request('add_order', {
			asset_class: 'derivatives',
			symbol: SYMBOL,
			token: suite.token,
			...params,
		});
	const subscribe = (params: Message = {}) =>
		suite.client.request('subscribe', {
			channel: 'executions',
			asset_class: 'derivatives',
			token: suite.token,
			...params,
		});
	const itemsOf = (orderId: unknown) => suite.client.executions().filter((item) => item.order_id === orderId);

	it('acknowledges, then sends a snapshot of the open orders with a per-connection sequence', async () => {
		const price = restingPrice(suite.server, SYMBOL, 'buy');
		suite.server.exchange.sendOrder(suite.server.keys[0].accountId, {
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
		const snapshot = await suite.client.push('executions', (m) => m.type === 'snapshot');
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
		const accountId = suite.server.keys[0].accountId;
		for (let i = 0; i < 55; i++) {
			suite.server.exchange.sendOrder(accountId, {
				orderType: 'mkt',
				symbol: SYMBOL,
				side: i % 2 ? 'sell' : 'buy',
				size: '0.001',
			});
		}
		await subscribe({ snap_trades: true, snap_orders: false });
		const snapshot = await suite.client.push('executions', (m) => m.type === 'snapshot');
		const trades = snapshot.data as Message[];
		assert.equal(trades.length, 50);
		assert.ok(trades.every((t) => t.exec_type === 'trade'));
		const fills = suite.server.exchange.inspect().account(accountId)!.fills;
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
		await suite.client.push('executions', (m) => m.type === 'snapshot');
		const reply = await order({ order_type: 'market', side: 'buy', order_qty: 0.02, cl_ord_id: 'mkt-1' });
		assert.equal(reply.success, true, JSON.stringify(reply));
		const orderId = (reply.result as Message).order_id;
		assert.deepEqual(reply.result, { order_id: orderId, cl_ord_id: 'mkt-1' });
		await suite.client.probe.waitFor(() => itemsOf(orderId).some((i) => i.exec_type === 'filled'));
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
		const sequences = suite.client.messages
			.filter((m) => m.channel === 'executions')
			.map((m) => m.sequence as number);
		assert.deepEqual(
			sequences,
			sequences.map((_, i) => i + 1),
		);
	});

	it('reports a resting order new, amended and canceled', async () => {
		await subscribe();
		const price = restingPrice(suite.server, SYMBOL, 'sell');
		const reply = await order({
			order_type: 'limit',
			side: 'sell',
			order_qty: 0.01,
			limit_price: price,
			cl_ord_id: 'rest-2',
		});
		const orderId = (reply.result as Message).order_id;
		await suite.client.push('executions', (m) => (m.data as Message[])[0]?.exec_type === 'new');
		const amend = await suite.client.request('amend_order', {
			asset_class: 'derivatives',
			order_id: orderId,
			order_qty: 0.03,
			token: suite.token,
		});
		assert.equal(amend.success, true, JSON.stringify(amend));
		const amended = await suite.client.push(
			'executions',
			(m) => (m.data as Message[])[0]?.exec_type === 'amended',
		);
		assert.equal((amended.data as Message[])[0].order_qty, 0.03);
		await suite.client.request('cancel_order', {
			asset_class: 'derivatives',
			order_id: [orderId],
			token: suite.token,
		});
		const canceled = await suite.client.push(
			'executions',
			(m) => (m.data as Message[])[0]?.exec_type === 'canceled',
		);
		assert.equal((canceled.data as Message[])[0].order_status, 'canceled');
		assert.equal((canceled.data as Message[])[0].cl_ord_id, 'rest-2');
	});

	it('order_status: false streams only open/close transitions and fills', async () => {
		await subscribe({ order_status: false });
		const price = restingPrice(suite.server, SYMBOL, 'buy');
		const reply = await order({ order_type: 'limit', side: 'buy', order_qty: 0.01, limit_price: price });
		const orderId = (reply.result as Message).order_id;
		await suite.client.request('amend_order', {
			asset_class: 'derivatives',
			order_id: orderId,
			limit_price: price - 10,
			token: suite.token,
		});
		await suite.client.request('cancel_order', {
			asset_class: 'derivatives',
			order_id: [orderId],
			token: suite.token,
		});
		await suite.client.probe.waitFor(() => itemsOf(orderId).some((i) => i.exec_type === 'canceled'));
		assert.deepEqual(
			itemsOf(orderId).map((i) => i.exec_type),
			['new', 'canceled'],
		);
	});

	it('refuses the subscription without a token, without asset_class, and on the public endpoint', async () => {
		const noToken = await suite.client.request('subscribe', {
			channel: 'executions',
			asset_class: 'derivatives',
		});
		assert.deepEqual([noToken.success, noToken.error], [false, 'EAPI:Invalid token']);
		const noClass = await suite.client.request('subscribe', { channel: 'executions', token: suite.token });
		assert.equal(noClass.success, false);
		assert.match(String(noClass.error), /^EGeneral:Invalid arguments:.*asset_class/);
		const publicClient = await UwsTestClient.open(suite.server.uwsPublicUrl);
		try {
			const refused = await publicClient.request('subscribe', {
				channel: 'executions',
				asset_class: 'derivatives',
				token: suite.token,
			});
			assert.deepEqual([refused.success, refused.error], [false, 'EGeneral:Permission denied']);
		} finally {
			await publicClient.close();
		}
	});
});
