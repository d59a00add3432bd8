import { strict as assert } from 'node:assert';
import { KrakenNetworkError, KrakenOrderOutcomeUnknownError, KrakenTimeoutError } from '../../../core/errors';
import { type Harness, startHarness } from '../support/fixtures';
import { krakenSuccess, type RecordedRequest } from '../support/recording-server';

const V3 = '/derivatives/api/v3';
const SEND = `POST ${V3}/sendorder`;
const ORDER = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 100 } as const;

function cliOrdIdOf(request: RecordedRequest): string {
	return new URLSearchParams(request.body).get('cliOrdId') ?? '';
}

describe('KrakenFuturesRestClient: timeouts and idempotent orders', () => {
	let harness: Harness;
	beforeEach(async () => {
		harness = await startHarness({ validateOrders: false, timeoutMs: 150 });
	});
	afterEach(() => harness.close());

	it('a server that never answers gives a KrakenTimeoutError after timeoutMs', async () => {
		harness.server.on(`GET ${V3}/accounts`, { hang: true });
		const started = Date.now();
		await assert.rejects(harness.client.getAccounts(), (error: unknown) => {
			assert.ok(error instanceof KrakenTimeoutError);
			assert.equal(error.code, 'KRAKEN_TIMEOUT');
			assert.match(error.message, /150 ms/);
			return true;
		});
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= 140 && elapsed < 1500, `took ${elapsed} ms`);
	});

	it('a per-call timeoutMs overrides the client default', async () => {
		harness.server.on(`GET ${V3}/accounts`, { hang: true });
		await assert.rejects(harness.client.getAccounts({ timeoutMs: 40 }), (error: unknown) => {
			assert.ok(error instanceof KrakenTimeoutError);
			assert.match(error.message, /\b40 ms/, 'the per-call bound, not the default 150 ms');
			return true;
		});
	});

	it('the caller can abort a call in flight', async () => {
		harness.server.on(`GET ${V3}/openorders`, { hang: true });
		const controller = new AbortController();
		const pending = harness.client.getOpenOrders({ signal: controller.signal, timeoutMs: 5000 });
		setTimeout(() => controller.abort(), 20);
		await assert.rejects(pending, (error: unknown) => {
			assert.ok(error instanceof KrakenNetworkError && !(error instanceof KrakenTimeoutError));
			assert.match(error.message, /aborted/);
			return true;
		});
	});

	it('after a sendorder timeout the order found by cliOrdId is returned, and it is sent once', async () => {
		harness.server.on(SEND, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, (request) => {
			const id = new URLSearchParams(request.body).get('cliOrdIds');
			return {
				body: krakenSuccess({
					orders: [{ order: { orderId: 'o-9', cliOrdId: id }, status: 'ENTERED_BOOK', error: null }],
				}),
			};
		});
		const result = await harness.client.sendOrder({ ...ORDER, cliOrdId: 'my-order-1' });
		assert.equal(result.sendStatus.status, 'placed');
		assert.equal(result.sendStatus.order_id, 'o-9');
		assert.equal(result.sendStatus.cliOrdId, 'my-order-1');
		assert.equal(result.recoveredAfterTimeout?.source, 'orders/status');
		const sends = harness.server.requests.filter((r) => r.path === `${V3}/sendorder`);
		assert.equal(sends.length, 1);
		assert.equal(harness.server.last(`${V3}/orders/status`).body, 'cliOrdIds=my-order-1');
	});

	it('the generated cliOrdId is the one looked up; openorders is checked when orders/status has nothing', async () => {
		harness.server.on(SEND, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, { body: krakenSuccess({ orders: [] }) });
		harness.server.on(`GET ${V3}/openorders`, () => {
			const id = cliOrdIdOf(harness.server.last(`${V3}/sendorder`));
			return {
				body: krakenSuccess({
					openOrders: [
						{ order_id: 'x', cliOrdId: 'other' },
						{ order_id: 'o-7', cliOrdId: id },
					],
				}),
			};
		});
		const result = await harness.client.sendOrder(ORDER);
		const sentId = cliOrdIdOf(harness.server.last(`${V3}/sendorder`));
		assert.equal(result.sendStatus.cliOrdId, sentId);
		assert.equal(result.sendStatus.order_id, 'o-7');
		assert.equal(result.recoveredAfterTimeout?.source, 'openorders');
		assert.equal(harness.server.last(`${V3}/orders/status`).body, `cliOrdIds=${sentId}`);
	});

	it('an order found only in fills is returned too', async () => {
		harness.server.on(SEND, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, { body: krakenSuccess({ orders: [] }) });
		harness.server.on(`GET ${V3}/openorders`, { body: krakenSuccess({ openOrders: [] }) });
		harness.server.on(`GET ${V3}/fills`, {
			body: krakenSuccess({ fills: [{ fill_id: 'f', order_id: 'o-5', cliOrdId: 'filled-1' }] }),
		});
		const result = await harness.client.sendOrder({ ...ORDER, cliOrdId: 'filled-1' });
		assert.equal(result.recoveredAfterTimeout?.source, 'fills');
		assert.equal(result.sendStatus.order_id, 'o-5');
	});

	it('an order that is nowhere gives a timeout error saying it was not re-sent', async () => {
		harness.server.on(SEND, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, { body: krakenSuccess({ orders: [] }) });
		harness.server.on(`GET ${V3}/openorders`, { body: krakenSuccess({ openOrders: [] }) });
		harness.server.on(`GET ${V3}/fills`, { body: krakenSuccess({ fills: [] }) });
		await assert.rejects(harness.client.sendOrder({ ...ORDER, cliOrdId: 'lost-1' }), (error: unknown) => {
			assert.ok(error instanceof KrakenTimeoutError);
			assert.match(error.message, /lost-1/);
			assert.match(error.message, /NOT re-sent/);
			return true;
		});
		assert.equal(harness.server.requests.filter((r) => r.path === `${V3}/sendorder`).length, 1);
	});

	it('when the lookup itself fails the outcome is reported unknown, and the order is not re-sent', async () => {
		harness.server.on(SEND, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, { hang: true });
		await assert.rejects(harness.client.sendOrder({ ...ORDER, cliOrdId: 'unknown-1' }), (error: unknown) => {
			assert.ok(error instanceof KrakenOrderOutcomeUnknownError, `got ${String(error)}`);
			assert.equal(error.code, 'KRAKEN_OUTCOME_UNKNOWN');
			assert.equal(error.cliOrdId, 'unknown-1');
			assert.match(error.message, /outcome unknown/);
			assert.match(error.message, /NOT re-sent/);
			return true;
		});
		assert.equal(harness.server.requests.filter((r) => r.path === `${V3}/sendorder`).length, 1);
	});

	it('state-changing calls are never retried after a timeout; an unsettled lookup makes them unknown', async () => {
		harness.server.on(`POST ${V3}/cancelallorders`, { hang: true });
		harness.server.on(`POST ${V3}/cancelorder`, { hang: true });
		harness.server.on(`POST ${V3}/orders/status`, { hang: true });
		harness.server.on(`GET ${V3}/openorders`, { hang: true });
		await assert.rejects(harness.client.cancelAllOrders(), KrakenOrderOutcomeUnknownError);
		await assert.rejects(harness.client.cancelOrder({ order_id: 'o' }), KrakenOrderOutcomeUnknownError);
		const changes = harness.server.requests.filter((r) => /cancel/.test(r.path));
		assert.equal(changes.length, 2);
	});
});
