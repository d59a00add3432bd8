import assert from 'node:assert/strict';
import {
	KrakenFuturesRestClient,
	KrakenOrderRejectedError,
	KrakenTimeoutError,
	KrakenUnavailableError,
	type SendOrderRequest,
} from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { CapturingLogger } from './support/capture';

const ORDER: SendOrderRequest = {
	orderType: 'lmt',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	size: 0.001,
	limitPrice: 30_000,
};
const TIMEOUT_MS = 250;

describe('faults: REST 5xx, timeouts and malformed answers', function () {
	this.timeout(10_000);
	let server: PaperExchangeServer;
	let client: KrakenFuturesRestClient;
	let logger: CapturingLogger;

	beforeEach(async () => {
		server = await startPaperExchange({ port: 0, seed: 6, clock: false });
		logger = new CapturingLogger();
		client = new KrakenFuturesRestClient({
			restUrl: server.restUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
			timeoutMs: TIMEOUT_MS,
			logger,
		});
	});

	afterEach(async () => {
		await client.close();
		await server.stop();
	});

	const sendOrders = (): number => server.requests.forPath('/sendorder').length;

	async function openOrdersWith(cliOrdId: string): Promise<unknown[]> {
		const { openOrders } = await client.getOpenOrders();
		return (openOrders ?? []).filter((order) => order.cliOrdId === cliOrdId);
	}

	it('a 503 gateway page is a KrakenUnavailableError that names the status and the endpoint', async () => {
		server.faults.failRest('5xx', { path: '/openpositions', count: 1 });
		await assert.rejects(client.getOpenPositions(), (error: Error) => {
			assert.ok(error instanceof KrakenUnavailableError, `got ${error.name}`);
			assert.match(error.message, /HTTP 503/);
			assert.match(error.message, /openpositions/);
			return true;
		});
	});

	it('a request that is never answered is a KrakenTimeoutError within the configured bound', async () => {
		server.faults.failRest('timeout', { path: '/openpositions', count: 1 });
		const started = Date.now();
		await assert.rejects(client.getOpenPositions(), (error: Error) => {
			assert.ok(error instanceof KrakenTimeoutError, `got ${error.name}`);
			assert.match(error.message, new RegExp(`within ${TIMEOUT_MS} ms`));
			return true;
		});
		// The message names the bound that was applied; the time only shows it gave up rather than hung.
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= TIMEOUT_MS - 10 && elapsed < TIMEOUT_MS * 20, `gave up after ${elapsed} ms`);
	});

	it('truncated JSON is an error that says the answer was not JSON', async () => {
		server.faults.failRest('malformed', { path: '/accounts', count: 1 });
		await assert.rejects(client.getAccounts(), (error: Error) => {
			assert.ok(error instanceof KrakenUnavailableError, `got ${error.name}`);
			assert.match(error.message, /not JSON/);
			return true;
		});
	});

	it('a sendorder that times out after the exchange placed it is found by cliOrdId and never sent twice', async () => {
		await client.instruments.refresh();
		server.faults.failRest('timeout', { path: '/sendorder', count: 1, process: true });
		const result = await client.sendOrder({ ...ORDER, cliOrdId: 'fault-timeout-placed' });
		assert.equal(result.sendStatus.status, 'placed');
		assert.ok(result.recoveredAfterTimeout, 'the result says it was recovered after a timeout');
		assert.equal(sendOrders(), 1);
		assert.equal((await openOrdersWith('fault-timeout-placed')).length, 1);
	});

	it('a sendorder that times out before the exchange saw it is an error, and nothing is placed or re-sent', async () => {
		await client.instruments.refresh();
		server.faults.failRest('timeout', { path: '/sendorder', count: 1, process: false });
		await assert.rejects(client.sendOrder({ ...ORDER, cliOrdId: 'fault-timeout-lost' }), (error: Error) => {
			assert.ok(error instanceof KrakenTimeoutError, `got ${error.name}`);
			assert.match(error.message, /fault-timeout-lost/);
			assert.match(error.message, /NOT re-sent/);
			return true;
		});
		assert.equal(sendOrders(), 1);
		assert.equal((await openOrdersWith('fault-timeout-lost')).length, 0);
	});

	it('a generated cliOrdId is what the lookup uses when the caller gave none', async () => {
		await client.instruments.refresh();
		server.faults.failRest('timeout', { path: '/sendorder', count: 1, process: true });
		const result = await client.sendOrder({ ...ORDER });
		const sent = server.requests.forPath('/sendorder');
		assert.equal(sent.length, 1);
		const cliOrdId = sent[0].params.cliOrdId;
		assert.equal(typeof cliOrdId, 'string');
		assert.equal(result.sendStatus.cliOrdId, cliOrdId);
		assert.equal((await openOrdersWith(cliOrdId as string)).length, 1);
	});

	it('a 5xx on sendorder is not retried: one request, no order', async () => {
		await client.instruments.refresh();
		server.faults.failRest('5xx', { path: '/sendorder', count: 1 });
		await assert.rejects(client.sendOrder({ ...ORDER, cliOrdId: 'fault-503' }), KrakenUnavailableError);
		assert.equal(sendOrders(), 1);
		assert.equal((await openOrdersWith('fault-503')).length, 0);
	});

	it('a success that is a rejection is an error, not a placed order', async () => {
		await client.instruments.refresh();
		server.faults.rejectNextOrder('insufficientAvailableFunds');
		await assert.rejects(client.sendOrder({ ...ORDER, cliOrdId: 'fault-rejected' }), (error: Error) => {
			assert.ok(error instanceof KrakenOrderRejectedError, `got ${error.name}`);
			assert.match(error.message, /insufficientAvailableFunds/);
			return true;
		});
		assert.equal((await openOrdersWith('fault-rejected')).length, 0);
	});

	it('no log line of these faults carries the API secret', () => {
		const decoded = Buffer.from(server.apiSecret, 'base64');
		for (const line of logger.lines) {
			for (const secret of [server.apiSecret, decoded.toString('hex'), decoded.toString('base64')]) {
				assert.ok(!line.includes(secret), `secret in log line: ${line}`);
			}
		}
	});
});
