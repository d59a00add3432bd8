import { strict as assert } from 'node:assert';
import { KrakenUnsupportedError, KrakenValidationError } from '../../../core/errors';
import { once } from 'node:events';
import type { FillGapEvent } from '../../../core/stream';
import { KrakenUwsStreamClient } from '../../../core/uws/stream-client';
import type { KrakenFill, WsFeedMessage } from '../../../core/ws/types';
import { delay, type Json, keyedSessionOptions, ScriptedUws, waitFor } from './support/scripted-uws';

/** An executions trade event in the Spot v2 shape the reference gives. */
function execution(n: number, symbol = 'PF_XBTUSD'): Json {
	return {
		exec_id: `exec-${n}`,
		exec_type: 'trade',
		order_id: `order-${n}`,
		cl_ord_id: `client-${n}`,
		symbol,
		side: n % 2 === 0 ? 'buy' : 'sell',
		order_type: 'limit',
		order_qty: 2,
		cum_qty: 1,
		last_qty: 1,
		last_price: 50_000 + n,
		liquidity_ind: 'm',
		fees: [{ asset: 'USD', qty: 0.25 }],
		timestamp: new Date(Date.UTC(2026, 10, 30, 12, 0, 0, n)).toISOString(),
		order_status: 'partially_filled',
		some_future_field: 'kept',
	};
}

