import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	TAB,
	cancelNode,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	nextError,
	nextMessage,
	orderNode,
	placeRestingOrder,
	placed,
	positionsNode,
	requestNode,
	restClientOf,
	runtimePath,
	usePaperExchange,
	type TestNode,
} from './support';

/** A resting buy limit order form: the price is far below the paper market, so nothing fills. */
const ORDER_FORM = {
	action: 'send',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	orderType: 'lmt',
	size: '0.01',
	limitPrice: '30000',
};

/** The tab's environment: what an `env` typed input reads first. */
const TAB_ENV = [
	{ name: 'ORDER_SIZE', value: '0.03', type: 'str' },
	{ name: 'NOT_A_SIZE', value: 'kept-out-of-errors', type: 'str' },
];

interface ContextNode {
	context(): { flow: ContextStore; global: ContextStore };
}
interface ContextStore {
	set(key: string, value: unknown): void;
}
interface AsyncContextNode {
	context(): {
		flow: { set(key: string, value: unknown, store: string, done: (error?: Error) => void): void };
	};
}

describe('Node-RED: typed inputs read fields from msg, flow, global, env and JSONata (order, cancel, positions, request)', function () {
	const exchange = usePaperExchange();

	async function load(type: string, form: Record<string, unknown>) {
		const flow = placed([
			{ ...TAB, env: TAB_ENV },
			configFor(exchange()),
			{ id: 'node', type, z: 'tab', account: 'cfg', ...form, wires: [['out']] },
			{ id: 'out', type: 'helper', z: 'tab' },
		]);
		await helper.load(
			[configNode, orderNode, cancelNode, positionsNode, requestNode],
			flow,
			credentialsFor(exchange()),
		);
		return { node: helper.getNode('node'), out: helper.getNode('out') };
	}

	function context(node: TestNode) {
		return (node as unknown as ContextNode).context();
	}

	function sent(path: string): Record<string, string>[] {
		return exchange()
			.requests.forPath(path)
			.map((request) => request.params as Record<string, string>);
	}

	async function answer(node: TestNode, out: TestNode, msg: Record<string, unknown>) {
		const received = nextMessage(out);
		node.receive(msg);
		return (await received).payload as Record<string, unknown>;
	}

	async function failure(node: TestNode, msg: Record<string, unknown>) {
		const failed = nextError(node);
		node.receive(msg);
		const { error, msg: failedMsg } = await failed;
		return { message: error.message, details: failedMsg.error as Record<string, unknown> };
	}

	describe('a flow saved before typed inputs existed (no *Type properties)', () => {
		it('sends its literal values exactly as before, and msg.payload still overrides them', async () => {
			const { node, out } = await load('kraken-futures-order', ORDER_FORM);
			assert.equal((await answer(node, out, { payload: 'tick', qty: 5 })).status, 'placed');
			assert.equal((await answer(node, out, { payload: { size: '0.02' } })).status, 'placed');
			const [fromForm, fromPayload] = sent('/sendorder');
			assert.equal(fromForm.symbol, 'PF_XBTUSD');
			assert.equal(fromForm.side, 'buy');
			assert.equal(fromForm.orderType, 'lmt');
			assert.equal(fromForm.size, '0.01');
			assert.equal(fromForm.limitPrice, '30000');
			assert.equal(fromPayload.size, '0.02');
		});

		it('cancels all orders of the symbol written in the dialog', async () => {
			const { node, out } = await load('kraken-futures-cancel', { action: 'cancelAll', symbol: 'pf_xbtusd' });
			await placeRestingOrder('old-flow-cancel');
			assert.equal((await answer(node, out, { payload: 'go', symbol: 'PF_ETHUSD' })).status, 'cancelled');
			assert.equal(sent('/cancelallorders').at(-1)?.symbol, 'PF_XBTUSD');
		});
	});

	describe('kraken-futures-order', () => {
		it('reads symbol, side, size, limit price and cliOrdId from msg properties', async () => {
			const { node, out } = await load('kraken-futures-order', {
				...ORDER_FORM,
				symbol: 'contract',
				symbolType: 'msg',
				side: 'signal.side',
				sideType: 'msg',
				size: 'qty',
				sizeType: 'msg',
				limitPrice: 'price',
				limitPriceType: 'msg',
				cliOrdId: 'alertId',
				cliOrdIdType: 'msg',
			});
			const payload = await answer(node, out, {
				payload: 'alert',
				contract: 'pf_ethusd',
				signal: { side: 'sell' },
				qty: 0.5,
				price: '9000',
				alertId: 'alert-42',
			});
			assert.equal(payload.status, 'placed');
			const [order] = sent('/sendorder');
			assert.deepEqual(
				[order.symbol, order.side, order.size, order.limitPrice, order.cliOrdId],
				['PF_ETHUSD', 'sell', '0.5', '9000', 'alert-42'],
			);
		});

		it('reads size from flow context and the limit price from global context', async () => {
			const { node, out } = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: 'orderSize',
				sizeType: 'flow',
				limitPrice: 'bid',
				limitPriceType: 'global',
			});
			context(node).flow.set('orderSize', 0.04);
			context(node).global.set('bid', 31000);
			assert.equal((await answer(node, out, { payload: {} })).status, 'placed');
			const [order] = sent('/sendorder');
			assert.equal(order.size, '0.04');
			assert.equal(order.limitPrice, '31000');
		});

		it('reads size from an environment variable of the flow, and from a JSONata expression', async () => {
			const fromEnv = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: 'ORDER_SIZE',
				sizeType: 'env',
			});
			assert.equal((await answer(fromEnv.node, fromEnv.out, { payload: {} })).status, 'placed');
			await helper.unload();
			await helper.startServer();
			const fromExpression = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: 'payload.units * 0.01',
				sizeType: 'jsonata',
			});
			const payload = await answer(fromExpression.node, fromExpression.out, { payload: { units: 5 } });
			assert.equal(payload.status, 'placed');
			assert.deepEqual(
				sent('/sendorder').map((order) => order.size),
				['0.03', '0.05'],
			);
		});

		it('gives a field read from a source precedence over msg.payload, and msg.payload precedence over a literal', async () => {
			const { node, out } = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: 'qty',
				sizeType: 'msg',
			});
			await answer(node, out, { qty: 0.02, payload: { size: 0.07, limitPrice: 32000 } });
			const [order] = sent('/sendorder');
			assert.equal(order.size, '0.02', 'the msg source wins over payload.size');
			assert.equal(order.limitPrice, '32000', 'payload.limitPrice wins over the literal limit price');
		});

		it('reads no price field that the order type does not use', async () => {
			const { node, out } = await load('kraken-futures-order', {
				...ORDER_FORM,
				orderType: 'mkt',
				limitPrice: 'price',
				limitPriceType: 'msg',
				stopPrice: 'trigger',
				stopPriceType: 'msg',
			});
			const failed = nextError(node, 4000).then(({ error }) => error.message);
			const payload = await Promise.race([answer(node, out, { payload: {} }), failed]);
			assert.equal((payload as Record<string, unknown>).status, 'placed', String(payload));
			assert.equal(sent('/sendorder')[0].limitPrice, undefined);
		});

		it('edits the order named by msg.orderId to the size in msg.newSize, whatever id msg.payload names', async () => {
			const { node, out } = await load('kraken-futures-order', {
				action: 'edit',
				orderId: 'orderId',
				orderIdType: 'msg',
				size: 'newSize',
				sizeType: 'msg',
			});
			const orderId = await placeRestingOrder('typed-edit');
			const payload = await answer(node, out, {
				orderId,
				newSize: 0.03,
				payload: { cliOrdId: 'not-this-one' },
			});
			assert.equal(payload.status, 'edited');
			const [edit] = sent('/editorder');
			assert.equal(edit.orderId, orderId);
			assert.equal(edit.cliOrdId, undefined, "the payload's cliOrdId was not used");
			assert.equal(edit.size, '0.03');
		});

		const BAD_VALUES: {
			source: string;
			form: Record<string, unknown>;
			msg: Record<string, unknown>;
			setup?: (node: TestNode) => void;
			error: RegExp;
			field: string;
		}[] = [
			{
				source: 'msg',
				form: { size: 'qty', sizeType: 'msg' },
				msg: { qty: -1 },
				error: /^size from msg\.qty: must be greater than 0, got -1$/,
				field: 'size',
			},
			{
				source: 'msg (missing)',
				form: { size: 'order.qty', sizeType: 'msg' },
				msg: {},
				error: /^size from msg\.order\.qty: no value there$/,
				field: 'size',
			},
			{
				source: 'flow',
				form: { limitPrice: 'bid', limitPriceType: 'flow' },
				msg: {},
				error: /^limitPrice from flow\.bid: no value there$/,
				field: 'limitPrice',
			},
			{
				source: 'global',
				form: { size: 'orderSize', sizeType: 'global' },
				msg: {},
				setup: (node) => context(node).global.set('orderSize', 'a lot'),
				error: /^size from global\.orderSize: must be a number in decimal notation, got "a lot"$/,
				field: 'size',
			},
			{
				source: 'env',
				form: { size: 'NO_SUCH_SIZE', sizeType: 'env' },
				msg: {},
				error: /^size from env NO_SUCH_SIZE: no value there$/,
				field: 'size',
			},
			{
				source: 'env (a value that is not a number, not repeated in the error)',
				form: { size: 'NOT_A_SIZE', sizeType: 'env' },
				msg: {},
				error: /^size from env NOT_A_SIZE: must be a number in decimal notation$/,
				field: 'size',
			},
			{
				source: 'JSONata',
				form: { size: 'payload.(', sizeType: 'jsonata' },
				msg: {},
				error: /^size from JSONata payload\.\(: could not be read: /,
				field: 'size',
			},
			{
				source: 'msg (side)',
				form: { side: 'direction', sideType: 'msg' },
				msg: { direction: 'long' },
				error: /^side from msg\.direction: must be one of buy, sell, got "long"$/,
				field: 'side',
			},
			{
				source: 'msg (a symbol the exchange does not list)',
				form: { symbol: 'contract', symbolType: 'msg' },
				msg: { contract: 'PF_NOPEUSD' },
				error: /^symbol from msg\.contract: "PF_NOPEUSD" is not a Kraken Futures instrument$/,
				field: 'symbol',
			},
			{
				source: 'flow (a price off the tick size)',
				form: { limitPrice: 'bid', limitPriceType: 'flow' },
				msg: {},
				setup: (node) => context(node).flow.set('bid', 30000.123),
				error: /^limitPrice from flow\.bid: 30000\.123 is not a multiple of the tick size /,
				field: 'limitPrice',
			},
			{
				source: 'msg (symbol)',
				form: { symbol: 'topic', symbolType: 'msg' },
				msg: { topic: { name: 'PF_XBTUSD' } },
				error: /^symbol from msg\.topic: must be text, got \{"name":"PF_XBTUSD"\}$/,
				field: 'symbol',
			},
		];
		for (const bad of BAD_VALUES) {
			it(`refuses a bad value from ${bad.source} with an error naming the field and the source, and sends nothing`, async () => {
				const { node } = await load('kraken-futures-order', { ...ORDER_FORM, ...bad.form });
				bad.setup?.(node);
				const { message, details } = await failure(node, { payload: {}, ...bad.msg });
				assert.match(message, bad.error);
				assert.equal(details.code, 'KRAKEN_INVALID_ARG');
				assert.equal(details.field, bad.field);
				assert.equal(sent('/sendorder').length, 0, 'nothing reached the exchange');
			});
		}

		it('names the source of a size that breaks a safety limit', async () => {
			const { node } = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: 'qty',
				sizeType: 'msg',
				maxSize: '0.1',
			});
			const { message } = await failure(node, { qty: 2, payload: {} });
			assert.match(message, /^size from msg\.qty: 2 is above this node's maximum size of 0\.1$/);
			assert.equal(sent('/sendorder').length, 0);
		});
	});

	describe('an asynchronous context store (localfilesystem, no cache)', () => {
		let storeDir = '';
		before(() => {
			storeDir = mkdtempSync(join(tmpdir(), 'kraken-futures-context-'));
			helper.init(runtimePath(), {
				contextStorage: {
					default: { module: 'memory' },
					file: { module: 'localfilesystem', config: { dir: storeDir, cache: false } },
				},
			});
		});
		after(() => {
			initHelper();
			rmSync(storeDir, { recursive: true, force: true });
		});

		it('reads size from flow context in the named store, and names the store when the value is missing', async () => {
			const { node, out } = await load('kraken-futures-order', {
				...ORDER_FORM,
				size: '#:(file)::orderSize',
				sizeType: 'flow',
			});
			// The test helper starts flows without the runtime's start-up, which is what loads the
			// configured context stores; its context module is loaded here instead.
			await (helper as unknown as { _context: { load(): Promise<void> } })._context.load();
			const { message } = await failure(node, { payload: {} });
			assert.match(message, /^size from flow\.orderSize in context store file: no value there$/);
			await new Promise<void>((resolve, reject) =>
				(node as unknown as AsyncContextNode)
					.context()
					.flow.set('orderSize', 0.06, 'file', (error) => (error ? reject(error) : resolve())),
			);
			assert.equal((await answer(node, out, { payload: {} })).status, 'placed');
			assert.equal(sent('/sendorder').length, 1, 'only the order with a size was sent');
			assert.equal(sent('/sendorder')[0].size, '0.06');
		});
	});

	describe('kraken-futures-cancel', () => {
		it('cancels the order whose id is in msg.orderId, and the one whose cliOrdId is in flow context', async () => {
			const { node, out } = await load('kraken-futures-cancel', {
				action: 'cancel',
				order_id: 'orderId',
				order_idType: 'msg',
			});
			const orderId = await placeRestingOrder('typed-cancel-1');
			assert.equal((await answer(node, out, { orderId, payload: 'go' })).status, 'cancelled');
			assert.equal(sent('/cancelorder').at(-1)?.order_id, orderId);
			await helper.unload();
			await helper.startServer();
			const byCliOrdId = await load('kraken-futures-cancel', {
				action: 'cancel',
				cliOrdId: 'lastOrder',
				cliOrdIdType: 'flow',
			});
			await placeRestingOrder('typed-cancel-2');
			context(byCliOrdId.node).flow.set('lastOrder', 'typed-cancel-2');
			assert.equal((await answer(byCliOrdId.node, byCliOrdId.out, { payload: 'go' })).status, 'cancelled');
			assert.equal(sent('/cancelorder').at(-1)?.cliOrdId, 'typed-cancel-2');
		});

		it('cancels by a cliOrdId from msg even when msg.payload names another order_id (one id per order)', async () => {
			const { node, out } = await load('kraken-futures-cancel', {
				action: 'cancel',
				cliOrdId: 'alert.cliOrdId',
				cliOrdIdType: 'msg',
			});
			const other = await placeRestingOrder('typed-cancel-other');
			await placeRestingOrder('typed-cancel-chosen');
			const payload = await answer(node, out, {
				alert: { cliOrdId: 'typed-cancel-chosen' },
				payload: { order_id: other },
			});
			assert.equal(payload.status, 'cancelled');
			const [cancel] = sent('/cancelorder');
			assert.equal(cancel.cliOrdId, 'typed-cancel-chosen');
			assert.equal(cancel.order_id, undefined, "the payload's order_id was not used");
		});

		it('never cancels every symbol when the symbol source is empty', async () => {
			const { node } = await load('kraken-futures-cancel', {
				action: 'cancelAll',
				symbol: 'contract',
				symbolType: 'msg',
			});
			const { message, details } = await failure(node, { payload: 'go' });
			assert.match(message, /^symbol from msg\.contract: no value there$/);
			assert.equal(details.field, 'symbol');
			assert.equal(sent('/cancelallorders').length, 0, 'nothing reached the exchange');
		});

		it('reports a missing environment variable, and cancels all orders of the symbol a JSONata expression gives', async () => {
			const { node } = await load('kraken-futures-cancel', {
				action: 'cancelAll',
				symbol: 'CANCEL_SYMBOL',
				symbolType: 'env',
			});
			const { message } = await failure(node, { payload: 'go' });
			assert.match(message, /^symbol from env CANCEL_SYMBOL: no value there$/);
			await helper.unload();
			await helper.startServer();
			const jsonata = await load('kraken-futures-cancel', {
				action: 'cancelAll',
				symbol: '"PF_" & payload.base & "USD"',
				symbolType: 'jsonata',
			});
			await placeRestingOrder('typed-cancel-all');
			const payload = await answer(jsonata.node, jsonata.out, { payload: { base: 'XBT' } });
			assert.equal(payload.status, 'cancelled');
			assert.equal(sent('/cancelallorders').at(-1)?.symbol, 'PF_XBTUSD');
		});
	});

	describe('kraken-futures-positions', () => {
		it('reads the symbol from msg.topic, and refuses a missing one instead of listing every position', async () => {
			const { node, out } = await load('kraken-futures-positions', { symbol: 'topic', symbolType: 'msg' });
			const client = await restClientOf();
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: 0.1 });
			const received = nextMessage(out);
			node.receive({ topic: 'pf_ethusd', payload: 'read' });
			const positions = (await received).payload as { symbol: string }[];
			assert.deepEqual(
				positions.map((position) => position.symbol.toUpperCase()),
				['PF_ETHUSD'],
			);
			const { message } = await failure(node, { payload: 'read' });
			assert.match(message, /^symbol from msg\.topic: no value there$/);
		});
	});

	describe('kraken-futures-request', () => {
		it('reads the symbol from msg.topic for the operations that take one, and only for those', async () => {
			const { node, out } = await load('kraken-futures-request', {
				operation: 'getOrderBook',
				symbol: 'topic',
				symbolType: 'msg',
			});
			const book = await answer(node, out, { topic: 'PF_ETHUSD', payload: { symbol: 'PF_XBTUSD' } });
			assert.ok(Array.isArray(book.bids), 'an order book came back');
			assert.equal(sent('/orderbook').at(-1)?.symbol, 'PF_ETHUSD', 'msg.topic wins over payload.symbol');
			const { message } = await failure(node, { payload: {} });
			assert.match(message, /^symbol from msg\.topic: no value there$/);
			assert.equal(sent('/orderbook').length, 1, 'the failed request was not sent');
			const orders = await answer(node, out, { payload: { operation: 'getOpenOrders' } });
			assert.ok(Array.isArray(orders), 'open orders need no symbol, so msg.topic is not read');
		});
	});
});
