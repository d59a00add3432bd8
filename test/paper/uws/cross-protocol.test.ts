import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../../paper/server';
import { call, WsProbe } from '../server/support';
import { restingPrice, startUwsExchange, tokenFor, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_SOLUSD';

describe('paper exchange: one engine behind REST v3, WS v1 and the Unified WebSocket', () => {
	let server: PaperExchangeServer;
	let uws: UwsTestClient;
	let v1: WsProbe;
	let token: string;
	const sign = () => ({ apiKey: server.apiKey, apiSecret: server.apiSecret });

	before(async () => {
		server = await startUwsExchange();
	});
	after(() => server.stop());
	beforeEach(async () => {
		token = await tokenFor(server);
		uws = await UwsTestClient.open(server.uwsPrivateUrl);
		await uws.request('subscribe', { channel: 'executions', asset_class: 'derivatives', token });
		v1 = await WsProbe.open(server.wsUrl);
		const auth = await v1.authenticate(server.apiKey, server.apiSecret);
		v1.send({ event: 'subscribe', feed: 'open_orders', ...auth });
		v1.send({ event: 'subscribe', feed: 'fills', ...auth });
		await v1.waitFor((m) => m.feed === 'fills_snapshot');
	});
	afterEach(async () => {
		await Promise.all([uws.close(), v1.close()]);
		server.reset();
	});

	it('an order placed over REST v3 with the Futures key shows on UWS executions', async () => {
		const price = restingPrice(server, SYMBOL, 'buy');
		const answer = await call(server.restUrl, '/derivatives/api/v3/sendorder', {
			method: 'POST',
			body: `orderType=lmt&symbol=${SYMBOL}&side=buy&size=1&limitPrice=${price}&cliOrdId=from-rest`,
			sign: sign(),
		});
		const orderId = (answer.json().sendStatus as Message).order_id;
		const pushed = await uws.push('executions', (m) => (m.data as Message[])[0]?.order_id === orderId);
		const item = (pushed.data as Message[])[0];
		assert.deepEqual(
			[item.exec_type, item.cl_ord_id, item.limit_price, item.order_qty],
			['new', 'from-rest', price, 1],
		);
	});

	it('an order placed over UWS with the Spot key shows on REST v3 and on WS v1, fills on both', async () => {
		const price = restingPrice(server, SYMBOL, 'sell');
		const placed = await uws.request('add_order', {
			asset_class: 'derivatives',
			order_type: 'limit',
			side: 'sell',
			order_qty: 2,
			limit_price: price,
			symbol: SYMBOL,
			cl_ord_id: 'from-uws',
			token,
		});
		const orderId = (placed.result as Message).order_id;
		const open = await call(server.restUrl, '/derivatives/api/v3/openorders', { sign: sign() });
		const listed = (open.json().openOrders as Message[]).find((order) => order.order_id === orderId);
		assert.equal(listed?.cliOrdId, 'from-uws');
		const v1Order = await v1.waitFor(
			(m) => m.feed === 'open_orders' && (m.order as Message | undefined)?.order_id === orderId,
		);
		assert.equal((v1Order.order as Message).cli_ord_id, 'from-uws');
		const market = await uws.request('add_order', {
			asset_class: 'derivatives',
			order_type: 'market',
			side: 'buy',
			order_qty: 1,
			symbol: SYMBOL,
			token,
		});
		const marketId = (market.result as Message).order_id;
		const v1Fill = await v1.waitFor(
			(m) => Array.isArray(m.fills) && (m.fills as Message[]).some((f) => f.order_id === marketId),
		);
		const fillId = (v1Fill.fills as Message[])[0].fill_id;
		await uws.probe.waitFor(() => uws.executions().some((item) => item.exec_id === fillId));
		const fills = await call(server.restUrl, '/derivatives/api/v3/fills', { sign: sign() });
		assert.ok((fills.json().fills as Message[]).some((fill) => fill.fill_id === fillId));
		const positions = await call(server.restUrl, '/derivatives/api/v3/openpositions', { sign: sign() });
		assert.deepEqual(
			(positions.json().openPositions as Message[]).map((p) => [p.symbol, p.side, p.size]),
			[[SYMBOL, 'long', 1]],
		);
	});

	it('a cancel over REST v3 reaches UWS; a cancel over UWS reaches WS v1', async () => {
		const price = restingPrice(server, SYMBOL, 'buy');
		const ids: string[] = [];
		for (const cl of ['x-1', 'x-2']) {
			const reply = await uws.request('add_order', {
				asset_class: 'derivatives',
				order_type: 'limit',
				side: 'buy',
				order_qty: 1,
				limit_price: price,
				symbol: SYMBOL,
				cl_ord_id: cl,
				token,
			});
			ids.push((reply.result as Message).order_id as string);
		}
		await call(server.restUrl, '/derivatives/api/v3/cancelorder', {
			method: 'POST',
			body: `order_id=${ids[0]}`,
			sign: sign(),
		});
		await uws.push(
			'executions',
			(m) =>
				(m.data as Message[])[0]?.exec_type === 'canceled' && (m.data as Message[])[0]?.order_id === ids[0],
		);
		await uws.request('cancel_order', { asset_class: 'derivatives', order_id: [ids[1]], token });
		const v1Cancel = await v1.waitFor(
			(m) => m.feed === 'open_orders' && m.order_id === ids[1] && m.is_cancel === true,
		);
		assert.equal(v1Cancel.reason, 'cancelled_by_user');
	});
});
