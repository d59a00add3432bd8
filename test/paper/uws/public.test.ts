import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import type { PaperExchangeServer } from '../../../paper/server';
import { startUwsExchange, UwsTestClient } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_XBTUSD';
const subscribeParams = (channel: string, extra: Message = {}): Message => ({
	channel,
	asset_class: 'derivatives',
	symbol: [SYMBOL],
	...extra,
});

/** Kraken's Spot v2 book checksum, written out independently of the server's code. */
function checksum(
	book: { bids: Message[]; asks: Message[] },
	priceDecimals: number,
	qtyDecimals: number,
): number {
	const part = (value: unknown, decimals: number) =>
		(value as number).toFixed(decimals).replace('.', '').replace(/^0+/, '');
	const levels = [...book.asks.slice(0, 10), ...book.bids.slice(0, 10)];
	return crc32(levels.map((l) => part(l.price, priceDecimals) + part(l.qty, qtyDecimals)).join('')) >>> 0;
}

/** Applies a book update's changed levels to one side (qty 0 removes), best first, cut to `depth`. */
function apply(side: Message[], changes: Message[], descending: boolean, depth = Infinity): void {
	for (const change of changes) {
		const index = side.findIndex((level) => level.price === change.price);
		if (index !== -1) side.splice(index, 1);
		if ((change.qty as number) > 0) side.push(change);
	}
	side.sort((a, b) =>
		descending ? (b.price as number) - (a.price as number) : (a.price as number) - (b.price as number),
	);
	side.splice(depth);
}

