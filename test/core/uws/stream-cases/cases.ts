import { strict as assert } from 'node:assert';
import { KrakenFuturesRestClient, type SendOrderRequest } from '../../../../core';
import type { KrakenStreamClient, KrakenStreamEvents } from '../../../../core/stream';
import type { FillSource, KrakenFill, WsFeedMessage } from '../../../../core/ws/types';
import { startPaperExchange, type PaperExchangeServer } from '../../../../paper/server';
import { accountFeedLive, FILL_FEEDS } from '../../../support/account-feeds';
import { delay, waitFor } from '../support/scripted-uws';

/** How a runner builds the streaming client of one transport against a paper exchange. */
export interface StreamTransport {
	name: string;
	create(server: PaperExchangeServer, rest: KrakenFuturesRestClient): KrakenStreamClient;
	/** Where fills made while the socket was down come back from (REST on v1, the snapshot on UWS). */
	recoveredSource: FillSource;
}

const DROPS = 50;

function nextEvent(client: KrakenStreamClient, event: keyof KrakenStreamEvents): Promise<void> {
	return new Promise((resolve) => client.once(event, () => resolve()));
}

function market(side: 'buy' | 'sell', symbol = 'PF_XBTUSD'): SendOrderRequest {
	return { orderType: 'mkt', symbol, side, size: 0.001 };
}

/**
 * The streaming cases every transport must pass, against the paper exchange. Orders are placed
 * over REST v3 on the same paper account: the exchange, not the transport under test, makes fills.
 */