describe('core/uws/stream-client: KrakenUwsStreamClient against a scripted Unified WebSocket', function () {
	this.timeout(20_000);
	let server: ScriptedUws;
	let client: KrakenUwsStreamClient | undefined;
	/** The account's fills, newest last; each executions subscribe gets the last 50, newest first. */
	let accountFills: Json[];

	beforeEach(async () => {
		accountFills = [];
		server = await ScriptedUws.start({
			afterSubscribe: (connection, params) => {
				if (params.channel !== 'executions') return;
				const data = params.snap_trades === true ? accountFills.slice(-50).reverse() : [];
				connection.send({ channel: 'executions', type: 'snapshot', data, sequence: 1 });
			},
		});
		client = new KrakenUwsStreamClient({ sessionOptions: keyedSessionOptions(server) });
	});

	afterEach(async () => {
		await client?.close();
		await server.stop();
	});

	/** Listens to fills and gaps, sees one live fill, then drops every socket. */
	async function oneLiveFillThenDrop() {
		const fills: KrakenFill[] = [];
		const gaps: FillGapEvent[] = [];
		client!.on('fill-gap', (gap) => gaps.push(gap));
		client!.onFill((fill) => fills.push(fill));
		await waitFor(() => server.allReceived('subscribe').length === 1, 5_000, 'the executions subscribe');
		pushFill(1);
		await waitFor(() => fills.length === 1, 2_000, 'a live fill');
		const reconnected = once(client!, 'reconnected');
		server.dropAll();
		return { fills, gaps, reconnected };
	}

	function pushFill(n: number): void {
		const fill = execution(n);
		accountFills.push(fill);
		server.broadcast('private', { channel: 'executions', type: 'update', data: [fill], sequence: n + 1 });
	}

	it('refuses feeds it cannot stream, and bad input, before sending anything', async () => {
		assert.throws(
			() => client!.subscribe('account_log', undefined, () => undefined),
			(error: unknown) =>
				error instanceof KrakenUnsupportedError &&
				error.code === 'KRAKEN_UNSUPPORTED' &&
				/ledgers channel/.test(error.message),
		);
		assert.throws(
			() => client!.subscribe('open_orders_verbose', undefined, () => undefined),
			(error: unknown) =>
				error instanceof KrakenUnsupportedError && /open_orders_verbose/.test(error.message),
		);
		assert.throws(() => client!.subscribe('balances', undefined, () => undefined), KrakenValidationError);
		assert.throws(() => client!.subscribe('ticker', [], () => undefined), KrakenValidationError);
		assert.throws(
			() => client!.subscribe('nope' as 'ticker', ['PF_XBTUSD'], () => undefined),
			KrakenValidationError,
		);
		assert.throws(() => client!.onFill('x' as never), KrakenValidationError);
		await delay(50);
		assert.equal(server.connections.length, 0, 'no socket was opened');
		assert.equal(server.tokenRequests, 0);
	});

	it('close code 1008 ends the stream: an error, state closed, no reconnect', async () => {
		const errors: Error[] = [];
		client!.on('error', (error) => errors.push(error));
		client!.onFill(() => undefined);
		await waitFor(() => server.allReceived('subscribe').length === 1, 5_000, 'the executions subscribe');
		server.lastOf('private').socket.close(1008, 'policy violation');
		await waitFor(() => client!.state === 'closed', 5_000, 'state closed');
		assert.match(errors[0]?.message ?? '', /1008/);
		await delay(200);
		assert.equal(server.of('private').length, 1, 'never reconnected');
		assert.throws(() => client!.onFill(() => undefined), /closed/);
	});

	it('delivers ticker items as v1 ticker messages, optional extras only when present, the wire item in raw', async () => {
		const messages: WsFeedMessage[] = [];
		client!.subscribe('ticker', ['PF_XBTUSD'], (message) => messages.push(message));
		await waitFor(() => server.allReceived('subscribe').length === 1, 5_000, 'the ticker subscribe');
		const params = server.allReceived('subscribe')[0].params as Json;
		assert.deepEqual(params, { channel: 'ticker', asset_class: 'derivatives', symbol: ['PF_XBTUSD'] });
		const item = {
			symbol: 'PF_XBTUSD',
			bid: 49_999.5,
			bid_qty: 1.5,
			ask: 50_000.5,
			ask_qty: 2,
			last: 50_000,
			volume: 123,
			change_pct: 1.25,
			mark_price: 50_001,
			funding_rate: 0.0001,
			next_funding_time: '2026-11-30T16:00:00.000Z',
			brand_new_field: 7,
		};
		const bare = { symbol: 'PF_XBTUSD', bid: 1, ask: 2 };
		server.lastOf('public').send({ channel: 'ticker', type: 'snapshot', data: [item] });
		server.lastOf('public').send({ channel: 'ticker', type: 'update', data: [bare] });
		await waitFor(() => messages.length === 2, 2_000, 'two ticker messages');
		const [full, plain] = messages;
		assert.equal(full.feed, 'ticker');
		assert.equal(full.product_id, 'PF_XBTUSD');
		assert.equal(full.bid_size, 1.5);
		assert.equal(full.change, 1.25);
		assert.equal(full.markPrice, 50_001);
		assert.equal(full.funding_rate, 0.0001);
		assert.equal(full.next_funding_rate_time, Date.parse('2026-11-30T16:00:00.000Z'));
		assert.equal((full.raw as Json).brand_new_field, 7);
		assert.ok(!('funding_rate' in plain), 'no funding on the wire: none invented');
		assert.ok(!('markPrice' in plain));
	});

	it('delivers book snapshots and per-level updates, and trades, in v1 shapes', async () => {
		const book: WsFeedMessage[] = [];
		const trades: WsFeedMessage[] = [];
		client!.subscribe('book', ['PF_ETHUSD'], (message) => book.push(message));
		client!.subscribe('trade', ['PF_ETHUSD'], (message) => trades.push(message));
		await waitFor(() => server.allReceived('subscribe').length === 2, 5_000, 'two subscribes');
		const tradeParams = server.allReceived('subscribe').find((m) => (m.params as Json).channel === 'trade');
		assert.equal((tradeParams?.params as Json).snapshot, true, 'recent trades on subscribe, as v1 sends');
		const level = (price: number, qty: number) => ({ price, qty });
		const publicSocket = server.lastOf('public');
		publicSocket.send({
			channel: 'book',
			type: 'snapshot',
			data: [{ symbol: 'PF_ETHUSD', bids: [level(3000, 1)], asks: [level(3001, 2)], checksum: 42 }],
		});
		publicSocket.send({
			channel: 'book',
			type: 'update',
			data: [{ symbol: 'PF_ETHUSD', bids: [level(3000, 0)], asks: [level(3002, 5)], checksum: 43 }],
		});
		const trade = (id: number) => ({
			symbol: 'PF_ETHUSD',
			side: 'buy',
			price: 3000.5,
			qty: 0.1,
			ord_type: 'market',
			trade_id: id,
			timestamp: '2026-11-30T12:00:00.000Z',
		});
		publicSocket.send({ channel: 'trade', type: 'snapshot', data: [trade(1), trade(2)] });
		publicSocket.send({ channel: 'trade', type: 'update', data: [trade(3)] });
		await waitFor(() => book.length === 3 && trades.length === 2, 2_000, 'book and trade messages');
		assert.deepEqual(
			book.map(({ feed, side, price, qty }) => ({ feed, side, price, qty })),
			[
				{ feed: 'book_snapshot', side: undefined, price: undefined, qty: undefined },
				{ feed: 'book', side: 'buy', price: 3000, qty: 0 },
				{ feed: 'book', side: 'sell', price: 3002, qty: 5 },
			],
		);
		assert.deepEqual(book[0].bids, [level(3000, 1)]);
		assert.equal((book[1].raw as Json).checksum, 43);
		assert.equal(trades[0].feed, 'trade_snapshot');
		assert.equal((trades[0].trades as unknown[]).length, 2);
		assert.equal(trades[1].feed, 'trade');
		assert.equal(trades[1].seq, 3);
		assert.equal(trades[1].time, Date.parse('2026-11-30T12:00:00.000Z'));
	});

	it('delivers each fill once: the first snapshot is history, updates live, duplicates dropped', async () => {
		accountFills.push(execution(1), execution(2));
		const fills: KrakenFill[] = [];
		client!.onFill((fill) => fills.push(fill));
		await waitFor(() => server.allReceived('subscribe').length === 1, 5_000, 'the executions subscribe');
		await waitFor(() => server.lastOf('private').received.length > 0, 2_000, 'connected');
		pushFill(3);
		pushFill(3);
		pushFill(4);
		await waitFor(() => fills.length === 2, 2_000, 'two live fills');
		const [first] = fills;
		assert.equal(first.fill_id, 'exec-3');
		assert.equal(first.order_id, 'order-3');
		assert.equal(first.cliOrdId, 'client-3');
		assert.equal(first.size, 1);
		assert.equal(first.price, 50_003);
		assert.equal(first.fillType, 'maker');
		assert.equal(first.feePaid, 0.25);
		assert.equal(first.feeCurrency, 'USD');
		assert.equal(first.remainingOrderQty, 1);
		assert.equal(first.source, 'update');
		assert.equal(first.raw.some_future_field, 'kept');
		assert.deepEqual(
			fills.map((fill) => fill.fill_id),
			['exec-3', 'exec-4'],
		);
	});

	it('recovers fills made while disconnected from the snap_trades snapshot, with no gap event', async () => {
		const { fills, gaps, reconnected } = await oneLiveFillThenDrop();
		accountFills.push(execution(2), execution(3));
		await reconnected;
		await waitFor(() => fills.length === 3, 2_000, 'the two fills made while down');
		assert.deepEqual(
			fills.map((fill) => [fill.fill_id, fill.source]),
			[
				['exec-1', 'update'],
				['exec-2', 'snapshot'],
				['exec-3', 'snapshot'],
			],
		);
		assert.equal(gaps.length, 0);
	});

	it('reports a possible gap when every fill of a full recovery snapshot is new', async () => {
		const { fills, gaps, reconnected } = await oneLiveFillThenDrop();
		for (let n = 2; n <= 61; n++) accountFills.push(execution(n));
		await reconnected;
		await waitFor(() => fills.length === 51, 2_000, 'the 50 fills the snapshot can return');
		assert.equal(gaps.length, 1);
		assert.equal(gaps[0].snapshotSize, 50);
		assert.equal(gaps[0].oldestRecoveredFillTime, fills[1].fillTime);
		assert.equal(gaps[0].lastKnownFillTime, fills[0].fillTime);
		assert.equal(fills[1].fill_id, 'exec-12', 'the oldest the snapshot still held');
		assert.equal(new Set(fills.map((fill) => fill.fill_id)).size, 51);
	});
});
