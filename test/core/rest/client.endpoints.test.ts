import { strict as assert } from 'node:assert';
import type { KrakenFuturesRestClient } from '../../../core/rest/client';
import { computeAuthent } from '../../../core/sign';
import { API_KEY, API_SECRET, type Harness, startHarness } from '../support/fixtures';
import { krakenSuccess, type RecordedRequest } from '../support/recording-server';

const V3 = '/derivatives/api/v3';
const FORM = 'application/x-www-form-urlencoded';

interface Case {
	name: string;
	route: string;
	payload: Record<string, unknown>;
	call: (client: KrakenFuturesRestClient) => Promise<unknown>;
	query?: string;
	body?: string;
	signed: boolean;
}

const SEND_OK = { sendStatus: { status: 'placed', order_id: 'o-1', orderEvents: [{ type: 'PLACE' }] } };

const CASES: Case[] = [
	{
		name: 'instruments',
		route: `GET ${V3}/instruments`,
		payload: { instruments: [] },
		call: (c) => c.getInstruments(),
		signed: false,
	},
	{
		name: 'instruments/status',
		route: `GET ${V3}/instruments/status`,
		payload: { instrumentStatus: [] },
		call: (c) => c.getInstrumentStatus(),
		signed: false,
	},
	{
		name: 'instruments/{symbol}/status',
		route: `GET ${V3}/instruments/PF_XBTUSD/status`,
		payload: { tradeable: 'PF_XBTUSD' },
		call: (c) => c.getInstrumentStatus('pf_xbtusd'),
		signed: false,
	},
	{
		name: 'tickers',
		route: `GET ${V3}/tickers`,
		payload: { tickers: [{ symbol: 'PF_XBTUSD' }] },
		call: (c) => c.getTickers(),
		signed: false,
	},
	{
		name: 'tickers/{symbol}',
		route: `GET ${V3}/tickers/PF_XBTUSD`,
		payload: { ticker: { symbol: 'PF_XBTUSD' } },
		call: (c) => c.getTicker('PF_XBTUSD'),
		signed: false,
	},
	{
		name: 'orderbook',
		route: `GET ${V3}/orderbook`,
		payload: { orderBook: { bids: [[1, 2]], asks: [] } },
		call: (c) => c.getOrderBook({ symbol: 'PF_XBTUSD' }),
		query: 'symbol=PF_XBTUSD',
		signed: false,
	},
	{
		name: 'public trade history',
		route: `GET ${V3}/history`,
		payload: { history: [] },
		call: (c) => c.getTradeHistory({ symbol: 'PF_XBTUSD', lastTime: '2026-01-01T00:00:00.000Z' }),
		query: 'symbol=PF_XBTUSD&lastTime=2026-01-01T00%3A00%3A00.000Z',
		signed: false,
	},
	{
		name: 'historical funding rates (v4)',
		route: 'GET /derivatives/api/v4/historicalfundingrates',
		payload: { rates: [] },
		call: (c) => c.getHistoricalFundingRates({ symbol: 'PF_XBTUSD' }),
		query: 'symbol=PF_XBTUSD',
		signed: false,
	},
	{
		name: 'sendorder (lmt)',
		route: `POST ${V3}/sendorder`,
		payload: SEND_OK,
		call: (c) =>
			c.sendOrder({
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: 0.0001,
				limitPrice: 30000,
				cliOrdId: 'my-id',
			}),
		body: 'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.0001&limitPrice=30000&cliOrdId=my-id',
		signed: true,
	},
	{
		name: 'editorder (camelCase orderId)',
		route: `POST ${V3}/editorder`,
		payload: { editStatus: { status: 'edited', orderId: 'o-1' } },
		call: (c) => c.editOrder({ orderId: 'o-1', size: 2, limitPrice: 30001, qtyMode: 'ABSOLUTE' }),
		body: 'orderId=o-1&size=2&limitPrice=30001&qtyMode=ABSOLUTE',
		signed: true,
	},
	{
		name: 'editorder by cliOrdId',
		route: `POST ${V3}/editorder`,
		payload: { editStatus: { status: 'edited' } },
		call: (c) => c.editOrder({ cliOrdId: 'c 1', stopPrice: 29000 }),
		body: 'cliOrdId=c%201&stopPrice=29000',
		signed: true,
	},
	{
		name: 'cancelorder by order_id',
		route: `POST ${V3}/cancelorder`,
		payload: { cancelStatus: { status: 'cancelled' } },
		call: (c) => c.cancelOrder({ order_id: 'o-1' }),
		body: 'order_id=o-1',
		signed: true,
	},
	{
		name: 'cancelorder by cliOrdId',
		route: `POST ${V3}/cancelorder`,
		payload: { cancelStatus: { status: 'cancelled' } },
		call: (c) => c.cancelOrder({ cliOrdId: 'c-1' }),
		body: 'cliOrdId=c-1',
		signed: true,
	},
	{
		name: 'cancelallorders',
		route: `POST ${V3}/cancelallorders`,
		payload: { cancelStatus: { status: 'cancelled', cancelledOrders: [] } },
		call: (c) => c.cancelAllOrders(),
		body: '',
		signed: true,
	},
	{
		name: 'cancelallorders for a symbol',
		route: `POST ${V3}/cancelallorders`,
		payload: { cancelStatus: { status: 'cancelled' } },
		call: (c) => c.cancelAllOrders({ symbol: 'pf_xbtusd' }),
		body: 'symbol=PF_XBTUSD',
		signed: true,
	},
	{
		name: 'cancelallordersafter',
		route: `POST ${V3}/cancelallordersafter`,
		payload: { status: { currentTime: 'x', triggerTime: 'y' } },
		call: (c) => c.cancelAllOrdersAfter({ timeout: 60 }),
		body: 'timeout=60',
		signed: true,
	},
	{
		name: 'openorders',
		route: `GET ${V3}/openorders`,
		payload: { openOrders: [] },
		call: (c) => c.getOpenOrders(),
		signed: true,
	},
	{
		name: 'orders/status (POST, repeated keys)',
		route: `POST ${V3}/orders/status`,
		payload: { orders: [] },
		call: (c) => c.getOrderStatus({ orderIds: ['a', 'b'], cliOrdIds: ['x y'] }),
		body: 'orderIds=a&orderIds=b&cliOrdIds=x%20y',
		signed: true,
	},
	{
		name: 'openpositions',
		route: `GET ${V3}/openpositions`,
		payload: { openPositions: [] },
		call: (c) => c.getOpenPositions(),
		signed: true,
	},
	{
		name: 'fills',
		route: `GET ${V3}/fills`,
		payload: { fills: [] },
		call: (c) => c.getFills(),
		signed: true,
	},
	{
		name: 'fills with lastFillTime (vector F encoding)',
		route: `GET ${V3}/fills`,
		payload: { fills: [] },
		call: (c) => c.getFills({ lastFillTime: '2024-01-01T00:00:00.000Z' }),
		query: 'lastFillTime=2024-01-01T00%3A00%3A00.000Z',
		signed: true,
	},
	{
		name: 'accounts',
		route: `GET ${V3}/accounts`,
		payload: { accounts: {} },
		call: (c) => c.getAccounts(),
		signed: true,
	},
	{
		name: 'leveragepreferences (GET)',
		route: `GET ${V3}/leveragepreferences`,
		payload: { leveragePreferences: [] },
		call: (c) => c.getLeveragePreferences(),
		signed: true,
	},
	{
		name: 'leveragepreferences (PUT, params in the signed query)',
		route: `PUT ${V3}/leveragepreferences`,
		payload: {},
		call: (c) => c.setLeveragePreference({ symbol: 'PF_XBTUSD', maxLeverage: 5 }),
		query: 'symbol=PF_XBTUSD&maxLeverage=5',
		signed: true,
	},
	{
		name: 'pnlpreferences (GET)',
		route: `GET ${V3}/pnlpreferences`,
		payload: { preferences: [] },
		call: (c) => c.getPnlPreferences(),
		signed: true,
	},
	{
		name: 'pnlpreferences (PUT)',
		route: `PUT ${V3}/pnlpreferences`,
		payload: {},
		call: (c) => c.setPnlPreference({ symbol: 'PF_XBTUSD', pnlPreference: 'USDC' }),
		query: 'symbol=PF_XBTUSD&pnlPreference=USDC',
		signed: true,
	},
	{
		name: 'history account-log (vector G query, full path signed)',
		route: 'GET /api/history/v3/account-log',
		payload: { logs: [] },
		call: (c) => c.getAccountLog({ since: 1650000000000, sort: 'asc', count: 10 }),
		query: 'since=1650000000000&sort=asc&count=10',
		signed: true,
	},
	{
		name: 'history account-log with an info filter: one info value, sent once',
		route: 'GET /api/history/v3/account-log',
		payload: { logs: [] },
		call: (c) => c.getAccountLog({ info: ['futures trade'] }),
		query: 'info=futures%20trade',
		signed: true,
	},
	{
		name: 'history executions',
		route: 'GET /api/history/v3/executions',
		payload: { elements: [] },
		call: (c) => c.getExecutionHistory({ since: 1, count: 5, continuation_token: 'abc=' }),
		query: 'since=1&count=5&continuation_token=abc%3D',
		signed: true,
	},
	{
		name: 'history orders',
		route: 'GET /api/history/v3/orders',
		payload: { elements: [] },
		call: (c) => c.getOrderHistory({ sort: 'desc' }),
		query: 'sort=desc',
		signed: true,
	},
];