describe('paper exchange: UWS public endpoint', () => {
	let server: PaperExchangeServer;
	let client: UwsTestClient;

	before(async () => {
		server = await startUwsExchange();
	});
	after(() => server.stop());
	beforeEach(async () => {
		client = await UwsTestClient.open(server.uwsPublicUrl);
	});
	afterEach(async () => {
		await client.close();
		server.reset();
	});

	it('sends status on connect and answers ping with pong', async () => {
		const status = client.messages[0];
		assert.equal(status.channel, 'status');
		assert.equal(status.type, 'update');
		const data = (status.data as Message[])[0];
		assert.equal(data.system, 'online');
		assert.equal(data.api_version, 'v2');
		assert.equal(typeof data.connection_id, 'number');
		assert.deepEqual([data.upcoming_maintenance, data.emergency], [[], []]);
		const pong = await client.request('ping');
		assert.equal(pong.method, 'pong');
		assert.match(String(pong.time_in), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		assert.equal(typeof pong.time_out, 'string');
	});

	it('pushes a status update to every connection when the control changes it', async () => {
		server.uws.setSystemStatus('cancel_only');
		const update = await client.push('status', (m) => (m.data as Message[])[0].system === 'cancel_only');
		assert.equal(update.type, 'update');
		assert.equal(server.uws.systemStatus, 'cancel_only');
	});

	it('ticker: ack per symbol, snapshot, updates as the market moves, with the derivatives extras', async () => {
		const ack = await client.request('subscribe', subscribeParams('ticker'));
		assert.equal(ack.success, true);
		assert.deepEqual(ack.result, { channel: 'ticker', symbol: SYMBOL, snapshot: true });
		const snapshot = await client.push('ticker', (m) => m.type === 'snapshot');
		const ticker = (snapshot.data as Message[])[0];
		for (const field of [
			'symbol',
			'bid',
			'bid_qty',
			'ask',
			'ask_qty',
			'last',
			'volume',
			'vwap',
			'low',
			'high',
			'change',
			'change_pct',
		]) {
			assert.ok(field in ticker, `ticker has ${field}`);
		}
		for (const field of [
			'mark_price',
			'index_price',
			'open_interest',
			'funding_rate',
			'funding_rate_prediction',
		]) {
			assert.equal(typeof ticker[field], 'number', field);
		}
		assert.ok(Date.parse(String(ticker.next_funding_time)) > Date.parse(String(ticker.timestamp)));
		assert.ok((ticker.bid as number) < (ticker.ask as number));
		server.exchange.advanceTime(2_000);
		const update = await client.push('ticker', (m) => m.type === 'update');
		assert.equal((update.data as Message[])[0].symbol, SYMBOL);
	});

	it('ticker without funding extras when switched off', async () => {
		server.uws.setTickerFunding(false);
		await client.request('subscribe', subscribeParams('ticker'));
		const ticker = ((await client.push('ticker')).data as Message[])[0];
		for (const field of ['funding_rate', 'funding_rate_prediction', 'next_funding_time'])
			assert.ok(!(field in ticker), field);
		assert.equal(typeof ticker.mark_price, 'number');
	});

	it('book: snapshot to the requested depth with a checksum that updates keep true', async () => {
		const ack = await client.request('subscribe', subscribeParams('book', { depth: 25 }));
		assert.deepEqual(ack.result, { channel: 'book', symbol: SYMBOL, snapshot: true, depth: 25 });
		const snapshot = ((await client.push('book', (m) => m.type === 'snapshot')).data as Message[])[0];
		const book = { bids: snapshot.bids as Message[], asks: snapshot.asks as Message[] };
		assert.ok(book.bids.length > 0 && book.bids.length <= 25);
		assert.equal(snapshot.checksum, checksum(book, 0, 4));
		server.exchange.advanceTime(1_000);
		const update = ((await client.push('book', (m) => m.type === 'update')).data as Message[])[0];
		apply(book.bids, update.bids as Message[], true);
		apply(book.asks, update.asks as Message[], false);
		assert.equal(update.checksum, checksum(book, 0, 4));
		const badDepth = await client.request('subscribe', subscribeParams('book', { depth: 7 }));
		assert.equal(badDepth.success, false);
		assert.match(String(badDepth.error), /^EGeneral:Invalid arguments:params\.depth/);
	});

	it('book: updates keep a book cut to the subscribed depth whole, a level moving up into it included', async () => {
		await client.request('subscribe', subscribeParams('book'));
		const snapshot = ((await client.push('book', (m) => m.type === 'snapshot')).data as Message[])[0];
		const book = { bids: snapshot.bids as Message[], asks: snapshot.asks as Message[] };
		assert.equal(book.bids.length, 10);
		const accountId = server.keys[0].accountId;
		const deep = (book.bids[9].price as number) - 100;
		server.exchange.sendOrder(accountId, {
			orderType: 'lmt',
			symbol: SYMBOL,
			side: 'buy',
			size: '0.01',
			limitPrice: String(deep),
		});
		server.exchange.sendOrder(accountId, { orderType: 'mkt', symbol: SYMBOL, side: 'sell', size: '5' });
		const shown = server.exchange.inspect().displayedBook(server.exchange.inspect().market(SYMBOL)!);
		const expected = shown.bids.slice(0, 10).map((level) => ({ price: level.price, qty: level.qty }));
		assert.ok(
			expected.some((level) => level.price === deep),
			'the resting order moved up into the top 10',
		);
		await client.request('ping');
		const updates = client.messages.filter((m) => m.channel === 'book' && m.type === 'update');
		assert.ok(updates.length > 0);
		for (const update of updates) {
			const item = (update.data as Message[])[0];
			apply(book.bids, item.bids as Message[], true, 10);
			apply(book.asks, item.asks as Message[], false, 10);
		}
		assert.deepEqual(book.bids, expected);
		assert.equal((updates[updates.length - 1].data as Message[])[0].checksum, checksum(book, 0, 4));
	});

	it('trade: no snapshot by default, the last 50 on request, and live trades', async () => {
		const accountId = server.keys[0].accountId;
		for (let i = 0; i < 3; i++)
			server.exchange.sendOrder(accountId, { orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: '0.001' });
		const ack = await client.request('subscribe', subscribeParams('trade'));
		assert.deepEqual(ack.result, { channel: 'trade', symbol: SYMBOL, snapshot: false });
		const other = await UwsTestClient.open(server.uwsPublicUrl);
		try {
			await other.request('subscribe', subscribeParams('trade', { snapshot: true }));
			const snapshot = await other.push('trade', (m) => m.type === 'snapshot');
			const trades = snapshot.data as Message[];
			assert.ok(trades.length > 0 && trades.length <= 50);
			assert.deepEqual(Object.keys(trades[0]), [
				'symbol',
				'side',
				'price',
				'qty',
				'ord_type',
				'trade_id',
				'timestamp',
			]);
		} finally {
			await other.close();
		}
		server.exchange.sendOrder(accountId, { orderType: 'mkt', symbol: SYMBOL, side: 'sell', size: '0.002' });
		const live = await client.push('trade', (m) => m.type === 'update');
		const trade = (live.data as Message[])[0];
		assert.equal(trade.side, 'sell');
		assert.equal(client.messages.filter((m) => m.channel === 'trade' && m.type === 'snapshot').length, 0);
	});

	it('instrument: every contract with its price and quantity grid', async () => {
		const ack = await client.request('subscribe', { channel: 'instrument', asset_class: 'derivatives' });
		assert.equal(ack.success, true);
		const snapshot = await client.push('instrument');
		const pairs = (snapshot.data as { pairs: Message[] }).pairs;
		const xbt = pairs.find((pair) => pair.symbol === SYMBOL)!;
		assert.deepEqual([xbt.price_increment, xbt.qty_increment, xbt.qty_min], [1, 0.0001, 0.0001]);
		assert.equal(xbt.contract_type, 'perpetual');
		assert.equal(xbt.tradeable, true);
		const inverse = pairs.find((pair) => pair.symbol === 'PI_XBTUSD')!;
		assert.deepEqual([inverse.price_increment, inverse.qty_increment], [0.5, 1]);
		assert.ok(pairs.some((pair) => pair.contract_type === 'fixed_maturity'));
	});

	it('unsubscribes, and refuses unknown channels, unknown symbols and missing asset_class with Kraken’s strings', async () => {
		await client.request('subscribe', subscribeParams('ticker'));
		const off = await client.request('unsubscribe', subscribeParams('ticker'));
		assert.deepEqual([off.success, off.result], [true, { channel: 'ticker', symbol: SYMBOL }]);
		const again = await client.request('unsubscribe', subscribeParams('ticker'));
		assert.equal(again.success, false);
		const channel = await client.request('subscribe', {
			channel: 'tickers',
			asset_class: 'derivatives',
			symbol: [SYMBOL],
		});
		assert.deepEqual(
			[channel.success, channel.error, 'result' in channel],
			[false, 'Subscription name invalid', false],
		);
		const symbol = await client.request('subscribe', {
			channel: 'ticker',
			asset_class: 'derivatives',
			symbol: ['PF_NOPEUSD'],
		});
		assert.deepEqual([symbol.success, symbol.error], [false, 'Currency pair not supported PF_NOPEUSD']);
		const noClass = await client.request('subscribe', { channel: 'ticker', symbol: [SYMBOL] });
		assert.match(String(noClass.error), /^EGeneral:Invalid arguments:params\.asset_class/);
		const method = await client.request('add_order', { asset_class: 'derivatives' });
		assert.deepEqual([method.success, method.error], [false, 'EGeneral:Permission denied']);
		client.probe.send('not json');
		const garbled = await client.waitFor((m) => m.success === false && String(m.error).includes('malformed'));
		assert.equal(garbled.method, '');
	});

	it('one snapshot per subscription: a second subscribe of a channel and symbol the connection holds is refused', async () => {
		const snapshots = (channel: string) =>
			client.messages.filter((m) => m.channel === channel && m.type === 'snapshot').length;
		for (const [channel, extra] of [
			['ticker', {}],
			['book', {}],
			['trade', { snapshot: true }],
		] as const) {
			await client.request('subscribe', subscribeParams(channel, extra));
			await client.push(channel, (m) => m.type === 'snapshot');
			const twice = await client.request('subscribe', subscribeParams(channel, extra));
			assert.deepEqual(
				[twice.success, twice.error, 'result' in twice],
				[false, `Already subscribed to ${channel} channel`, false],
			);
			await client.request('ping');
			assert.equal(snapshots(channel), 1, `no second ${channel} snapshot`);
			await client.request('unsubscribe', subscribeParams(channel));
			const again = await client.request('subscribe', subscribeParams(channel, extra));
			assert.equal(again.success, true, 'subscribed again after unsubscribing');
			await client.waitFor(() => snapshots(channel) === 2);
		}
		const replies = await client.replies(
			'subscribe',
			{ ...subscribeParams('ticker'), symbol: ['PF_ETHUSD', SYMBOL] },
			2,
		);
		assert.deepEqual(
			replies.map((reply) => [reply.success, reply.error]),
			[
				[true, undefined],
				[false, 'Already subscribed to ticker channel'],
			],
			'one reply per symbol: the new one subscribed, the held one refused',
		);
	});

	it('sends heartbeats to a subscribed connection when nothing else flows, and none before', async () => {
		await new Promise((resolve) => setTimeout(resolve, 500));
		assert.equal(client.messages.filter((m) => m.channel === 'heartbeat').length, 0);
		await client.request('subscribe', { channel: 'instrument', asset_class: 'derivatives' });
		const heartbeat = await client.push('heartbeat');
		assert.deepEqual(heartbeat, { channel: 'heartbeat' });
	});
});
