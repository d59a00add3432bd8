import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { KrakenWsError } from '../../../core/errors';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { KrakenFuturesWsClient } from '../../../core/ws/client';
import type { KrakenFill, WsClientOptions, WsFeedMessage } from '../../../core/ws/types';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { delay, waitUntil } from './support/scripted-server';

const FAST = { pingIntervalMs: 50, staleAfterMs: 600, reconnectDelayMs: { initial: 20, max: 60 } };
const SYMBOL = 'PF_XBTUSD';

/** The id of the (single) execution of a market order sent straight to the paper engine. */
function marketOrder(paper: PaperExchangeServer, side: 'buy' | 'sell' = 'buy'): string {
	const result = paper.exchange.sendOrder(paper.keys[0].accountId, {
		orderType: 'mkt',
		symbol: SYMBOL,
		side,
		size: '0.01',
	}) as { sendStatus: { status: string; orderEvents: { type: string; executionId?: string }[] } };
	assert.equal(result.sendStatus.status, 'placed');
	const execution = result.sendStatus.orderEvents.find((event) => event.type === 'EXECUTION');
	assert.ok(execution?.executionId, 'the market order filled');
	return execution.executionId;
}

describe('KrakenFuturesWsClient against the paper exchange', function () {
	this.timeout(10_000);
	let paper: PaperExchangeServer;
	let client: KrakenFuturesWsClient | undefined;
	let rest: KrakenFuturesRestClient | undefined;

	before(async () => {
		paper = await startPaperExchange({ port: 0, seed: 11, clock: false });
	});

	after(async () => {
		await paper.stop();
	});

	afterEach(async () => {
		await client?.close();
		client = undefined;
		await rest?.close();
		rest = undefined;
		paper.reset();
	});

	function connect(options: Partial<WsClientOptions> = {}): KrakenFuturesWsClient {
		client = new KrakenFuturesWsClient({
			wsUrl: paper.wsUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			...FAST,
			...options,
		});
		return client;
	}

	it("a lower-case product id is subscribed in Kraken's upper case and gets data", async () => {
		const ws = connect();
		const tickers: WsFeedMessage[] = [];
		ws.subscribe('ticker', ['pf_xbtusd'], (message) => tickers.push(message));
		await waitUntil(() => tickers.length >= 1, 5000, 'a ticker for pf_xbtusd');
		assert.equal(tickers[0].product_id, SYMBOL);
	});

	it('answers the challenge so that private feeds deliver their snapshots', async () => {
		const ws = connect();
		const messages: WsFeedMessage[] = [];
		const errors: KrakenWsError[] = [];
		ws.on('error', (error: KrakenWsError) => errors.push(error));
		ws.subscribe('open_orders', undefined, (message) => messages.push(message));
		ws.subscribe('balances', undefined, (message) => messages.push(message));
		await waitUntil(() => messages.length === 2, 3000, 'two private snapshots');
		assert.deepEqual(messages.map((message) => message.feed).sort(), [
			'balances_snapshot',
			'open_orders_snapshot',
		]);
		assert.deepEqual(errors, []);
	});

	it('reports a key the exchange refuses as an authentication error naming Futures keys', async () => {
		const ws = connect({
			credentials: { apiKey: paper.apiKey, apiSecret: randomBytes(64).toString('base64') },
		});
		const errors: KrakenWsError[] = [];
		ws.on('error', (error: KrakenWsError) => errors.push(error));
		const messages: WsFeedMessage[] = [];
		ws.subscribe('open_positions', undefined, (message) => messages.push(message));
		await waitUntil(() => errors.length === 1, 3000, 'the auth error');
		assert.equal(errors[0].field, 'apiKey');
		assert.match(errors[0].message, /Kraken Futures keys/);
		assert.ok(!errors[0].message.includes(paper.apiSecret));
		assert.equal(messages.length, 0);
	});

	it('resubscribes public and private feeds after the exchange drops the connection', async () => {
		const ws = connect();
		const tickers: WsFeedMessage[] = [];
		const orders: WsFeedMessage[] = [];
		let reconnected = 0;
		ws.on('reconnected', () => reconnected++);
		ws.subscribe('ticker', [SYMBOL], (message) => tickers.push(message));
		ws.subscribe('open_orders', undefined, (message) => orders.push(message));
		await waitUntil(() => tickers.length >= 1 && orders.length >= 1, 3000, 'the first snapshots');

		let tickersBeforeDrop = Infinity;
		ws.once('reconnecting', () => (tickersBeforeDrop = tickers.length));
		paper.faults.dropConnections();
		await waitUntil(() => reconnected === 1, 3000, 'the reconnect');
		await waitUntil(
			() => orders.filter((message) => message.feed === 'open_orders_snapshot').length === 2,
			3000,
			'a fresh open_orders snapshot (the new challenge was accepted)',
		);
		await waitUntil(() => tickers.length > tickersBeforeDrop, 3000, 'a ticker on the new connection');
		assert.equal(tickers.at(-1)?.product_id, SYMBOL);
		assert.equal(ws.state, 'open');
	});

	it('replaces a connection that stops answering pings', async () => {
		const ws = connect();
		const tickers: WsFeedMessage[] = [];
		const reconnecting: unknown[] = [];
		ws.on('reconnecting', (event) => reconnecting.push(event));
		ws.subscribe('ticker', [SYMBOL], (message) => tickers.push(message));
		await waitUntil(() => tickers.length >= 1, 3000, 'the ticker snapshot');
		await delay(300);
		assert.equal(reconnecting.length, 0, 'a healthy connection is kept');

		paper.faults.stopAnsweringPings();
		await waitUntil(() => reconnecting.length === 1, 2000, 'stale detection');
		const seenBeforeReconnect = tickers.length;
		await waitUntil(
			() => tickers.length > seenBeforeReconnect && ws.state === 'open',
			3000,
			'the ticker again on a new connection',
		);
	});

	it('delivers each fill of orders placed on the exchange exactly once', async () => {
		const ws = connect();
		const fills: KrakenFill[] = [];
		ws.onFill((fill) => fills.push(fill));
		const history: WsFeedMessage[] = [];
		ws.subscribe('fills', undefined, (message) => history.push(message));
		await waitUntil(
			() => history.some((message) => message.feed === 'fills_snapshot'),
			3000,
			'the fills snapshot',
		);

		const ids = [marketOrder(paper), marketOrder(paper, 'sell'), marketOrder(paper)];
		await waitUntil(() => fills.length === 3, 3000, 'three fills');
		await delay(100);
		assert.deepEqual(
			fills.map((fill) => fill.fill_id),
			ids,
		);
		assert.deepEqual(
			fills.map((fill) => fill.side),
			['buy', 'sell', 'buy'],
		);
		assert.ok(
			fills.every((fill) => fill.symbol === SYMBOL && fill.size === 0.01 && fill.source === 'update'),
		);
	});

	it('recovers fills made while disconnected from REST fills, once each and in order, before newer live fills', async () => {
		rest = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
		});
		const ws = connect({ restClient: rest, reconnectDelayMs: { initial: 300, max: 300 } });
		const fills: KrakenFill[] = [];
		ws.onFill((fill) => fills.push(fill));
		const history: WsFeedMessage[] = [];
		ws.subscribe('fills', undefined, (message) => history.push(message));
		await waitUntil(() => history.length === 1, 3000, 'the fills snapshot');
		const before = marketOrder(paper);
		await waitUntil(() => fills.length === 1, 3000, 'the fill before the drop');
		const beforeFirstConnect = paper.requests.forPath('/fills').length;

		paper.faults.dropConnections();
		await waitUntil(() => ws.state === 'reconnecting', 1000, 'the drop');
		const missed = [marketOrder(paper), marketOrder(paper, 'sell'), marketOrder(paper)];
		await waitUntil(() => fills.length === 4, 3000, 'the missed fills');
		const after = marketOrder(paper, 'sell');
		await waitUntil(() => fills.length === 5, 3000, 'the live fill');
		await delay(100);

		assert.deepEqual(
			fills.map((fill) => fill.fill_id),
			[before, ...missed, after],
		);
		assert.equal(new Set(fills.map((fill) => fill.fill_id)).size, 5);
		const times = fills.map((fill) => fill.time);
		assert.deepEqual(
			times,
			[...times].sort((a, b) => a - b),
		);
		assert.equal(beforeFirstConnect, 0, 'no REST fetch without a gap');
		assert.ok(paper.requests.forPath('/fills').length >= 1, 'the gap was looked up over REST');
	});
});
