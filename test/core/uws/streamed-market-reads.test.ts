import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import type { OrderBookResponse, Ticker, TradeHistoryResponse } from '../../../core/rest/types';
import { KrakenUwsSession } from '../../../core/uws/session';
import { KrakenUwsStreamClient } from '../../../core/uws/stream-client';
import { KrakenUnifiedClient } from '../../../core/uws/unified-client';
import type { WsFeedMessage } from '../../../core/ws/types';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { CountingProxy } from '../shared-cases/counting-proxy';
import { waitFor } from './support/scripted-uws';

const SYMBOL = 'PF_XBTUSD';
const OTHER = 'PF_ETHUSD';
/** Far below the mocha timeout: a read that gets no snapshot fails with its own timeout error. */
const READ_TIMEOUT_MS = 4_000;
const WAIT_MS = 8_000;

type Raw = Record<string, unknown>;
const rawOf = (value: unknown): Raw => (value as { raw: Raw }).raw;
const tradeIds = (response: TradeHistoryResponse): unknown[] =>
	response.history.map((trade) => rawOf(trade).trade_id);

/** The book a stream consumer holds after its messages: the snapshot, every level change, top 10 kept. */
function bookFrom(messages: WsFeedMessage[]): OrderBookResponse['orderBook'] {
	const sides = { buy: new Map<number, number>(), sell: new Map<number, number>() };
	const levels = (list: unknown) => list as { price: number; qty: number }[];
	for (const message of messages) {
		if (message.feed === 'book_snapshot') {
			sides.buy = new Map(levels(message.bids).map((level) => [level.price, level.qty]));
			sides.sell = new Map(levels(message.asks).map((level) => [level.price, level.qty]));
			continue;
		}
		const side = sides[message.side as 'buy' | 'sell'];
		if (message.qty === 0) side.delete(message.price as number);
		else side.set(message.price as number, message.qty as number);
	}
	const top = (side: Map<number, number>, bestFirst: (a: number, b: number) => number) =>
		[...side].sort(([a], [b]) => bestFirst(a, b)).slice(0, 10);
	return { bids: top(sides.buy, (a, b) => b - a), asks: top(sides.sell, (a, b) => a - b) };
}

/**
 * One-off market reads (ticker, book, trades) of a market the same Unified WebSocket session already
 * streams: a trigger and an action sharing a configuration. Kraken sends a channel's snapshot once per
 * subscription, so the read must be answered from what the session already holds, and must leave the
 * stream's subscription alone. Against the paper exchange (market clock stopped), through a proxy that
 * counts the subscribe and unsubscribe requests reaching it.
 */
