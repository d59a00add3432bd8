import { strict as assert } from 'node:assert';
import {
	KrakenApiError,
	KrakenAuthError,
	KrakenConfigError,
	KrakenNetworkError,
	KrakenOrderRejectedError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	KrakenValidationError,
} from '../../../core/errors';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { type Harness, startHarness } from '../support/fixtures';
import { krakenError, krakenSuccess } from '../support/recording-server';

const V3 = '/derivatives/api/v3';

describe('KrakenFuturesRestClient: error mapping', () => {
	let harness: Harness;
	beforeEach(async () => {
		harness = await startHarness({ validateOrders: false, rateLimitRetry: { attempts: 0 } });
	});
	afterEach(() => harness.close());

	it('maps result:"error" through the API error table', async () => {
		harness.server.on(`GET ${V3}/accounts`, { body: krakenError('authenticationError') });
		await assert.rejects(harness.client.getAccounts(), (error: unknown) => {
			assert.ok(error instanceof KrakenAuthError);
			assert.equal(error.krakenError, 'authenticationError');
			assert.equal(error.endpoint, `${V3}/accounts`);
			assert.equal(error.retryable, false);
			return true;
		});
	});

	it('maps an error string that arrives with HTTP 400', async () => {
		harness.server.on(`GET ${V3}/openpositions`, { status: 400, body: krakenError('invalidArgument') });
		await assert.rejects(harness.client.getOpenPositions(), (error: unknown) => {
			assert.ok(error instanceof KrakenApiError);
			assert.equal(error.krakenError, 'invalidArgument');
			assert.equal(error.httpStatus, 400);
			return true;
		});
	});

	it('maps {"errors":[{"code","message"}]} (HTTP 500)', async () => {
		harness.server.on(`GET ${V3}/accounts`, {
			status: 500,
			body: { errors: [{ code: 92, message: 'INSUFFICIENT_MARGIN' }] },
		});
		await assert.rejects(harness.client.getAccounts(), (error: unknown) => {
			assert.ok(error instanceof KrakenApiError);
			assert.equal(error.krakenError, 'INSUFFICIENT_MARGIN');
			assert.equal(error.httpStatus, 500);
			assert.match(error.message, /INSUFFICIENT_MARGIN/);
			return true;
		});
	});

	it('maps the history 401 {reason,status} shape to an auth error', async () => {
		harness.server.on('GET /api/history/v3/account-log', {
			status: 401,
			body: { reason: 'You are not authorized to access this endpoint.', status: 'unauthorized' },
		});
		await assert.rejects(harness.client.getAccountLog(), (error: unknown) => {
			assert.ok(error instanceof KrakenAuthError);
			assert.equal(error.httpStatus, 401);
			assert.deepEqual(error.body, {
				reason: 'You are not authorized to access this endpoint.',
				status: 'unauthorized',
			});
			return true;
		});
	});

	it('maps a history 429 text/plain answer with rate-limit-reset', async () => {
		harness.server.on('GET /api/history/v3/executions', {
			status: 429,
			headers: { 'rate-limit-reset': '42' },
			body: 'Too many requests',
		});
		await assert.rejects(harness.client.getExecutionHistory(), (error: unknown) => {
			assert.ok(error instanceof KrakenRateLimitError);
			assert.equal(error.retryable, true);
			assert.equal(error.retryAfterSeconds, 42);
			return true;
		});
	});

	it('a 200 answer that is not JSON is a clear unavailable error', async () => {
		harness.server.on(`GET ${V3}/tickers`, { body: '<html>maintenance</html>' });
		await assert.rejects(harness.client.getTickers(), (error: unknown) => {
			assert.ok(error instanceof KrakenUnavailableError);
			assert.match(error.message, /not JSON/);
			assert.equal(error.retryable, true);
			return true;
		});
	});

	it('truncated JSON on HTTP 502 is an unavailable error saying it was not JSON', async () => {
		harness.server.on(`GET ${V3}/tickers`, { status: 502, body: '{"result":"succ' });
		await assert.rejects(
			harness.client.getTickers(),
			(error: unknown) => error instanceof KrakenUnavailableError && /not JSON/.test(error.message),
		);
	});

	it('a 404 that is not JSON is a non-retryable API error', async () => {
		harness.server.on(`GET ${V3}/tickers/NOPE`, { status: 404, body: 'Not Found' });
		await assert.rejects(harness.client.getTicker('nope'), (error: unknown) => {
			assert.ok(error instanceof KrakenApiError && !(error instanceof KrakenUnavailableError));
			assert.equal(error.httpStatus, 404);
			assert.equal(error.retryable, false);
			return true;
		});
	});

	it('private calls without credentials fail before sending, naming apiKey', async () => {
		const publicClient = new KrakenFuturesRestClient({ restUrl: harness.server.url });
		try {
			await assert.rejects(
				publicClient.getAccounts(),
				(error: unknown) => error instanceof KrakenConfigError && error.field === 'apiKey',
			);
			assert.equal(harness.server.requests.length, 0);
		} finally {
			await publicClient.close();
		}
	});

	it('rejects a bad restUrl and a malformed secret at construction', () => {
		assert.throws(
			() => new KrakenFuturesRestClient({ restUrl: 'futures.kraken.com' }),
			(e: unknown) => e instanceof KrakenConfigError && e.field === 'restUrl',
		);
		assert.throws(
			() =>
				new KrakenFuturesRestClient({
					restUrl: harness.server.url,
					credentials: { apiKey: 'k', apiSecret: 'not base64!' },
				}),
			(e: unknown) => e instanceof KrakenConfigError && e.field === 'apiSecret',
		);
	});

	describe('success with rejection', () => {
		it('sendorder: a rejected status throws KrakenOrderRejectedError with status and events', async () => {
			const orderEvents = [{ type: 'REJECT', uid: 'u-1', reason: 'POST_WOULD_EXECUTE' }];
			harness.server.on(`POST ${V3}/sendorder`, {
				body: krakenSuccess({ sendStatus: { status: 'postWouldExecute', order_id: 'u-1', orderEvents } }),
			});
			await assert.rejects(
				harness.client.sendOrder({
					orderType: 'post',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 1,
					limitPrice: 1,
				}),
				(error: unknown) => {
					assert.ok(error instanceof KrakenOrderRejectedError);
					assert.equal(error.status, 'postWouldExecute');
					assert.deepEqual(error.orderEvents, orderEvents);
					assert.equal(error.orderId, 'u-1');
					return true;
				},
			);
		});

		it('sendorder: placed with a REJECT event is a rejection', async () => {
			harness.server.on(`POST ${V3}/sendorder`, {
				body: krakenSuccess({
					sendStatus: {
						status: 'placed',
						orderEvents: [{ type: 'REJECT', reason: 'IOC_WOULD_NOT_EXECUTE' }],
					},
				}),
			});
			await assert.rejects(
				harness.client.sendOrder({
					orderType: 'ioc',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 1,
					limitPrice: 1,
				}),
				(error: unknown) => error instanceof KrakenOrderRejectedError && error.status === 'placed',
			);
		});

		it('editorder: orderForEditNotFound is a rejection', async () => {
			harness.server.on(`POST ${V3}/editorder`, {
				body: krakenSuccess({ editStatus: { status: 'orderForEditNotFound', orderId: 'o' } }),
			});
			await assert.rejects(
				harness.client.editOrder({ orderId: 'o', size: 1 }),
				(error: unknown) =>
					error instanceof KrakenOrderRejectedError && error.status === 'orderForEditNotFound',
			);
		});

		for (const status of ['filled', 'notFound']) {
			it(`cancelorder: "${status}" is a rejection`, async () => {
				harness.server.on(`POST ${V3}/cancelorder`, {
					body: krakenSuccess({ cancelStatus: { status, order_id: 'o' } }),
				});
				await assert.rejects(
					harness.client.cancelOrder({ order_id: 'o' }),
					(error: unknown) => error instanceof KrakenOrderRejectedError && error.status === status,
				);
			});
		}

		it('cancelallorders: noOrdersToCancel is a success with nothing cancelled', async () => {
			const body = krakenSuccess({
				cancelStatus: { status: 'noOrdersToCancel', cancelledOrders: [], orderEvents: [] },
			});
			harness.server.on(`POST ${V3}/cancelallorders`, { body });
			const result = await harness.client.cancelAllOrders();
			assert.equal(result.cancelStatus.status, 'noOrdersToCancel');
			assert.equal(result.cancelStatus.cancelledOrders?.length, 0);
		});

		it('cancelallorders: an unexpected status is a rejection', async () => {
			harness.server.on(`POST ${V3}/cancelallorders`, {
				body: krakenSuccess({ cancelStatus: { status: 'marketSuspended' } }),
			});
			await assert.rejects(
				harness.client.cancelAllOrders(),
				(error: unknown) => error instanceof KrakenOrderRejectedError && error.status === 'marketSuspended',
			);
		});

		it('batchorder: one rejected element throws, naming the element and keeping the whole response', async () => {
			const batchStatus = [
				{ status: 'placed', order_tag: '0', order_id: 'a' },
				{ status: 'insufficientAvailableFunds', order_tag: '1', orderEvents: [] },
			];
			harness.server.on(`POST ${V3}/batchorder`, { body: krakenSuccess({ batchStatus }) });
			await assert.rejects(
				harness.client.batchOrder([
					{ order: 'send', orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 1 },
					{ order: 'send', orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 100, limitPrice: 1 },
				]),
				(error: unknown) => {
					assert.ok(error instanceof KrakenOrderRejectedError);
					assert.equal(error.status, 'insufficientAvailableFunds');
					assert.match(error.message, /batch element 1, order_tag 1/);
					assert.deepEqual((error.body as { batchStatus: unknown }).batchStatus, batchStatus);
					return true;
				},
			);
		});
	});

	describe('input errors send nothing', () => {
		const BATCH_STOP = {
			orderType: 'stp',
			symbol: 'PF_XBTUSD',
			side: 'sell',
			size: 1,
			stopPrice: 90,
			limitPrice: 89,
		} as const;
		const cases: [string, (client: KrakenFuturesRestClient) => Promise<unknown>, string][] = [
			['cancelorder without an id', (c) => c.cancelOrder({} as never), 'order_id'],
			[
				'cancelorder with both ids',
				(c) => c.cancelOrder({ order_id: 'a', cliOrdId: 'b' } as never),
				'order_id',
			],
			['editorder without an id', (c) => c.editOrder({ size: 1 }), 'orderId'],
			['editorder with NaN size', (c) => c.editOrder({ orderId: 'a', size: Number.NaN }), 'size'],
			[
				'cancelallordersafter with a negative timeout',
				(c) => c.cancelAllOrdersAfter({ timeout: -1 }),
				'timeout',
			],
			[
				'cancelallordersafter with a fractional timeout',
				(c) => c.cancelAllOrdersAfter({ timeout: 1.5 }),
				'timeout',
			],
			['orders/status with no ids', (c) => c.getOrderStatus({}), 'orderIds'],
			['an empty batch', (c) => c.batchOrder([]), 'instructions'],
			...(
				[
					['limitPriceOffsetValue', { limitPriceOffsetValue: 10, limitPriceOffsetUnit: 'QUOTE_CURRENCY' }],
					['processBefore', { processBefore: '2030-01-01T00:00:00Z' }],
					['broker', { broker: 'IIBAN' }],
				] as const
			).map(([field, extra]): [string, (client: KrakenFuturesRestClient) => Promise<unknown>, string] => [
				`a batch send carrying ${field}, which Kraken's batch does not define`,
				(c) => c.batchOrder([{ order: 'send', ...BATCH_STOP, limitPrice: undefined, ...extra } as never]),
				`instructions[0].${field}`,
			]),
			[
				'a batch market order (batch order types have no mkt)',
				(c) => c.batchOrder([{ order: 'send', orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 }]),
				'instructions[0].orderType',
			],
			[
				'a batch stp without limitPrice',
				(c) => c.batchOrder([{ order: 'send', ...BATCH_STOP, limitPrice: undefined }]),
				'instructions[0].limitPrice',
			],
			[
				'a limit price offset on a mkt order',
				(c) =>
					c.sendOrder({
						orderType: 'mkt',
						symbol: 'PF_XBTUSD',
						side: 'buy',
						size: 1,
						limitPriceOffsetValue: 1,
						limitPriceOffsetUnit: 'PERCENT',
					}),
				'limitPriceOffsetValue',
			],
			[
				'a limit price offset on a post order',
				(c) =>
					c.sendOrder({
						orderType: 'post',
						symbol: 'PF_XBTUSD',
						side: 'buy',
						size: 1,
						limitPrice: 100,
						limitPriceOffsetValue: 1,
						limitPriceOffsetUnit: 'PERCENT',
					}),
				'limitPriceOffsetValue',
			],
			[
				'two account-log info types in one request',
				(c) => c.getAccountLog({ info: ['futures trade', 'funding rate change'] }),
				'info',
			],
			[
				'a batch send without a size',
				(c) =>
					c.batchOrder([
						{ order: 'send', orderType: 'ioc', symbol: 'PF_XBTUSD', side: 'buy', limitPrice: 1 } as never,
					]),
				'instructions[0].size',
			],
			[
				'a batch element of unknown kind',
				(c) => c.batchOrder([{ order: 'replace' } as never]),
				'instructions[0].order',
			],
			['orderbook without a symbol', (c) => c.getOrderBook({ symbol: '' }), 'symbol'],
			[
				'leverage below zero',
				(c) => c.setLeveragePreference({ symbol: 'PF_XBTUSD', maxLeverage: -2 }),
				'maxLeverage',
			],
			[
				'pnl preference missing',
				(c) => c.setPnlPreference({ symbol: 'PF_XBTUSD', pnlPreference: '' }),
				'pnlPreference',
			],
		];
		for (const [name, call, field] of cases) {
			it(name, async () => {
				await assert.rejects(call(harness.client), (error: unknown) => {
					assert.ok(error instanceof KrakenValidationError, String(error));
					assert.equal(error.field, field);
					assert.equal(error.retryable, false);
					return true;
				});
				assert.equal(harness.server.requests.length, 0);
			});
		}
	});

	it('a refused connection is a retryable KrakenNetworkError', async () => {
		const url = harness.server.url;
		await harness.server.close();
		const client = new KrakenFuturesRestClient({ restUrl: url, timeoutMs: 2000 });
		try {
			await assert.rejects(client.getTickers(), (error: unknown) => {
				assert.ok(error instanceof KrakenNetworkError);
				assert.equal(error.code, 'KRAKEN_NETWORK');
				assert.equal(error.retryable, true);
				return true;
			});
		} finally {
			await client.close();
		}
	});
});
