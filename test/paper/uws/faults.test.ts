import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../../paper/server';
import { delay } from '../server/support';
import { restingPrice, startUwsExchange, tokenFor, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_XBTUSD';

describe('paper exchange: UWS faults', () => {
	let server: PaperExchangeServer;
	let clients: UwsTestClient[] = [];
	let token: string;

	before(async () => {
		server = await startUwsExchange();
	});
	after(() => server.stop());
	beforeEach(async () => {
		token = await tokenFor(server);
	});
	afterEach(async () => {
		await Promise.all(clients.map((c) => c.close()));
		clients = [];
		server.reset();
	});

	const open = async (url = server.uwsPrivateUrl): Promise<UwsTestClient> => {
		const client = await UwsTestClient.open(url);
		clients.push(client);
		return client;
	};
	const limitOrder = (extra: Message = {}): Message => ({
		asset_class: 'derivatives',
		order_type: 'limit',
		side: 'buy',
		order_qty: 0.01,
		limit_price: restingPrice(server, SYMBOL, 'buy'),
		symbol: SYMBOL,
		token,
		...extra,
	});
	const order = (client: UwsTestClient) => client.request('add_order', limitOrder());
	const openOrders = () => server.exchange.inspect().account(server.keys[0].accountId)!.orders;

	it('dropConnections terminates public and private UWS sockets (and WS v1)', async () => {
		const sockets = [await open(server.uwsPublicUrl), await open()];
		const closed = sockets.map(
			(c) => new Promise<number>((resolve) => c.probe.socket.once('close', (code) => resolve(code))),
		);
		server.faults.dropConnections();
		assert.deepEqual(await Promise.all(closed), [1006, 1006]);
		assert.equal(server.uws.connectionCount, 0);
	});

	it('stopAnsweringPings makes open sockets silent (no heartbeat, no pong, no replies); new ones are healthy', async () => {
		const silent = await open(server.uwsPublicUrl);
		await silent.request('subscribe', { channel: 'instrument', asset_class: 'derivatives' });
		await silent.push('heartbeat');
		server.faults.stopAnsweringPings();
		const before = silent.messages.length;
		silent.probe.send({ method: 'ping', req_id: 7 });
		const protocolPong = new Promise((resolve) => silent.probe.socket.once('pong', resolve));
		silent.probe.socket.ping();
		const outcome = await Promise.race([protocolPong.then(() => 'pong'), delay(600).then(() => 'silence')]);
		assert.equal(outcome, 'silence');
		assert.equal(silent.messages.length, before);
		const healthy = await open(server.uwsPublicUrl);
		assert.equal((await healthy.request('ping')).method, 'pong');
	});

	it('rejectNextOrder refuses the next add_order with the given engine status, then orders pass again', async () => {
		const client = await open();
		server.faults.rejectNextOrder('marketSuspended');
		const refused = await order(client);
		assert.deepEqual([refused.success, refused.error], [false, 'EOrder:marketSuspended']);
		assert.equal((await order(client)).success, true);
	});

	it('ignoreUwsRequest leaves the next request unanswered and not carried out (a req_id timeout)', async () => {
		const client = await open();
		server.faults.ignoreUwsRequest({ method: 'add_order' });
		await assert.rejects(client.request('add_order', limitOrder(), 500), /no matching message within 500 ms/);
		assert.equal(openOrders().size, 0);
		assert.equal((await order(client)).success, true);
	});

	it('loseUwsAnswer carries the order out but never answers: the order exists and shows on executions', async () => {
		const client = await open();
		await client.request('subscribe', { channel: 'executions', asset_class: 'derivatives', token });
		server.faults.loseUwsAnswer({ method: 'add_order' });
		const reqId = 9001;
		client.probe.send({
			method: 'add_order',
			params: limitOrder({ cl_ord_id: 'answer-lost' }),
			req_id: reqId,
		});
		const event = await client.push(
			'executions',
			(m) => (m.data as Message[])[0]?.cl_ord_id === 'answer-lost',
		);
		assert.equal((event.data as Message[])[0].exec_type, 'new');
		await delay(300);
		assert.equal(client.messages.filter((m) => m.req_id === reqId).length, 0);
		assert.equal(openOrders().size, 1);
	});
});
