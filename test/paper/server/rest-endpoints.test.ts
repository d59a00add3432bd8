import assert from 'node:assert/strict';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { call, type CallOptions } from './support';

const SECRET = Buffer.alloc(64, 11).toString('base64');
const KEY = 'endpoints-test-key';
const SYMBOL = 'PF_XBTUSD';
const V3 = '/derivatives/api/v3';

type Body = Record<string, unknown>;

describe('paper exchange REST endpoints', () => {
	let server: PaperExchangeServer;
	const signed = (path: string, options: CallOptions = {}) =>
		call(server.restUrl, path, { ...options, sign: { apiKey: KEY, apiSecret: SECRET } });
	const success = async (promise: ReturnType<typeof call>): Promise<Body> => {
		const res = await promise;
		assert.equal(res.status, 200, res.text);
		const body = res.json();
		assert.equal(body.result, 'success', res.text);
		assert.equal(typeof body.serverTime, 'string');
		return body;
	};
	const restingBuyPrice = async (): Promise<number> => {
		const body = await success(call(server.restUrl, `${V3}/tickers/${SYMBOL}`));
		return Math.floor((body.ticker as { bid: number }).bid * 0.9);
	};

	before(async () => {
		server = await startPaperExchange({ apiKey: KEY, apiSecret: SECRET, clock: false, seed: 11 });
	});
	after(() => server.stop());
	beforeEach(() => server.reset());

	describe('public market data', () => {
		it('GET instruments', async () => {
			const body = await success(call(server.restUrl, `${V3}/instruments`));
			const instruments = body.instruments as { symbol: string }[];
			assert.ok(instruments.some((i) => i.symbol === SYMBOL));
		});

		it('GET instruments/status and instruments/{symbol}/status', async () => {
			await success(call(server.restUrl, `${V3}/instruments/status`));
			await success(call(server.restUrl, `${V3}/instruments/${SYMBOL}/status`));
		});

		it('GET tickers and tickers/{symbol}', async () => {
			const all = await success(call(server.restUrl, `${V3}/tickers`));
			assert.ok((all.tickers as { symbol: string }[]).some((t) => t.symbol === SYMBOL));
			const one = await success(call(server.restUrl, `${V3}/tickers/${SYMBOL}`));
			assert.equal((one.ticker as { symbol: string }).symbol, SYMBOL);
		});

		it('GET orderbook needs a symbol', async () => {
			const body = await success(call(server.restUrl, `${V3}/orderbook`, { query: `symbol=${SYMBOL}` }));
			const book = body.orderBook as { bids: unknown[]; asks: unknown[] };
			assert.ok(book.bids.length > 0 && book.asks.length > 0);
			const missing = await call(server.restUrl, `${V3}/orderbook`);
			assert.equal(missing.json().result, 'error');
			assert.equal(missing.json().error, 'requiredArgumentMissing');
		});

		it('GET history (public trades)', async () => {
			const body = await success(call(server.restUrl, `${V3}/history`, { query: `symbol=${SYMBOL}` }));
			assert.ok(Array.isArray(body.history));
		});

		it('GET historical funding rates at the v3 and the v4 path', async () => {
			for (const path of [`${V3}/historical-funding-rates`, '/derivatives/api/v4/historicalfundingrates']) {
				const body = await success(call(server.restUrl, path, { query: `symbol=${SYMBOL}` }));
				assert.ok(Array.isArray(body.rates), path);
			}
		});

		it('GET charts candles with string prices and no envelope', async () => {
			await signed(`${V3}/sendorder`, {
				method: 'POST',
				body: `orderType=mkt&symbol=${SYMBOL}&side=buy&size=0.01`,
			});
			const res = await call(server.restUrl, `/api/charts/v1/trade/${SYMBOL}/1m`);
			assert.equal(res.status, 200, res.text);
			const body = res.json();
			assert.equal(body.result, undefined);
			assert.equal(typeof body.more_candles, 'boolean');
			const candles = body.candles as Record<string, unknown>[];
			assert.ok(candles.length > 0);
			for (const key of ['open', 'high', 'low', 'close']) assert.equal(typeof candles[0][key], 'string');
			assert.equal(typeof candles[0].time, 'number');
			const unknown = await call(server.restUrl, `/api/charts/v1/trade/${SYMBOL}/7m`);
			assert.equal(unknown.status, 404);
		});
	});

	describe('orders', () => {
		it('POST sendorder, editorder, orders/status, cancelorder', async () => {
			const price = await restingBuyPrice();
			const sent = await success(
				signed(`${V3}/sendorder`, {
					method: 'POST',
					body: `orderType=lmt&symbol=${SYMBOL}&side=buy&size=0.01&limitPrice=${price}&cliOrdId=ep-1`,
				}),
			);
			const sendStatus = sent.sendStatus as { status: string; order_id: string };
			assert.equal(sendStatus.status, 'placed');
			const edited = await success(
				signed(`${V3}/editorder`, {
					method: 'POST',
					body: `orderId=${sendStatus.order_id}&size=0.02&limitPrice=${price - 10}`,
				}),
			);
			assert.equal((edited.editStatus as { status: string }).status, 'edited');
			const status = await success(
				signed(`${V3}/orders/status`, {
					method: 'POST',
					body: `orderIds=${sendStatus.order_id}&orderIds=00000000-0000-4000-8000-000000000000`,
				}),
			);
			assert.ok(Array.isArray(status.orders));
			const open = await success(signed(`${V3}/openorders`));
			assert.equal((open.openOrders as unknown[]).length, 1);
			const cancelled = await success(
				signed(`${V3}/cancelorder`, { method: 'POST', body: `order_id=${sendStatus.order_id}` }),
			);
			assert.equal((cancelled.cancelStatus as { status: string }).status, 'cancelled');
		});

		it('POST cancelallorders and cancelallordersafter', async () => {
			const all = await success(
				signed(`${V3}/cancelallorders`, { method: 'POST', body: `symbol=${SYMBOL}` }),
			);
			assert.equal(typeof all.cancelStatus, 'object');
			const after = await success(
				signed(`${V3}/cancelallordersafter`, { method: 'POST', body: 'timeout=60' }),
			);
			assert.equal(typeof after.status, 'object');
		});

		it('POST batchorder with URL-encoded JSON and with raw JSON (ccxt)', async () => {
			const price = await restingBuyPrice();
			const batch = {
				batchOrder: [
					{
						order: 'send',
						order_tag: '1',
						orderType: 'lmt',
						symbol: SYMBOL,
						side: 'buy',
						size: 0.01,
						limitPrice: price,
					},
				],
			};
			for (const body of [
				`json=${encodeURIComponent(JSON.stringify(batch))}`,
				`json=${JSON.stringify(batch)}`,
			]) {
				const res = await success(signed(`${V3}/batchorder`, { method: 'POST', body }));
				const statuses = res.batchStatus as { status: string; order_tag: string }[];
				assert.equal(statuses[0].status, 'placed', JSON.stringify(res));
				assert.equal(statuses[0].order_tag, '1');
			}
		});

		it('answers a batch that is not JSON with an error, not a crash', async () => {
			const res = await signed(`${V3}/batchorder`, {
				method: 'POST',
				body: "json=%7B'batchOrder'%3A%20True%7D",
			});
			assert.equal(res.json().result, 'error');
			assert.equal(typeof res.json().error, 'string');
		});
	});

	describe('account reads', () => {
		for (const endpoint of [
			'openorders',
			'openpositions',
			'fills',
			'accounts',
			'leveragepreferences',
			'pnlpreferences',
		]) {
			it(`GET ${endpoint}`, async () => {
				const body = await success(signed(`${V3}/${endpoint}`));
				assert.ok(Object.keys(body).length > 2, JSON.stringify(body));
			});
		}

		it('PUT leveragepreferences and pnlpreferences with parameters in the query', async () => {
			await success(
				signed(`${V3}/leveragepreferences`, { method: 'PUT', query: `symbol=${SYMBOL}&maxLeverage=5` }),
			);
			await success(
				signed(`${V3}/pnlpreferences`, { method: 'PUT', query: `symbol=${SYMBOL}&pnlPreference=USD` }),
			);
		});
	});

	describe('history', () => {
		for (const path of [
			'/api/history/v3/account-log',
			'/api/history/v3/executions',
			'/api/history/v3/orders',
			'/api/history/v2/executions',
			'/api/history/v2/orders',
		]) {
			it(`GET ${path} answers without the v3 envelope`, async () => {
				const res = await signed(path);
				assert.equal(res.status, 200, res.text);
				assert.equal(res.json().result, undefined);
				assert.ok(Object.keys(res.json()).length > 0);
			});
		}
	});

	describe('reset', () => {
		it('returns to the starting state: no orders, empty request log', async () => {
			const price = await restingBuyPrice();
			await signed(`${V3}/sendorder`, {
				method: 'POST',
				body: `orderType=lmt&symbol=${SYMBOL}&side=buy&size=0.01&limitPrice=${price}`,
			});
			assert.equal(((await success(signed(`${V3}/openorders`))).openOrders as unknown[]).length, 1);
			server.reset();
			assert.equal(server.requests.length, 0);
			assert.equal(((await success(signed(`${V3}/openorders`))).openOrders as unknown[]).length, 0);
		});
	});

	describe('unknown paths and methods', () => {
		it('answers 404 for an unknown path', async () => {
			for (const path of [`${V3}/nothing`, '/derivatives/api/v9/tickers', '/', '/api/history/v3/nothing']) {
				const res = await call(server.restUrl, path);
				assert.equal(res.status, 404, path);
				assert.equal(res.json().result, 'error');
			}
		});

		it('answers 405 with Allow for a wrong method', async () => {
			const res = await call(server.restUrl, `${V3}/sendorder`);
			assert.equal(res.status, 405);
			assert.equal(res.headers.allow, 'POST');
			assert.equal(res.json().result, 'error');
			const put = await call(server.restUrl, `${V3}/tickers`, { method: 'DELETE' });
			assert.equal(put.status, 405);
		});
	});
});