function checkSignature(request: RecordedRequest): void {
	assert.equal(request.headers.apikey, API_KEY);
	assert.equal(request.signatureValid, true, `signature of ${request.method} ${request.path}`);
	const expected = computeAuthent(request.query + request.body, '', request.path, API_SECRET);
	assert.equal(request.headers.authent, expected);
	assert.equal(request.headers.nonce, undefined, 'no Nonce header unless enabled');
}

describe('KrakenFuturesRestClient: the exact request of every endpoint', () => {
	let harness: Harness;
	beforeEach(async () => {
		harness = await startHarness({ validateOrders: false });
	});
	afterEach(() => harness.close());

	for (const testCase of CASES) {
		it(testCase.name, async () => {
			const payload = krakenSuccess(testCase.payload);
			harness.server.on(testCase.route, { body: payload });
			const result = await testCase.call(harness.client);
			assert.deepEqual(result, payload);
			assert.equal(harness.server.requests.length, 1);
			const request = harness.server.requests[0];
			assert.equal(`${request.method} ${request.path}`, testCase.route);
			assert.equal(request.query, testCase.query ?? '');
			assert.equal(request.body, testCase.body ?? '');
			assert.equal(request.headers['content-type'], testCase.body !== undefined ? FORM : undefined);
			if (testCase.signed) checkSignature(request);
			else assert.equal(request.headers.authent, undefined, 'public endpoints are not signed');
		});
	}

	it('sendorder sends every documented parameter, in order, and signs the body', async () => {
		harness.server.on(`POST ${V3}/sendorder`, { body: krakenSuccess(SEND_OK) });
		await harness.client.sendOrder({
			orderType: 'stp',
			symbol: 'PF_XBTUSD',
			side: 'sell',
			size: 1.5,
			limitPrice: 29000,
			stopPrice: 29500,
			cliOrdId: 'stop-1',
			triggerSignal: 'mark',
			reduceOnly: true,
			limitPriceOffsetValue: undefined,
			processBefore: '2026-11-21T12:00:05.000Z',
		});
		const request = harness.server.last();
		assert.equal(
			request.body,
			'orderType=stp&symbol=PF_XBTUSD&side=sell&size=1.5&limitPrice=29000&stopPrice=29500&cliOrdId=stop-1&triggerSignal=mark&reduceOnly=true&processBefore=2026-11-21T12%3A00%3A05.000Z',
		);
		checkSignature(request);
	});

	const ORDER_TYPE_BODIES: [string, Parameters<KrakenFuturesRestClient['sendOrder']>[0], string][] = [
		[
			'post',
			{ orderType: 'post', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 100, cliOrdId: 'a' },
			'orderType=post&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=100&cliOrdId=a',
		],
		[
			'ioc',
			{ orderType: 'ioc', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 100, cliOrdId: 'a' },
			'orderType=ioc&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=100&cliOrdId=a',
		],
		[
			'fok',
			{ orderType: 'fok', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 100, cliOrdId: 'a' },
			'orderType=fok&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=100&cliOrdId=a',
		],
		[
			'mkt',
			{ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'sell', size: 0.0001, cliOrdId: 'a' },
			'orderType=mkt&symbol=PF_XBTUSD&side=sell&size=0.0001&cliOrdId=a',
		],
		[
			'take_profit with a relative limit',
			{
				orderType: 'take_profit',
				symbol: 'PF_XBTUSD',
				side: 'sell',
				size: 1,
				stopPrice: 40000,
				cliOrdId: 'a',
				triggerSignal: 'last',
				limitPriceOffsetValue: -0.5,
				limitPriceOffsetUnit: 'PERCENT',
			},
			'orderType=take_profit&symbol=PF_XBTUSD&side=sell&size=1&stopPrice=40000&cliOrdId=a&triggerSignal=last&limitPriceOffsetValue=-0.5&limitPriceOffsetUnit=PERCENT',
		],
		[
			'trailing_stop',
			{
				orderType: 'trailing_stop',
				symbol: 'PF_XBTUSD',
				side: 'sell',
				size: 1,
				cliOrdId: 'a',
				triggerSignal: 'index',
				trailingStopMaxDeviation: 2.5,
				trailingStopDeviationUnit: 'PERCENT',
			},
			'orderType=trailing_stop&symbol=PF_XBTUSD&side=sell&size=1&cliOrdId=a&triggerSignal=index&trailingStopMaxDeviation=2.5&trailingStopDeviationUnit=PERCENT',
		],
	];
	for (const [name, order, body] of ORDER_TYPE_BODIES) {
		it(`sendorder ${name}`, async () => {
			harness.server.on(`POST ${V3}/sendorder`, { body: krakenSuccess(SEND_OK) });
			await harness.client.sendOrder(order);
			assert.equal(harness.server.last().body, body);
			checkSignature(harness.server.last());
		});
	}

	it('sendorder adds a UUID cliOrdId when none is given', async () => {
		harness.server.on(`POST ${V3}/sendorder`, { body: krakenSuccess(SEND_OK) });
		await harness.client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 });
		await harness.client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 });
		const ids = harness.server.requests.map((r) => new URLSearchParams(r.body).get('cliOrdId'));
		for (const id of ids)
			assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		assert.notEqual(ids[0], ids[1]);
	});

	it('batchorder sends json= + encodeURIComponent(JSON) exactly as signed, with order_tag on sends', async () => {
		const batchStatus = [
			{ status: 'placed', order_tag: '0', order_id: 'n-1' },
			{ status: 'edited', order_id: 'e-1' },
			{ status: 'cancelled', order_id: '3d080c9b-6a50-45c1-8365-11c00295f011' },
		];
		harness.server.on(`POST ${V3}/batchorder`, { body: krakenSuccess({ batchStatus }) });
		await harness.client.batchOrder([
			{
				order: 'send',
				orderType: 'lmt',
				symbol: 'pf_xbtusd',
				side: 'buy',
				size: 1,
				limitPrice: 100,
				cliOrdId: 'batch-send-1',
				reduceOnly: false,
			},
			{ order: 'edit', order_id: 'e-1', size: 2, qtyMode: 'RELATIVE' },
			{ order: 'cancel', order_id: '3d080c9b-6a50-45c1-8365-11c00295f011' },
		]);
		const request = harness.server.last();
		const expectedJson = JSON.stringify({
			batchOrder: [
				{
					order: 'send',
					order_tag: '0',
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 1,
					limitPrice: 100,
					cliOrdId: 'batch-send-1',
					reduceOnly: false,
				},
				{ order: 'edit', order_id: 'e-1', size: 2, qtyMode: 'RELATIVE' },
				{ order: 'cancel', order_id: '3d080c9b-6a50-45c1-8365-11c00295f011' },
			],
		});
		assert.equal(request.body, `json=${encodeURIComponent(expectedJson)}`);
		assert.equal(request.headers['content-type'], FORM);
		checkSignature(request);
	});

	it('batchorder with the reference vector K body signs to vector K', async () => {
		harness.server.on(`POST ${V3}/batchorder`, {
			body: krakenSuccess({ batchStatus: [{ status: 'cancelled' }] }),
		});
		await harness.client.batchOrder([{ order: 'cancel', order_id: '3d080c9b-6a50-45c1-8365-11c00295f011' }]);
		const request = harness.server.last();
		assert.equal(
			request.body,
			'json=%7B%22batchOrder%22%3A%5B%7B%22order%22%3A%22cancel%22%2C%22order_id%22%3A%223d080c9b-6a50-45c1-8365-11c00295f011%22%7D%5D%7D',
		);
		assert.equal(
			request.headers.authent,
			'YyILFMtdH7XYD9e0a51aMIFBcgOa9MjxNkFul8lADbRzrGdKDjmX/+yhFb7UQK5/M0Oq5N1i2gpnFx37jekNuA==',
		);
	});

	it('historical funding rates fall back to the v3 path on 404', async () => {
		harness.server.on('GET /derivatives/api/v4/historicalfundingrates', { status: 404, body: 'Not Found' });
		const rates = krakenSuccess({ rates: [{ timestamp: 't', fundingRate: 1, relativeFundingRate: 2 }] });
		harness.server.on(`GET ${V3}/historical-funding-rates`, { body: rates });
		assert.deepEqual(await harness.client.getHistoricalFundingRates({ symbol: 'PF_XBTUSD' }), rates);
		assert.deepEqual(
			harness.server.requests.map((r) => `${r.path}?${r.query}`),
			[
				'/derivatives/api/v4/historicalfundingrates?symbol=PF_XBTUSD',
				`${V3}/historical-funding-rates?symbol=PF_XBTUSD`,
			],
		);
	});

	it('a value with characters new URL() would re-encode reaches the server as signed', async () => {
		harness.server.on(`POST ${V3}/cancelorder`, {
			body: krakenSuccess({ cancelStatus: { status: 'cancelled' } }),
		});
		harness.server.on('GET /api/history/v3/orders', { body: { elements: [] } });
		await harness.client.cancelOrder({ cliOrdId: "it's (a) *test*!~" });
		await harness.client.getOrderHistory({ continuation_token: "a'b" });
		assert.equal(harness.server.requests[0].body, "cliOrdId=it's%20(a)%20*test*!~");
		assert.equal(harness.server.requests[1].query, "continuation_token=a'b");
		for (const request of harness.server.requests) checkSignature(request);
	});
});
