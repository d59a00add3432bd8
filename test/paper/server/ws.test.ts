import assert from 'node:assert/strict';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { call, delay, WsProbe } from './support';

const SECRET = Buffer.alloc(64, 3).toString('base64');
const KEY = 'ws-test-key';
const SYMBOL = 'PF_XBTUSD';

const isEvent = (event: string) => (m: Record<string, unknown>) => m.event === event;
/** A data message of `feed` (acks carry `feed` too, but also an `event`). */
const isFeed = (feed: string) => (m: Record<string, unknown>) => m.feed === feed && m.event === undefined;

describe('paper exchange WebSocket v1', () => {
	let server: PaperExchangeServer;
	let probes: WsProbe[] = [];

	const open = async (): Promise<WsProbe> => {
		const probe = await WsProbe.open(server.wsUrl);
		probes.push(probe);
		await probe.waitFor(isEvent('info'));
		return probe;
	};
	const rest = (path: string, body: string, method: 'POST' | 'GET' = 'POST') =>
		call(server.restUrl, path, { method, body, sign: { apiKey: KEY, apiSecret: SECRET } });
	const bestPrices = async (): Promise<{ bid: number; ask: number }> => {
		const res = await call(server.restUrl, `/derivatives/api/v3/tickers/${SYMBOL}`);
		const ticker = res.json().ticker as { bid: number; ask: number };
		return { bid: ticker.bid, ask: ticker.ask };
	};

	before(async () => {
		server = await startPaperExchange({
			apiKey: KEY,
			apiSecret: SECRET,
			clock: false,
			seed: 7,
			heartbeatMs: 50,
		});
	});
	after(() => server.stop());
	afterEach(async () => {
		await Promise.all(probes.map((p) => p.close()));
		probes = [];
		server.reset();
	});

	it('greets with {"event":"info","version":1}', async () => {
		const probe = await WsProbe.open(server.wsUrl);
		probes.push(probe);
		assert.deepEqual(await probe.waitFor(() => true), { event: 'info', version: 1 });
	});

	it('answers bad requests with Kraken error events', async () => {
		const probe = await open();
		probe.send('{not json');
		assert.deepEqual(await probe.next(isEvent('error')), { event: 'error', message: 'Json Error' });
		probe.send({ event: 'subscribe', feed: 'nonsense', product_ids: [SYMBOL] });
		assert.deepEqual(await probe.next(isEvent('error')), { event: 'error', message: 'Invalid feed' });
		probe.send({ event: 'subscribe', feed: 'ticker', product_ids: ['PF_NOTAREALTHING'] });
		assert.deepEqual(await probe.next(isEvent('error')), { event: 'error', message: 'Invalid product id' });
		probe.send({ event: 'subscribe', feed: 'book' });
		assert.deepEqual(await probe.next(isEvent('error')), { event: 'error', message: 'Invalid product id' });
		probe.send([1, 2]);
		assert.deepEqual(await probe.next(isEvent('error')), { event: 'error', message: 'Json Error' });
	});

	it('issues a UUID challenge', async () => {
		const probe = await open();
		probe.send({ event: 'challenge', api_key: KEY });
		const reply = await probe.next(isEvent('challenge'));
		assert.match(String(reply.message), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	});

	it('refuses private feeds with a wrong, missing or foreign signed challenge', async () => {
		const probe = await open();
		const auth = await probe.authenticate(KEY, SECRET);
		const attempts = [
			{ ...auth, signed_challenge: Buffer.alloc(64).toString('base64') },
			{ api_key: KEY, original_challenge: auth.original_challenge },
			{ ...(await (await open()).authenticate(KEY, SECRET)) },
			{ ...auth, api_key: 'unknown-key' },
		];
		for (const fields of attempts) {
			probe.send({ event: 'subscribe', feed: 'fills', ...fields });
			assert.deepEqual(await probe.next((m) => m.event === 'alert' || m.event === 'subscribed'), {
				event: 'alert',
				message: 'Failed to subscribe to authenticated feed',
			});
		}
		await delay(50);
		assert.ok(!probe.messages.some((m) => m.feed === 'fills_snapshot'));
	});

	it('acknowledges each private feed with the echoed credentials and then sends its snapshot', async () => {
		const probe = await open();
		const auth = await probe.authenticate(KEY, SECRET);
		const snapshots: Record<string, string> = {
			fills: 'fills_snapshot',
			open_orders: 'open_orders_snapshot',
			open_positions: 'open_positions',
			balances: 'balances_snapshot',
			account_log: 'account_log_snapshot',
			notifications_auth: 'notifications_auth',
		};
		for (const [feed, snapshot] of Object.entries(snapshots)) {
			probe.send({ event: 'subscribe', feed, ...auth });
			const ack = await probe.next(isEvent('subscribed'));
			assert.deepEqual(ack, { event: 'subscribed', feed, ...auth });
			const first = await probe.next((m) => typeof m.feed === 'string' && m.event === undefined);
			assert.equal(first.feed, snapshot, `${feed} snapshot`);
		}
	});

	it('streams book_snapshot first, then book deltas when an order takes liquidity', async () => {
		const probe = await open();
		probe.send({ event: 'subscribe', feed: 'book', product_ids: [SYMBOL] });
		assert.deepEqual(await probe.next(isEvent('subscribed')), {
			event: 'subscribed',
			feed: 'book',
			product_ids: [SYMBOL],
		});
		const snapshot = await probe.next((m) => typeof m.feed === 'string' && m.event === undefined);
		assert.equal(snapshot.feed, 'book_snapshot');
		assert.equal(snapshot.product_id, SYMBOL);
		const asks = snapshot.asks as { price: number; qty: number }[];
		assert.ok(Array.isArray(snapshot.bids) && asks.length > 0);
		const sent = await rest(
			'/derivatives/api/v3/sendorder',
			`orderType=mkt&symbol=${SYMBOL}&side=buy&size=0.01`,
		);
		assert.equal((sent.json().sendStatus as { status: string }).status, 'placed', sent.text);
		const delta = await probe.next(isFeed('book'));
		assert.equal(delta.product_id, SYMBOL);
		assert.equal(delta.side, 'sell');
		assert.equal(delta.price, asks[0].price);
		assert.ok(Number(delta.seq) > Number(snapshot.seq), 'deltas continue the snapshot sequence');
		const feeds = probe.messages
			.filter((m) => typeof m.feed === 'string' && m.event === undefined)
			.map((m) => m.feed);
		assert.equal(feeds.indexOf('book_snapshot'), 0);
	});

	it('streams trade_snapshot, then trades, fills, positions, balances and account log entries after a fill', async () => {
		const market = await open();
		const account = await open();
		market.send({ event: 'subscribe', feed: 'trade', product_ids: [SYMBOL] });
		await market.next(isFeed('trade_snapshot'));
		const auth = await account.authenticate(KEY, SECRET);
		const snapshots: Record<string, string> = {
			fills: 'fills_snapshot',
			open_positions: 'open_positions',
			balances: 'balances_snapshot',
			account_log: 'account_log_snapshot',
			open_orders: 'open_orders_snapshot',
		};
		// Every snapshot is in before the order, so none of them can pass for an update below.
		for (const [feed, snapshot] of Object.entries(snapshots)) {
			account.send({ event: 'subscribe', feed, ...auth });
			await account.next(isEvent('subscribed'));
			await account.next(isFeed(snapshot));
		}
		const before = account.messages.length;
		const sent = await rest(
			'/derivatives/api/v3/sendorder',
			`orderType=mkt&symbol=${SYMBOL}&side=buy&size=0.01`,
		);
		assert.equal((sent.json().sendStatus as { status: string }).status, 'placed', sent.text);
		const trade = await market.next(isFeed('trade'));
		assert.equal(trade.product_id, SYMBOL);
		const fill = await account.waitFor((m) => isFeed('fills')(m) && account.messages.indexOf(m) >= before);
		const fills = fill.fills as { instrument: string; buy: boolean }[];
		assert.equal(fills[0].instrument, SYMBOL);
		assert.equal(fills[0].buy, true);
		await account.waitFor((m) => isFeed('open_positions')(m) && account.messages.indexOf(m) >= before);
		await account.waitFor((m) => isFeed('balances')(m) && account.messages.indexOf(m) >= before);
		const log = await account.waitFor(isFeed('account_log'));
		assert.equal(typeof log.new_entry, 'object');
	});

	it('only sends fills of the subscribed instruments when product_ids are given', async () => {
		const probe = await open();
		const auth = await probe.authenticate(KEY, SECRET);
		probe.send({ event: 'subscribe', feed: 'fills', product_ids: ['PF_ETHUSD'], ...auth });
		const ack = await probe.next(isEvent('subscribed'));
		assert.deepEqual(ack.product_ids, ['PF_ETHUSD']);
		await rest('/derivatives/api/v3/sendorder', `orderType=mkt&symbol=${SYMBOL}&side=buy&size=0.01`);
		await delay(100);
		assert.ok(!probe.messages.some(isFeed('fills')));
	});

	it('sends open_orders updates after the snapshot', async () => {
		const probe = await open();
		const auth = await probe.authenticate(KEY, SECRET);
		probe.send({ event: 'subscribe', feed: 'open_orders', ...auth });
		await probe.next(isFeed('open_orders_snapshot'));
		const { bid } = await bestPrices();
		await rest(
			'/derivatives/api/v3/sendorder',
			`orderType=lmt&symbol=${SYMBOL}&side=buy&size=0.01&limitPrice=${Math.floor(bid * 0.9)}`,
		);
		const update = await probe.next(isFeed('open_orders'));
		assert.equal(update.is_cancel, false);
		assert.equal((update.order as { instrument: string }).instrument, SYMBOL);
	});

	it('sends ticker and ticker_lite messages with their feed names', async () => {
		const probe = await open();
		probe.send({ event: 'subscribe', feed: 'ticker', product_ids: [SYMBOL] });
		assert.deepEqual(await probe.next(isEvent('subscribed')), {
			event: 'subscribed',
			feed: 'ticker',
			product_ids: [SYMBOL],
		});
		const ticker = await probe.next(isFeed('ticker'));
		assert.equal(ticker.product_id, SYMBOL);
		probe.send({ event: 'subscribe', feed: 'ticker_lite', product_ids: [SYMBOL] });
		const lite = await probe.next(isFeed('ticker_lite'));
		assert.equal(lite.product_id, SYMBOL);
	});

	it('beats the heartbeat feed', async () => {
		const probe = await open();
		probe.send({ event: 'subscribe', feed: 'heartbeat' });
		assert.deepEqual(await probe.next(isEvent('subscribed')), { event: 'subscribed', feed: 'heartbeat' });
		const beat = await probe.next(isFeed('heartbeat'));
		assert.equal(typeof beat.time, 'number');
	});

	it('stops a feed on unsubscribe and acknowledges it', async () => {
		const probe = await open();
		probe.send({ event: 'subscribe', feed: 'heartbeat' });
		await probe.next(isFeed('heartbeat'));
		probe.send({ event: 'unsubscribe', feed: 'heartbeat' });
		assert.deepEqual(await probe.next(isEvent('unsubscribed')), { event: 'unsubscribed', feed: 'heartbeat' });
		const count = probe.messages.length;
		await delay(150);
		assert.equal(probe.messages.length, count);
		probe.send({ event: 'subscribe', feed: 'book', product_ids: [SYMBOL] });
		await probe.next(isFeed('book_snapshot'));
		probe.send({ event: 'unsubscribe', feed: 'book', product_ids: [SYMBOL] });
		assert.deepEqual(await probe.next(isEvent('unsubscribed')), {
			event: 'unsubscribed',
			feed: 'book',
			product_ids: [SYMBOL],
		});
	});

	it('answers protocol pings', async () => {
		const probe = await open();
		const pong = new Promise<Buffer>((resolve) => probe.socket.once('pong', resolve));
		probe.socket.ping('are-you-there');
		assert.equal((await pong).toString(), 'are-you-there');
	});

	it('refuses upgrades on other paths', async () => {
		await assert.rejects(WsProbe.open(server.wsUrl.replace('/ws/v1', '/ws/v2')));
	});
});
