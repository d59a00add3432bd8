import assert from 'node:assert/strict';
import {
	cancelNode,
	configNode,
	credentialsFor,
	helper,
	nextError,
	nextMessage,
	orderNode,
	placeRestingOrder,
	singleNodeFlow,
	statusMatching,
	usePaperExchange,
} from './support';

/** A limit order form with every price field filled in: what must not leak into payload orders. */
const LIMIT_FORM = {
	action: 'send',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	orderType: 'lmt',
	size: '0.01',
	limitPrice: '30000',
	stopPrice: '29000',
	triggerSignal: 'last',
};

describe('Node-RED: the payload rule and the fill summary (kraken-futures-order, kraken-futures-cancel)', function () {
	const exchange = usePaperExchange();

	async function load(type: string, form: Record<string, unknown>) {
		await helper.load(
			[configNode, orderNode, cancelNode],
			singleNodeFlow(exchange(), type, form),
			credentialsFor(exchange()),
		);
		return { node: helper.getNode('node'), out: helper.getNode('out') };
	}

	function lastParams(path: string): Record<string, string> {
		const requests = exchange().requests.forPath(path);
		assert.ok(requests.length > 0, `nothing was sent to ${path}`);
		return requests.at(-1)!.params as Record<string, string>;
	}

	it('a payload market order does not take the form limit price', async () => {
		const { node, out } = await load('kraken-futures-order', LIMIT_FORM);
		const received = nextMessage(out);
		node.receive({ payload: { orderType: 'market', side: 'sell', size: '0.002' } });
		await received;
		const sent = lastParams('/sendorder');
		assert.equal(sent.orderType, 'mkt');
		assert.equal(sent.symbol, 'PF_XBTUSD', 'the form still supplies the symbol');
		assert.equal(sent.size, '0.002');
		assert.equal(sent.limitPrice, undefined);
		assert.equal(sent.stopPrice, undefined);
		assert.equal(sent.triggerSignal, undefined);
	});

	it("a payload market order keeps the form's client id, which is not a price field", async () => {
		const { node, out } = await load('kraken-futures-order', { ...LIMIT_FORM, cliOrdId: 'form-client-id' });
		const received = nextMessage(out);
		node.receive({ payload: { orderType: 'market', side: 'sell', size: '0.002' } });
		await received;
		const sent = lastParams('/sendorder');
		assert.equal(sent.cliOrdId, 'form-client-id');
		assert.equal(sent.limitPrice, undefined);
	});

	it('a payload trailing stop is placed without the form limit price', async () => {
		const { node, out } = await load('kraken-futures-order', LIMIT_FORM);
		const received = nextMessage(out);
		node.receive({
			payload: {
				orderType: 'trailing_stop',
				side: 'sell',
				trailingStopMaxDeviation: 5,
				trailingStopDeviationUnit: 'PERCENT',
			},
		});
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.status, 'placed');
		const sent = lastParams('/sendorder');
		assert.equal(sent.orderType, 'trailing_stop');
		assert.equal(sent.limitPrice, undefined);
		assert.equal(sent.stopPrice, undefined);
	});

	it('a payload without orderType or action still overrides the form field by field', async () => {
		const { node, out } = await load('kraken-futures-order', LIMIT_FORM);
		const received = nextMessage(out);
		node.receive({ payload: { limitPrice: 31000 } });
		await received;
		const sent = lastParams('/sendorder');
		assert.equal(sent.orderType, 'lmt');
		assert.equal(sent.limitPrice, '31000');
		assert.equal(sent.size, '0.01');
	});

	it('a payload edit changes only what the payload names', async () => {
		const { node, out } = await load('kraken-futures-order', { ...LIMIT_FORM, orderId: 'form-order-id' });
		await placeRestingOrder('edit-me', 30000);
		const received = nextMessage(out);
		node.receive({ payload: { action: 'edit', cliOrdId: 'edit-me', limitPrice: 30500 } });
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.status, 'edited');
		const sent = lastParams('/editorder');
		assert.equal(sent.cliOrdId, 'edit-me');
		assert.equal(sent.orderId, undefined, "the form's order id does not apply");
		assert.equal(sent.limitPrice, '30500');
		assert.equal(sent.size, undefined, "the form's size does not apply");
		assert.equal(sent.stopPrice, undefined, "the form's stop price does not apply");
	});

	it("an edit node triggered with an empty payload edits with the form's values", async () => {
		await load('kraken-futures-order', LIMIT_FORM);
		const orderId = await placeRestingOrder('form-edit', 30000);
		await helper.unload();
		const form = { action: 'edit', orderId, size: '0.02', limitPrice: '30500' };
		const { node, out } = await load('kraken-futures-order', form);
		const received = nextMessage(out);
		node.receive({ payload: {} });
		assert.equal(((await received).payload as Record<string, unknown>).status, 'edited');
		const sent = lastParams('/editorder');
		assert.equal(sent.orderId, orderId);
		assert.equal(sent.size, '0.02');
		assert.equal(sent.limitPrice, '30500');
	});

	it('the cancel node uses a payload cliOrdId even when the form has an order id', async () => {
		const { node, out } = await load('kraken-futures-cancel', { action: 'cancel', order_id: 'not-this-one' });
		await placeRestingOrder('cancel-me', 30000);
		const received = nextMessage(out);
		node.receive({ payload: { cliOrdId: 'cancel-me' } });
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.status, 'cancelled');
		const sent = lastParams('/cancelorder');
		assert.equal(sent.cliOrdId, 'cancel-me');
		assert.equal(sent.order_id, undefined);
	});

	it('puts a market order fill at the top of msg.payload and in the node status', async () => {
		const { node, out } = await load('kraken-futures-order', {
			...LIMIT_FORM,
			orderType: 'mkt',
			limitPrice: '',
		});
		const received = nextMessage(out);
		const filledStatus = statusMatching(node, /^bought 0\.01 @ \d/);
		node.receive({ payload: 'go' });
		const payload = (await received).payload as Record<string, unknown>;
		assert.deepEqual(Object.keys(payload).slice(0, 3), ['filledSize', 'fillPrice', 'fillTime']);
		assert.equal(payload.filledSize, 0.01);
		assert.equal(typeof payload.fillPrice, 'number');
		assert.ok((payload.fillPrice as number) > 0);
		assert.ok(!Number.isNaN(Date.parse(String(payload.fillTime))), `fillTime ${String(payload.fillTime)}`);
		const status = await filledStatus;
		assert.equal(status.fill, 'green');
		assert.ok(status.text?.includes(String(payload.fillPrice)), `status ${status.text}`);
	});

	it('a resting limit order reports nothing filled', async () => {
		const { node, out } = await load('kraken-futures-order', LIMIT_FORM);
		const received = nextMessage(out);
		node.receive({ payload: 'go' });
		const payload = (await received).payload as Record<string, unknown>;
		assert.equal(payload.filledSize, 0);
		assert.equal(payload.fillPrice, null);
		assert.equal(payload.fillTime, null);
	});

	it('reports an error as one sentence, with the code and details for Catch nodes', async () => {
		const { node } = await load('kraken-futures-order', { ...LIMIT_FORM, size: '0' });
		const failed = nextError(node);
		node.receive({ payload: 'go' });
		const { error, msg } = await failed;
		assert.ok(!(error instanceof Error), 'the debug sidebar would show an error object');
		assert.equal(String(error), 'size: must be greater than 0, got 0');
		assert.equal((error as unknown as { code: string }).code, 'KRAKEN_INVALID_ARG');
		assert.equal(
			Object.getOwnPropertyDescriptor(error, 'code')?.enumerable,
			false,
			'the log shows only the sentence',
		);
		assert.equal((msg.error as Record<string, unknown>).field, 'size');
	});
});
