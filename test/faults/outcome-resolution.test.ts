import assert from 'node:assert/strict';
import {
	KrakenFuturesRestClient,
	KrakenOrderOutcomeUnknownError,
	KrakenUnavailableError,
	type SendOrderRequest,
} from '../../core';
import { RateLimitWaitAbortedError } from '../../core/rate-limit/fifo-limiter';
import { budgetsFor, resetRateLimitsForTests } from '../../core/rate-limit/registry';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';

const ORDER: SendOrderRequest = {
	orderType: 'lmt',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	size: 0.001,
	limitPrice: 30_000,
};

describe('faults: order-changing calls without a clear answer are resolved, never reported failed', function () {
	this.timeout(30_000);
	let server: PaperExchangeServer;
	let client: KrakenFuturesRestClient;

	beforeEach(async () => {
		server = await startPaperExchange({ port: 0, seed: 9, clock: false });
		client = new KrakenFuturesRestClient({
			restUrl: server.restUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
			timeoutMs: 2_000,
		});
		await client.instruments.refresh();
	});

	afterEach(async () => {
		await client.close();
		await server.stop();
		resetRateLimitsForTests();
	});

	const sent = (path: string): number => server.requests.forPath(path).length;

	async function openWith(cliOrdId: string) {
		const { openOrders } = await client.getOpenOrders();
		return (openOrders ?? []).filter((order) => order.cliOrdId === cliOrdId);
	}

	for (const kind of ['malformed', '5xx', 'drop'] as const) {
		it(`a send answered ${kind} after the exchange placed it is reported placed, sent once`, async () => {
			server.faults.failRest(kind, { path: '/sendorder', count: 1, process: true });
			const result = await client.sendOrder({ ...ORDER, cliOrdId: `placed-${kind}` });
			assert.equal(result.sendStatus.status, 'placed');
			assert.ok(result.recoveredAfterTimeout, 'the result says it was found by a lookup');
			const [order] = await openWith(`placed-${kind}`);
			assert.ok(order, 'the exchange holds the order');
			assert.equal(result.sendStatus.order_id, order.order_id);
			assert.equal(sent('/sendorder'), 1);
		});
	}

	it('a send refused by a 5xx before the exchange saw it says it was not placed', async () => {
		server.faults.failRest('5xx', { path: '/sendorder', count: 1, process: false });
		await assert.rejects(client.sendOrder({ ...ORDER, cliOrdId: 'refused-503' }), (error: Error) => {
			assert.ok(error instanceof KrakenUnavailableError, `got ${error.name}`);
			assert.match(error.message, /not placed/);
			assert.match(error.message, /refused-503/);
			return true;
		});
		assert.equal((await openWith('refused-503')).length, 0);
		assert.equal(sent('/sendorder'), 1);
	});

	it('when the lookup cannot settle it, the error is KRAKEN_OUTCOME_UNKNOWN with the cliOrdId', async () => {
		server.faults.failRest('drop', { path: '/sendorder', count: 1, process: true });
		server.faults.failRest('5xx', { path: '/orders/status', count: 1 });
		await assert.rejects(client.sendOrder({ ...ORDER, cliOrdId: 'unknown-1' }), (error: Error) => {
			assert.ok(error instanceof KrakenOrderOutcomeUnknownError, `got ${error.name}: ${error.message}`);
			assert.equal(error.code, 'KRAKEN_OUTCOME_UNKNOWN');
			assert.equal(error.cliOrdId, 'unknown-1');
			assert.match(error.message, /NOT re-sent/);
			return true;
		});
		assert.equal(sent('/sendorder'), 1);
	});

	it('an edit answered malformed after it was applied is reported edited', async () => {
		const placed = await client.sendOrder({ ...ORDER, cliOrdId: 'edit-me' });
		server.faults.failRest('malformed', { path: '/editorder', count: 1, process: true });
		const edited = await client.editOrder({ orderId: placed.sendStatus.order_id, limitPrice: 29_000 });
		assert.equal(edited.editStatus.status, 'edited');
		const [order] = await openWith('edit-me');
		assert.equal(Number(order.limitPrice), 29_000);
		assert.equal(sent('/editorder'), 1);
	});

	it('a cancel answered 5xx after it was done is reported cancelled; one refused before is not', async () => {
		const first = await client.sendOrder({ ...ORDER, cliOrdId: 'cancel-1' });
		const second = await client.sendOrder({ ...ORDER, cliOrdId: 'cancel-2' });
		server.faults.failRest('5xx', { path: '/cancelorder', count: 1, process: true });
		const cancelled = await client.cancelOrder({ order_id: first.sendStatus.order_id as string });
		assert.equal(cancelled.cancelStatus.status, 'cancelled');
		server.faults.failRest('5xx', { path: '/cancelorder', count: 1, process: false });
		await assert.rejects(
			client.cancelOrder({ order_id: second.sendStatus.order_id as string }),
			/still open/,
		);
		assert.equal((await openWith('cancel-1')).length, 0);
		assert.equal((await openWith('cancel-2')).length, 1);
	});

	it('cancel-all with a dropped answer is done when nothing is left open', async () => {
		await client.sendOrder({ ...ORDER, cliOrdId: 'all-1' });
		server.faults.failRest('drop', { path: '/cancelallorders', count: 1, process: true });
		const result = await client.cancelAllOrders();
		assert.equal(result.cancelStatus.status, 'cancelled');
		assert.equal((await client.getOpenOrders()).openOrders.length, 0);
	});

	it("the dead man's switch without a clear answer is set once more, ahead of the queue", async () => {
		server.faults.failRest('malformed', { path: '/cancelallordersafter', count: 1, process: true });
		const result = await client.cancelAllOrdersAfter({ timeout: 60 });
		assert.equal(result.result, 'success');
		assert.equal(sent('/cancelallordersafter'), 2);
	});

	it('a batch answered malformed after placing reports each element as the exchange holds it', async () => {
		server.faults.failRest('malformed', { path: '/batchorder', count: 1, process: true });
		const result = await client.batchOrder([
			{ order: 'send', ...ORDER, cliOrdId: 'batch-a' },
			{ order: 'send', ...ORDER, cliOrdId: 'batch-b' },
		]);
		assert.deepEqual(
			result.batchStatus.map((entry) => [entry.status, entry.cliOrdId]),
			[
				['placed', 'batch-a'],
				['placed', 'batch-b'],
			],
		);
		assert.equal((await openWith('batch-a')).length, 1);
		assert.equal(sent('/batchorder'), 1);
	});

	it('lookups go ahead of calls queued for the rate budget', async () => {
		const busy = new KrakenFuturesRestClient({
			restUrl: server.restUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
			// A window far longer than the test: queued calls cannot run before it ends.
			rateLimit: { windowMs: 600_000 },
			maxQueueWaitMs: 60_000,
			timeoutMs: 5_000,
			outcomeLookupMs: 10_000,
		});
		try {
			await busy.instruments.refresh();
			// The exchange holds the send a while, then places it and drops the answer.
			server.faults.delayRest(2_000, { path: '/sendorder', count: 1 });
			server.faults.failRest('drop', { path: '/sendorder', count: 1, process: true });
			const order = busy.sendOrder({ ...ORDER, cliOrdId: 'ahead-1' });
			while (sent('/sendorder') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
			// The send (10) plus 19 cancel-alls (25 each) leave 15 of 500; six more cancel-alls queue.
			const stopBurst = new AbortController();
			const burst = Array.from({ length: 25 }, () =>
				busy.cancelAllOrders({ symbol: 'PF_ETHUSD' }, { signal: stopBurst.signal }),
			);
			await new Promise((resolve) => setImmediate(resolve));
			assert.equal(budgetsFor(server.apiKey, { windowMs: 600_000 }).derivatives.waiting, 6);
			const result = await order;
			assert.equal(result.sendStatus.status, 'placed');
			assert.ok(result.recoveredAfterTimeout);
			assert.equal(
				budgetsFor(server.apiKey, { windowMs: 600_000 }).derivatives.waiting,
				6,
				'the queued cancel-alls were still waiting when the order was resolved',
			);
			stopBurst.abort();
			const settled = await Promise.allSettled(burst);
			const unsent = settled.filter((r) => r.status === 'rejected');
			assert.equal(unsent.length, 6);
			for (const r of unsent) {
				assert.ok((r as PromiseRejectedResult).reason instanceof RateLimitWaitAbortedError);
			}
		} finally {
			await busy.close();
		}
	});
});
