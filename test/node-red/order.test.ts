import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../paper/server';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	nextError,
	nextMessage,
	orderNode,
	placed,
	startPaper,
	statusMatching,
} from './support';

function orderFlow(paper: PaperExchangeServer, form: Record<string, unknown> = {}) {
	return placed([
		TAB,
		configFor(paper),
		{
			id: 'order',
			type: 'kraken-futures-order',
			z: 'tab',
			account: 'cfg',
			action: 'send',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			orderType: 'lmt',
			size: '0.01',
			limitPrice: '50000',
			...form,
			wires: [['out']],
		},
		{ id: 'out', type: 'helper', z: 'tab' },
		{ id: 'catch', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] },
		{ id: 'caught', type: 'helper', z: 'tab' },
	]);
}

describe('Node-RED kraken-futures-order', function () {
	let paper: PaperExchangeServer;

	before(async () => {
		initHelper();
		paper = await startPaper();
	});
	after(() => paper.stop());
	beforeEach(() => helper.startServer());
	afterEach(async () => {
		await helper.unload();
		await helper.stopServer();
		paper.reset();
	});

	async function load(form: Record<string, unknown> = {}) {
		await helper.load([configNode, orderNode], orderFlow(paper, form), credentialsFor(paper));
		return { order: helper.getNode('order'), out: helper.getNode('out'), caught: helper.getNode('caught') };
	}

	it('places a limit order from the form and passes the msg through with the order as payload', async () => {
		const { order, out } = await load();
		const received = nextMessage(out);
		const statusSeen = statusMatching(order, /buy 0.01 PF_XBTUSD/);
		order.receive({ payload: 'tick', topic: 'keep-me' });
		const msg = await received;
		const payload = msg.payload as Record<string, unknown>;
		assert.equal(payload.status, 'placed');
		assert.equal(typeof payload.order_id, 'string');
		assert.ok(Array.isArray(payload.orderEvents));
		assert.equal(msg.topic, 'keep-me');
		assert.equal(paper.requests.forPath('/sendorder').length, 1);
		assert.equal(paper.requests.forPath('/sendorder')[0].params.limitPrice, '50000');
		const serialized = JSON.stringify(msg);
		assert.ok(!serialized.includes(paper.apiSecret), 'no secret in the msg');
		assert.ok(!serialized.includes(paper.apiKey), 'no key in the msg');
		assert.equal((await statusSeen).fill, 'green');
	});

	it('takes every field from msg.payload over the form', async () => {
		const { order, out } = await load();
		const received = nextMessage(out);
		order.receive({
			payload: {
				symbol: 'pf_ethusd',
				side: 'sell',
				orderType: 'lmt',
				size: '0.5',
				limitPrice: 9000,
				reduceOnly: false,
				cliOrdId: 'my-own-id-1',
			},
		});
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.status, 'placed');
		const sent = paper.requests.forPath('/sendorder')[0].params;
		assert.equal(sent.symbol, 'PF_ETHUSD');
		assert.equal(sent.side, 'sell');
		assert.equal(sent.size, '0.5');
		assert.equal(sent.cliOrdId, 'my-own-id-1');
	});

	it('edits an open order', async () => {
		const { order, out } = await load();
		let received = nextMessage(out);
		order.receive({ payload: { cliOrdId: 'to-edit-1' } });
		await received;
		received = nextMessage(out);
		order.receive({ payload: { action: 'edit', cliOrdId: 'to-edit-1', size: 0.02, limitPrice: 49000 } });
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.status, 'edited');
		assert.equal(paper.requests.forPath('/editorder').length, 1);
	});

	it('reports a post-only order that would execute as an error a Catch node can branch on', async () => {
		const { order, caught } = await load({ orderType: 'post', limitPrice: '90000' });
		const failed = nextError(order);
		const caughtMsg = nextMessage(caught);
		const statusSeen = statusMatching(order, /postWouldExecute/);
		order.receive({ payload: {} });
		const { error, msg } = await failed;
		assert.equal((error as Error & { code: string }).code, 'KRAKEN_ORDER_REJECTED');
		assert.deepEqual(Object.keys(msg.error as object).sort(), ['code', 'message', 'status']);
		assert.equal((msg.error as Record<string, unknown>).status, 'postWouldExecute');
		const atCatch = await caughtMsg;
		assert.equal((atCatch.error as Record<string, unknown>).code, 'KRAKEN_ORDER_REJECTED');
		assert.equal((atCatch._error as Record<string, unknown>).status, 'postWouldExecute');
		assert.equal((await statusSeen).fill, 'red');
	});

	it('reports an order the exchange rejects inside a success answer', async () => {
		const { order } = await load();
		paper.faults.rejectNextOrder('insufficientAvailableFunds');
		const failed = nextError(order);
		order.receive({ payload: {} });
		const { msg } = await failed;
		const details = msg.error as Record<string, unknown>;
		assert.equal(details.code, 'KRAKEN_ORDER_REJECTED');
		assert.equal(details.status, 'insufficientAvailableFunds');
		assert.match(String(details.message), /insufficient/);
	});

	const badInputs: [string, Record<string, unknown>, string][] = [
		['size is not a number', { size: 'lots' }, 'size'],
		['size is negative', { size: -1 }, 'size'],
		['side is unknown', { side: 'long' }, 'side'],
		['order type is unknown', { orderType: 'iceberg' }, 'orderType'],
		['symbol is empty', { symbol: '', orderType: 'mkt' }, 'symbol'],
		['limit order without a price', { limitPrice: '' }, 'limitPrice'],
		['stop order without a stop price', { orderType: 'stp' }, 'stopPrice'],
		['trailing stop without a deviation', { orderType: 'trailing_stop' }, 'trailingStopMaxDeviation'],
		['reduceOnly is not a boolean', { reduceOnly: 'maybe' }, 'reduceOnly'],
		['triggerSignal is unknown', { orderType: 'stp', stopPrice: 1, triggerSignal: 'moon' }, 'triggerSignal'],
		['cliOrdId is too long', { cliOrdId: 'x'.repeat(101) }, 'cliOrdId'],
		['processBefore is not a time', { processBefore: 'soon' }, 'processBefore'],
		['limit offset without a unit', { limitPriceOffsetValue: 5 }, 'limitPriceOffsetUnit'],
		['unknown symbol', { symbol: 'PF_NOPEUSD' }, 'symbol'],
		['price off the tick grid', { limitPrice: 50000.5 }, 'limitPrice'],
		['edit without an order id', { action: 'edit', size: 1 }, 'orderId'],
	];
	for (const [title, payload, field] of badInputs) {
		it(`rejects bad input before sending: ${title}`, async () => {
			const { order } = await load();
			const failed = nextError(order);
			order.receive({ payload });
			const { msg } = await failed;
			const details = msg.error as Record<string, unknown>;
			assert.equal(details.code, 'KRAKEN_INVALID_ARG');
			assert.equal(details.field, field);
			assert.match(String(details.message), new RegExp(field));
			assert.equal(paper.requests.forPath('/sendorder').length, 0, 'nothing reached the exchange');
			assert.equal(paper.requests.forPath('/editorder').length, 0, 'nothing reached the exchange');
		});
	}

	it('enforces the maximum size and notional guards before sending', async () => {
		const { order } = await load({ maxSize: '0.05', maxNotional: '1000' });
		let failed = nextError(order);
		order.receive({ payload: { size: 0.1 } });
		assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'size');
		failed = nextError(order);
		order.receive({ payload: { size: 0.03, orderType: 'mkt' } });
		const details = (await failed).msg.error as Record<string, unknown>;
		assert.equal(details.field, 'size');
		assert.match(String(details.message), /notional/);
		assert.equal(paper.requests.forPath('/sendorder').length, 0);
	});

	it('enforces the reduce-only guard', async () => {
		const { order } = await load({ guardReduceOnly: true });
		const failed = nextError(order);
		order.receive({ payload: {} });
		assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'reduceOnly');
		assert.equal(paper.requests.forPath('/sendorder').length, 0);
	});

	it('fails clearly without a configuration node', async () => {
		await helper.load(
			[configNode, orderNode],
			placed([TAB, { id: 'order', type: 'kraken-futures-order', z: 'tab', account: '', wires: [[]] }]),
		);
		const order = helper.getNode('order');
		const failed = nextError(order);
		order.receive({ payload: {} });
		const details = (await failed).msg.error as Record<string, unknown>;
		assert.equal(details.field, 'account');
		assert.equal(details.code, 'KRAKEN_CONFIG');
	});
});