describe('core/uws: one-off market reads of a market the session already streams', function () {
	this.timeout(30_000);
	let paper: PaperExchangeServer;
	let proxy: CountingProxy;
	let session: KrakenUwsSession;
	let stream: KrakenUwsStreamClient;
	let reads: KrakenUnifiedClient;
	/** A client on its own session: what a fresh subscription sees right now. */
	let fresh: KrakenUnifiedClient;

	before(async () => {
		paper = await startPaperExchange({ port: 0, seed: 11, clock: false, uws: { heartbeatMs: 200 } });
		proxy = await CountingProxy.start(paper.uwsPublicUrl);
	});
	after(async () => {
		await proxy.stop();
		await paper.stop();
	});
	beforeEach(() => {
		paper.reset();
		proxy.reset();
		session = new KrakenUwsSession({ publicUrl: proxy.url });
		stream = new KrakenUwsStreamClient({ session });
		reads = new KrakenUnifiedClient({ session, ownsSession: false, readTimeoutMs: READ_TIMEOUT_MS });
		fresh = new KrakenUnifiedClient({
			session: new KrakenUwsSession({ publicUrl: paper.uwsPublicUrl }),
			readTimeoutMs: READ_TIMEOUT_MS,
		});
	});
	afterEach(async () => {
		await stream.close();
		await reads.close();
		await session.close();
		await fresh.close();
	});

	function streamed(feed: 'ticker' | 'book' | 'trade', symbol = SYMBOL): WsFeedMessage[] {
		const messages: WsFeedMessage[] = [];
		stream.subscribe(feed, [symbol], (message) => messages.push(message));
		return messages;
	}

	/** Market orders from the paper account: trades, and a book that changes. */
	function trade(count: number, symbol = SYMBOL): void {
		for (let i = 0; i < count; i++) {
			paper.exchange.sendOrder(paper.keys[0].accountId, {
				orderType: 'mkt',
				symbol,
				side: i % 2 === 0 ? 'buy' : 'sell',
				size: '0.001',
			});
		}
	}

	async function streamKeepsFlowing(ticks: WsFeedMessage[]): Promise<void> {
		const before = ticks.length;
		paper.exchange.advanceTime(2_000);
		await waitFor(() => ticks.length > before, WAIT_MS, 'a ticker update after the read');
	}

	it('ticker: answers with the latest ticker the stream has, and the stream keeps its subscription', async () => {
		const ticks = streamed('ticker');
		await waitFor(() => ticks.length === 1, WAIT_MS, 'the ticker snapshot');
		paper.exchange.advanceTime(2_000);
		await waitFor(() => ticks.length >= 2, WAIT_MS, 'a ticker update');
		const { ticker } = await reads.getTicker(SYMBOL);
		assert.deepEqual(rawOf(ticker), ticks[ticks.length - 1].raw, 'the newest ticker, not the first');
		assert.equal(ticker.symbol, SYMBOL);
		assert.equal(typeof ticker.bid, 'number');

		await streamKeepsFlowing(ticks);
		const { ticker: again } = await reads.getTicker(SYMBOL);
		assert.deepEqual(rawOf(again), ticks[ticks.length - 1].raw, 'a second read is current too');
		assert.equal(proxy.count('subscribe'), 1, 'one ticker subscription for stream and reads');
		assert.equal(proxy.count('unsubscribe'), 0, "the reads never unsubscribed the stream's ticker");
	});

	it('book: answers with the whole current book, the same as a fresh snapshot shows', async () => {
		const book = streamed('book');
		await waitFor(() => book.length === 1, WAIT_MS, 'the book snapshot');
		trade(3);
		paper.exchange.advanceTime(1_000);
		const truth = await fresh.getOrderBook({ symbol: SYMBOL });
		const checksum = (truth as OrderBookResponse & { raw: Raw }).raw.checksum;
		await waitFor(
			() => book.length > 1 && rawOf(book[book.length - 1]).checksum === checksum,
			WAIT_MS,
			'the stream to reach the book the fresh snapshot shows',
		);
		const read = await reads.getOrderBook({ symbol: SYMBOL });
		assert.deepEqual(read.orderBook, truth.orderBook, 'every level as a fresh snapshot has it');
		assert.ok(read.orderBook.bids.length > 0 && read.orderBook.bids.length <= 10);
		assert.equal(rawOf(read).checksum, checksum);

		// The stream got every change after the read: the book it holds is the exchange's book.
		trade(2);
		paper.exchange.advanceTime(1_000);
		const later = await fresh.getOrderBook({ symbol: SYMBOL });
		assert.notDeepEqual(later.orderBook, truth.orderBook, 'the book moved');
		await waitFor(
			() => JSON.stringify(bookFrom(book)) === JSON.stringify(later.orderBook),
			WAIT_MS,
			'the stream holding the book a fresh snapshot shows',
		);
		assert.equal(proxy.count('unsubscribe'), 0, "the read never unsubscribed the stream's book");
	});

	it('book: a level that moves up into the subscribed depth is in the read (a resting order below the top 10)', async () => {
		const before = await fresh.getOrderBook({ symbol: SYMBOL });
		assert.equal(before.orderBook.bids.length, 10);
		const deep = Number(before.orderBook.bids[9][0]) - 100;
		paper.exchange.sendOrder(paper.keys[0].accountId, {
			orderType: 'lmt',
			symbol: SYMBOL,
			side: 'buy',
			size: '0.01',
			limitPrice: String(deep),
		});
		const book = streamed('book');
		await waitFor(() => book.length === 1, WAIT_MS, 'the book snapshot');
		const levels = book[0].bids as { price: number }[];
		assert.ok(!levels.some((level) => level.price === deep), 'the resting order is below the depth');
		paper.exchange.sendOrder(paper.keys[0].accountId, {
			orderType: 'mkt',
			symbol: SYMBOL,
			side: 'sell',
			size: '5',
		});
		const truth = (await fresh.getOrderBook({ symbol: SYMBOL })) as OrderBookResponse & { raw: Raw };
		assert.ok(
			truth.orderBook.bids.some(([price]) => price === deep),
			'the sell took levels above it',
		);
		await waitFor(
			() => rawOf(book[book.length - 1]).checksum === truth.raw.checksum,
			WAIT_MS,
			'the stream at the book the fresh snapshot shows',
		);
		assert.deepEqual((await reads.getOrderBook({ symbol: SYMBOL })).orderBook, truth.orderBook);
		assert.deepEqual(bookFrom(book), truth.orderBook);
	});

	it('trades: answers with the last trades, those that arrived while streaming included', async () => {
		trade(2);
		const trades = streamed('trade');
		await waitFor(() => trades.length === 1, WAIT_MS, 'the trade snapshot');
		trade(3);
		const truth = await fresh.getTradeHistory({ symbol: SYMBOL });
		const newest = rawOf(truth.history[0]).trade_id;
		await waitFor(() => trades.some((message) => message.seq === newest), WAIT_MS, 'the live trades');
		const read = await reads.getTradeHistory({ symbol: SYMBOL });
		assert.ok(read.history.length >= 5);
		assert.deepEqual(tradeIds(read), tradeIds(truth), 'the trades a fresh snapshot has, newest first');
		// Every trade after the read reaches the stream, once.
		const count = trades.length;
		trade(3);
		const after = await fresh.getTradeHistory({ symbol: SYMBOL });
		const known = new Set(tradeIds(truth));
		const made = tradeIds(after).filter((id) => !known.has(id));
		assert.ok(made.length >= 3);
		await waitFor(() => trades.length - count >= made.length, WAIT_MS, 'the trades after the read');
		assert.deepEqual(
			trades
				.slice(count)
				.map((message) => message.seq)
				.sort(),
			[...made].sort(),
		);
		assert.equal(proxy.count('unsubscribe'), 0);
	});

	it('a read in flight when a trigger subscribes the same market: both get the snapshot, one subscription', async () => {
		// The public socket is open already, so the read's subscribe goes out at once.
		await reads.getTicker(OTHER);
		await waitFor(() => proxy.count('unsubscribe') === 1, WAIT_MS, 'the first read released');
		proxy.reset();
		const reading = Promise.all([reads.getTicker(SYMBOL), reads.getOrderBook({ symbol: SYMBOL })]);
		const ticks = streamed('ticker');
		const book = streamed('book');
		const [{ ticker }, { orderBook }] = await reading;
		assert.equal(ticker.symbol, SYMBOL);
		assert.ok(orderBook.asks.length > 0);
		await waitFor(() => ticks.length === 1 && book.length === 1, WAIT_MS, 'the snapshots for the stream');
		assert.deepEqual(ticks[0].raw, rawOf(ticker), 'the trigger got the snapshot the read got');
		assert.equal(book[0].feed, 'book_snapshot');
		assert.equal(proxy.count('subscribe'), 2, 'one ticker and one book subscription');
		assert.equal(proxy.count('unsubscribe'), 0, 'the finished reads left the trigger subscribed');
		await streamKeepsFlowing(ticks);
	});

	it('concurrent reads of one market share its subscription; each gets the snapshot, streamed or not', async () => {
		const ticks = streamed('ticker', OTHER);
		await waitFor(() => ticks.length === 1, WAIT_MS, 'the streamed ticker');
		proxy.reset();
		const tickers = await Promise.all(
			[SYMBOL, SYMBOL, SYMBOL, OTHER, OTHER].map(async (symbol) => (await reads.getTicker(symbol)).ticker),
		);
		assert.deepEqual(
			tickers.map((ticker: Ticker) => ticker.symbol),
			[SYMBOL, SYMBOL, SYMBOL, OTHER, OTHER],
		);
		assert.equal(
			proxy.count('subscribe'),
			1,
			'one subscription for the three reads of the unstreamed market',
		);
		await waitFor(() => proxy.count('unsubscribe') === 1, WAIT_MS, 'the unstreamed ticker released');
		const books = await Promise.all([1, 2, 3].map(() => reads.getOrderBook({ symbol: SYMBOL })));
		assert.ok(books.every((book) => book.orderBook.bids.length > 0));
		assert.deepEqual(books[1].orderBook, books[0].orderBook);
		// Released and subscribed again: a later read gets a snapshot of its own.
		assert.equal((await reads.getTicker(SYMBOL)).ticker.symbol, SYMBOL);
		await streamKeepsFlowing(ticks);
	});

	it('a read while the socket is down waits for the snapshot the reconnect brings, not the stale ticker', async () => {
		const ticks = streamed('ticker');
		await waitFor(() => ticks.length === 1, WAIT_MS, 'the ticker snapshot');
		const reconnected = once(stream, 'reconnected');
		paper.faults.dropConnections();
		await waitFor(() => session.linkStates.public !== 'open', WAIT_MS, 'the drop seen by the session');
		const reading = reads.getTicker(SYMBOL);
		paper.exchange.advanceTime(2_000);
		const { ticker } = await reading;
		await reconnected;
		await waitFor(() => ticks.length >= 2, WAIT_MS, 'the snapshot after the reconnect');
		assert.notDeepEqual(rawOf(ticker), ticks[0].raw, 'not the ticker from before the drop');
		assert.deepEqual(rawOf(ticker), ticks[ticks.length - 1].raw);
		await streamKeepsFlowing(ticks);
		assert.equal(proxy.count('unsubscribe'), 0);
	});

	it('instruments read on a session whose heartbeat feed already holds the instrument channel', async () => {
		const beats: WsFeedMessage[] = [];
		stream.subscribe('heartbeat', undefined, (message) => beats.push(message));
		await waitFor(() => beats.length > 0, WAIT_MS, 'a heartbeat');
		const { instruments } = await reads.getInstruments();
		assert.ok(instruments.some((instrument) => instrument.symbol === SYMBOL));
		const count = beats.length;
		await waitFor(() => beats.length > count, WAIT_MS, 'heartbeats after the read');
	});
});
