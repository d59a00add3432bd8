import assert from 'node:assert/strict';
import {
	KrakenFuturesRestClient,
	KrakenValidationError,
	type CancelOrderRequest,
	type EditOrderRequest,
	type SendOrderRequest,
} from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import {
	badCancel,
	badEditOrder,
	badSendOrder,
	badTimeout,
	generate,
	type BadCase,
} from './support/bad-inputs';
import { assertNamesField } from './support/expect-field';

describe('faults: generated bad inputs through the core REST client', function () {
	this.timeout(20_000);
	let server: PaperExchangeServer;
	let client: KrakenFuturesRestClient;

	before(async () => {
		server = await startPaperExchange({ port: 0, seed: 3, clock: false });
		client = new KrakenFuturesRestClient({
			restUrl: server.restUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
		});
		// The instrument list is what off-grid and unknown-symbol checks need; it is read once, before.
		await client.instruments.refresh();
		server.requests.clear();
	});

	after(async () => {
		await client.close();
		await server.stop();
	});

	async function expectRefused(cases: BadCase[], where: string, call: (input: never) => Promise<unknown>) {
		for (const badCase of cases) {
			let thrown: unknown;
			try {
				await call(badCase.input as never);
			} catch (error) {
				thrown = error;
			}
			assert.ok(thrown instanceof KrakenValidationError, `${where} ${badCase.how}: got ${String(thrown)}`);
			assertNamesField(thrown, badCase, where);
		}
		assert.equal(server.requests.length, 0, `${where}: a request reached the exchange`);
	}

	it('refuses 300 broken orders locally, each naming its field', async () => {
		await expectRefused(generate(101, 300, badSendOrder), 'sendOrder', (input: SendOrderRequest) =>
			client.sendOrder(input),
		);
	});

	it('refuses the same orders in validateOrder and in a batch, before anything is sent', async () => {
		const cases = generate(102, 100, badSendOrder);
		await expectRefused(cases, 'validateOrder', async (input: SendOrderRequest) =>
			client.validateOrder(input),
		);
		await expectRefused(cases, 'batchOrder', (input: SendOrderRequest) =>
			client.batchOrder([{ order: 'send', order_tag: 'a', ...input }]),
		);
	});

	it('refuses 100 broken edits, 60 cancels and 60 dead man switch timeouts', async () => {
		await expectRefused(generate(103, 100, badEditOrder), 'editOrder', (input: EditOrderRequest) =>
			client.editOrder(input),
		);
		await expectRefused(generate(104, 60, badCancel), 'cancelOrder', (input: CancelOrderRequest) =>
			client.cancelOrder(input),
		);
		await expectRefused(generate(105, 60, badTimeout), 'cancelAllOrdersAfter', (input: { timeout: number }) =>
			client.cancelAllOrdersAfter(input),
		);
	});

	it('still places a valid order afterwards', async () => {
		const result = await client.sendOrder({
			orderType: 'lmt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: 0.001,
			limitPrice: 30_000,
		});
		assert.equal(result.sendStatus.status, 'placed');
		assert.equal(server.requests.forPath('/sendorder').length, 1);
	});
});
