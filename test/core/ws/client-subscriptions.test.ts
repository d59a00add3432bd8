import assert from 'node:assert/strict';
import { computeChallengeSignature } from '../../../core/sign';
import { KrakenConfigError, KrakenValidationError } from '../../../core/errors';
import { KrakenFuturesWsClient } from '../../../core/ws/client';
import type { WsFeedMessage } from '../../../core/ws/types';
import { recordingLogger, TEST_CREDENTIALS } from './support/credentials';
import { delay, ScriptedServer, waitUntil, type Json } from './support/scripted-server';

describe('KrakenFuturesWsClient subscriptions (scripted server)', () => {
	let server: ScriptedServer;
	let client: KrakenFuturesWsClient | undefined;

	afterEach(async () => {
		await client?.close();
		client = undefined;
		await server?.close();
	});

	it('connects lazily, on the first subscribe only', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url });
		await delay(50);
		assert.equal(server.connections.length, 0);
		assert.equal(client.state, 'idle');
		client.subscribe('heartbeat', undefined, () => undefined);
		await server.connection(1);
		await server.message((m) => m.event === 'subscribe' && m.feed === 'heartbeat');
		assert.equal(client.state, 'open');
	});

	it('signs a challenge and puts api_key, original_challenge and signed_challenge in private subscribe and unsubscribe', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS });
		const subscription = client.subscribe('open_orders', undefined, () => undefined);
		const challengeRequest = await server.message((m) => m.event === 'challenge');
		assert.deepEqual(challengeRequest, { event: 'challenge', api_key: TEST_CREDENTIALS.apiKey });
		const subscribe = await server.message((m) => m.event === 'subscribe');
		const challenge = server.last.challenge as string;
		assert.deepEqual(subscribe, {
			event: 'subscribe',
			feed: 'open_orders',
			api_key: TEST_CREDENTIALS.apiKey,
			original_challenge: challenge,
			signed_challenge: computeChallengeSignature(challenge, TEST_CREDENTIALS.apiSecret),
		});
		subscription.unsubscribe();
		const unsubscribe = await server.message((m) => m.event === 'unsubscribe');
		assert.equal(unsubscribe.original_challenge, challenge);
		assert.equal(unsubscribe.signed_challenge, subscribe.signed_challenge);
		assert.equal(server.allReceived().filter((m) => m.event === 'challenge').length, 1);
	});

	it('shares one server subscription per (feed, product) and unsubscribes with the last consumer', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url });
		const first: WsFeedMessage[] = [];
		const second: WsFeedMessage[] = [];
		const a = client.subscribe('ticker', ['PF_XBTUSD'], (m) => first.push(m));
		await server.message((m) => m.event === 'subscribe');
		const b = client.subscribe('ticker', ['PF_XBTUSD', 'PF_ETHUSD'], (m) => second.push(m));
		await server.message((m) => m.event === 'subscribe' && (m.product_ids as string[]).includes('PF_ETHUSD'));
		const subscribes = server.allReceived().filter((m) => m.event === 'subscribe');
		assert.deepEqual(
			subscribes.map((m) => m.product_ids),
			[['PF_XBTUSD'], ['PF_ETHUSD']],
		);

		server.broadcast({ feed: 'ticker', product_id: 'PF_XBTUSD', bid: 1, ask: 2 });
		server.broadcast({ feed: 'ticker', product_id: 'PF_ETHUSD', bid: 3, ask: 4 });
		await waitUntil(() => second.length === 2);
		assert.deepEqual(
			first.map((m) => m.product_id),
			['PF_XBTUSD'],
		);

		a.unsubscribe();
		a.unsubscribe();
		await delay(50);
		assert.equal(server.allReceived().filter((m) => m.event === 'unsubscribe').length, 0);
		b.unsubscribe();
		await waitUntil(() => server.allReceived().filter((m) => m.event === 'unsubscribe').length === 2);
		const unsubscribed = server
			.allReceived()
			.filter((m) => m.event === 'unsubscribe')
			.flatMap((m) => m.product_ids as string[])
			.sort();
		assert.deepEqual(unsubscribed, ['PF_ETHUSD', 'PF_XBTUSD']);
	});

	it('hands a late consumer the latest ticker and the current book (snapshot plus deltas)', async () => {
		server = await ScriptedServer.start({
			afterSubscribe: (connection, message) => {
				if (message.feed === 'book') {
					connection.send({
						feed: 'book_snapshot',
						product_id: 'PF_XBTUSD',
						seq: 1,
						timestamp: 1000,
						tickSize: null,
						bids: [
							{ price: 100, qty: 1 },
							{ price: 99, qty: 2 },
						],
						asks: [{ price: 101, qty: 3 }],
					});
				}
				if (message.feed === 'ticker') {
					connection.send({ feed: 'ticker', product_id: 'PF_XBTUSD', bid: 100, ask: 101, time: 1 });
				}
			},
		});
		client = new KrakenFuturesWsClient({ wsUrl: server.url });
		const early: WsFeedMessage[] = [];
		client.subscribe('book', ['PF_XBTUSD'], (m) => early.push(m));
		client.subscribe('ticker', ['PF_XBTUSD'], () => undefined);
		await waitUntil(() => early.length === 1);
		server.broadcast({
			feed: 'book',
			product_id: 'PF_XBTUSD',
			side: 'buy',
			seq: 2,
			price: 99,
			qty: 0,
			timestamp: 1001,
		});
		server.broadcast({
			feed: 'book',
			product_id: 'PF_XBTUSD',
			side: 'sell',
			seq: 3,
			price: 102,
			qty: 5,
			timestamp: 1002,
		});
		server.broadcast({ feed: 'ticker', product_id: 'PF_XBTUSD', bid: 100.5, ask: 101, time: 2 });
		await waitUntil(() => early.length === 3);
		await delay(20);

		const late: WsFeedMessage[] = [];
		client.subscribe('book', ['PF_XBTUSD'], (m) => late.push(m));
		client.subscribe('ticker', ['PF_XBTUSD'], (m) => late.push(m));
		assert.equal(late.length, 0, 'replay happens after subscribe() returns');
		await waitUntil(() => late.length === 2);
		assert.deepEqual(late[0], {
			feed: 'book_snapshot',
			product_id: 'PF_XBTUSD',
			timestamp: 1002,
			seq: 3,
			tickSize: null,
			bids: [{ price: 100, qty: 1 }],
			asks: [
				{ price: 101, qty: 3 },
				{ price: 102, qty: 5 },
			],
		});
		assert.equal(late[1].bid, 100.5);
		assert.equal(server.allReceived().filter((m) => m.event === 'subscribe').length, 2);
	});

	it('filters fills by product locally for a consumer that asked for some products', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS });
		const eth: WsFeedMessage[] = [];
		client.subscribe('fills', ['PF_ETHUSD'], (m) => eth.push(m));
		const subscribe = await server.message((m) => m.event === 'subscribe');
		assert.equal(subscribe.product_ids, undefined, 'the server subscription stays account-wide');
		server.broadcast({ feed: 'fills', fills: [{ instrument: 'PF_XBTUSD', fill_id: 'x' }] });
		server.broadcast({
			feed: 'fills',
			fills: [
				{ instrument: 'PF_ETHUSD', fill_id: 'e' },
				{ instrument: 'PF_XBTUSD', fill_id: 'y' },
			],
		});
		await waitUntil(() => eth.length === 1);
		await delay(20);
		assert.deepEqual(eth, [{ feed: 'fills', fills: [{ instrument: 'PF_ETHUSD', fill_id: 'e' }] }]);
	});

	it('refuses bad input before connecting: unknown feed, missing product ids, private feed without keys', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url });
		const noop = (): void => undefined;
		assert.throws(
			() => client!.subscribe('tickers' as never, ['PF_XBTUSD'], noop),
			(error: unknown) => error instanceof KrakenValidationError && error.field === 'feed',
		);
		assert.throws(
			() => client!.subscribe('book', undefined, noop),
			(error: unknown) => error instanceof KrakenValidationError && error.field === 'productIds',
		);
		assert.throws(
			() => client!.subscribe('balances', undefined, noop),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'apiKey',
		);
		assert.throws(
			() => client!.onFill(noop),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'apiKey',
		);
		assert.throws(
			() => new KrakenFuturesWsClient({ wsUrl: 'http://127.0.0.1:1' }),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'wsUrl',
		);
		assert.throws(
			() => new KrakenFuturesWsClient({ wsUrl: server.url, staleAfterMs: 0 }),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'staleAfterMs',
		);
		await delay(50);
		assert.equal(server.connections.length, 0);
	});

	it('keeps the secret out of everything it logs', async () => {
		const { lines, logger } = recordingLogger();
		server = await ScriptedServer.start({
			onMessage: (connection, message: Json) => {
				if (message.event !== 'subscribe') return false;
				connection.send({ event: 'alert', message: 'Failed to subscribe to authenticated feed' });
				return true;
			},
		});
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, logger });
		client.subscribe('balances', undefined, () => undefined);
		await waitUntil(() => lines.some((line) => line.startsWith('error')));
		server.dropAll();
		await waitUntil(() => lines.some((line) => line.includes('reconnecting')));
		assert.ok(lines.length > 0);
		for (const line of lines) assert.ok(!line.includes(TEST_CREDENTIALS.apiSecret), line);
	});
});