export function streamCases(transport: StreamTransport): void {
	describe(`streaming over ${transport.name} (paper exchange)`, function () {
		this.timeout(60_000);
		let server: PaperExchangeServer;
		let rest: KrakenFuturesRestClient;
		let client: KrakenStreamClient;
		/** Every fill the exchange made for the account, by id. */
		let truth: string[];

		beforeEach(async () => {
			server = await startPaperExchange({
				port: 0,
				seed: 66,
				clock: false,
				// A 1 ms rate-limit window: order bursts sent with the client limiter off never meet the budget, however fast the machine.
				rateLimitWindowMs: 1,
				heartbeatMs: 20,
			});
			const credentials = { apiKey: server.apiKey, apiSecret: server.apiSecret };
			rest = new KrakenFuturesRestClient({ restUrl: server.restUrl, credentials, rateLimit: false });
			await rest.instruments.refresh();
			truth = [];
			server.exchange.on('fill', (_account: string, fill: { fill_id: string }) => truth.push(fill.fill_id));
			client = transport.create(server, rest);
		});

		afterEach(async () => {
			await client.close();
			await rest.close();
			await server.stop();
		});

		it('ticker: messages for each subscribed symbol, with product_id, bid below ask, and the mark price', async () => {
			const messages: WsFeedMessage[] = [];
			client.subscribe('ticker', ['PF_XBTUSD', 'PF_ETHUSD'], (message) => messages.push(message));
			await waitFor(
				() => new Set(messages.map((message) => message.product_id)).size === 2,
				10_000,
				'a ticker message for both symbols',
			);
			for (const message of messages) {
				assert.equal(message.feed, 'ticker');
				assert.ok(typeof message.bid === 'number' && typeof message.ask === 'number');
				assert.ok((message.bid as number) < (message.ask as number), 'bid below ask');
				assert.equal(typeof message.markPrice, 'number');
			}
		});

		it('book: a snapshot, then a level update when an order comes to rest', async () => {
			const messages: WsFeedMessage[] = [];
			client.subscribe('book', ['PF_XBTUSD'], (message) => messages.push(message));
			await waitFor(
				() => messages.some((message) => message.feed === 'book_snapshot'),
				10_000,
				'a book snapshot',
			);
			const snapshot = messages.find((message) => message.feed === 'book_snapshot')!;
			const bids = snapshot.bids as { price: number; qty: number }[];
			assert.ok(bids.length > 0 && (snapshot.asks as unknown[]).length > 0);
			// Inside the top levels: a Unified WebSocket book sends only levels within its subscribed depth.
			const price = Math.floor((bids[0].price + bids[1].price) / 2);
			await rest.sendOrder({
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: 0.001,
				limitPrice: price,
			});
			await waitFor(
				() => messages.some((message) => message.feed === 'book' && message.price === price),
				10_000,
				`a book update at ${price}`,
			);
			const update = messages.find((message) => message.feed === 'book' && message.price === price)!;
			assert.equal(update.side, 'buy');
			assert.equal(update.product_id, 'PF_XBTUSD');
		});

		it('trade: a market order shows up as a trade with price, qty and side', async () => {
			const trades: WsFeedMessage[] = [];
			let snapshots = 0;
			client.subscribe('trade', ['PF_XBTUSD'], (message) => {
				if (message.feed === 'trade') trades.push(message);
				if (message.feed === 'trade_snapshot') snapshots++;
			});
			// Both transports open with a snapshot: after it, every trade comes as an update.
			await waitFor(() => snapshots > 0, 10_000, 'the trade snapshot');
			const before = trades.length;
			await rest.sendOrder(market('buy'));
			await waitFor(() => trades.length > before, 10_000, 'the trade of the market order');
			const trade = trades[trades.length - 1];
			assert.equal(trade.product_id, 'PF_XBTUSD');
			assert.equal(trade.side, 'buy');
			assert.ok((trade.qty as number) > 0 && (trade.price as number) > 0);
		});

		it('heartbeat: regular heartbeat messages once subscribed', async () => {
			const beats: WsFeedMessage[] = [];
			const subscription = client.subscribe('heartbeat', undefined, (message) => beats.push(message));
			// A generous bound, not the measure: a loaded machine delays the paper exchange's timers.
			await waitFor(() => beats.length >= 3, 40_000, 'three heartbeats');
			assert.ok(beats.every((beat) => beat.feed === 'heartbeat'));
			subscription.unsubscribe();
		});

		it('fills: each fill once, with order id, symbol, side, size and price; a symbol filter holds', async () => {
			const all: KrakenFill[] = [];
			const ethOnly: KrakenFill[] = [];
			client.onFill((fill) => all.push(fill));
			client.onFill((fill) => ethOnly.push(fill), ['PF_ETHUSD']);
			await accountFeedLive(server, FILL_FEEDS);
			const placed = await rest.sendOrder(market('buy'));
			await rest.sendOrder(market('sell', 'PF_ETHUSD'));
			await waitFor(() => all.length >= truth.length && truth.length >= 2, 10_000, 'the fills of two orders');
			await delay(100);
			assert.deepEqual(all.map((fill) => fill.fill_id).sort(), [...truth].sort());
			const xbt = all.find((fill) => fill.symbol === 'PF_XBTUSD')!;
			assert.equal(xbt.order_id, placed.sendStatus?.order_id);
			assert.equal(xbt.side, 'buy');
			assert.ok(xbt.size > 0 && xbt.price > 0);
			assert.ok(ethOnly.length > 0 && ethOnly.every((fill) => fill.symbol === 'PF_ETHUSD'));
		});

		it('unsubscribe stops delivery', async () => {
			const fills: KrakenFill[] = [];
			const subscription = client.onFill((fill) => fills.push(fill));
			await accountFeedLive(server, FILL_FEEDS);
			await rest.sendOrder(market('buy'));
			await waitFor(() => fills.length > 0, 10_000, 'a fill');
			subscription.unsubscribe();
			const seen = fills.length;
			await rest.sendOrder(market('sell'));
			await delay(300);
			assert.equal(fills.length, seen);
		});

		it(`loses no fill and delivers none twice across ${DROPS} forced drops`, async () => {
			const delivered: KrakenFill[] = [];
			client.onFill((fill) => delivered.push(fill));
			await nextEvent(client, 'open');
			await accountFeedLive(server, FILL_FEEDS);
			for (let drop = 0; drop < DROPS; drop++) {
				await rest.sendOrder(market('buy'));
				const reconnected = nextEvent(client, 'reconnected');
				server.faults.dropConnections();
				// This fill happens while the client is disconnected: only recovery can bring it back.
				await rest.sendOrder(market('sell'));
				await reconnected;
			}
			assert.ok(truth.length >= DROPS * 2, `the exchange made ${truth.length} fills`);
			await waitFor(
				() => delivered.length >= truth.length,
				20_000,
				`${truth.length} fills (got ${delivered.length})`,
			);
			await delay(200);
			const ids = delivered.map((fill) => fill.fill_id);
			assert.equal(new Set(ids).size, ids.length, 'a fill was delivered twice');
			assert.deepEqual([...ids].sort(), [...truth].sort());
			assert.ok(
				delivered.some((fill) => fill.source === transport.recoveredSource),
				`fills made while disconnected came back from ${transport.recoveredSource}`,
			);
		});
	});
}
