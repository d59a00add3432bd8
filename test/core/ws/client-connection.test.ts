import assert from 'node:assert/strict';
import { KrakenWsError } from '../../../core/errors';
import { computeChallengeSignature } from '../../../core/sign';
import { KrakenFuturesWsClient } from '../../../core/ws/client';
import type { ReconnectingEvent, WsClientState } from '../../../core/ws/types';
import { TEST_CREDENTIALS } from './support/credentials';
import { delay, ScriptedServer, waitUntil } from './support/scripted-server';

const FAST = { pingIntervalMs: 40, staleAfterMs: 300, reconnectDelayMs: { initial: 20, max: 80 } };

/** Counts of the libuv resources that a leaked socket or timer would leave behind. */
function handleCounts(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
	return counts;
}

describe('KrakenFuturesWsClient connection (scripted server)', () => {
	let server: ScriptedServer;
	let client: KrakenFuturesWsClient | undefined;

	afterEach(async () => {
		await client?.close();
		client = undefined;
		await server?.close();
	});

	it('after a server-side drop reconnects with backoff, asks a fresh challenge and resubscribes everything', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, ...FAST });
		const states: WsClientState[] = [];
		const reconnecting: ReconnectingEvent[] = [];
		let reconnected = 0;
		client.on('state', (state: WsClientState) => states.push(state));
		client.on('reconnecting', (event: ReconnectingEvent) => reconnecting.push(event));
		client.on('reconnected', () => reconnected++);
		client.subscribe('ticker', ['PF_XBTUSD', 'PF_ETHUSD'], () => undefined);
		client.subscribe('balances', undefined, () => undefined);
		const first = await server.connection(1);
		await waitUntil(() => first.received.filter((m) => m.event === 'subscribe').length === 2);

		server.dropAll();
		const second = await server.connection(2);
		await waitUntil(() => second.received.filter((m) => m.event === 'subscribe').length === 2);
		assert.equal(reconnecting.length, 1);
		assert.equal(reconnecting[0].attempt, 1);
		assert.ok(
			reconnecting[0].delayMs >= 10 && reconnecting[0].delayMs <= 20,
			`delay ${reconnecting[0].delayMs}`,
		);
		await waitUntil(() => reconnected === 1);
		assert.deepEqual(states, ['connecting', 'open', 'reconnecting', 'open']);

		assert.ok(second.challenge && second.challenge !== first.challenge, 'a new challenge on the new socket');
		const ticker = second.received.find((m) => m.feed === 'ticker');
		assert.deepEqual(ticker, { event: 'subscribe', feed: 'ticker', product_ids: ['PF_XBTUSD', 'PF_ETHUSD'] });
		const balances = second.received.find((m) => m.feed === 'balances');
		assert.equal(balances?.original_challenge, second.challenge);
		assert.equal(
			balances?.signed_challenge,
			computeChallengeSignature(second.challenge, TEST_CREDENTIALS.apiSecret),
		);
	});

	it('replaces a socket whose server never answers the challenge, and subscribes on the next one', async () => {
		let connections = 0;
		server = await ScriptedServer.start({
			// The first connection swallows the challenge request; later ones answer as Kraken does.
			onMessage: (connection, message) => message.event === 'challenge' && connection.index === 0,
		});
		server.on('connection', () => connections++);
		client = new KrakenFuturesWsClient({
			wsUrl: server.url,
			credentials: TEST_CREDENTIALS,
			...FAST,
			// Long enough for a loaded machine to finish a handshake that is answered.
			connectTimeoutMs: 1_000,
		});
		client.subscribe('balances', undefined, () => undefined);
		const second = await server.connection(2);
		await waitUntil(() => second.received.some((m) => m.event === 'subscribe' && m.feed === 'balances'));
		assert.equal(server.connections[0].received.filter((m) => m.event === 'subscribe').length, 0);
		assert.equal(connections, 2);
	});

	it('backs off exponentially while the server is unreachable', async () => {
		server = await ScriptedServer.start();
		const url = server.url;
		await server.close();
		client = new KrakenFuturesWsClient({ wsUrl: url, ...FAST, reconnectDelayMs: { initial: 10, max: 40 } });
		const delays: number[] = [];
		client.on('reconnecting', (event: ReconnectingEvent) => delays.push(event.delayMs));
		client.subscribe('heartbeat', undefined, () => undefined);
		await waitUntil(() => delays.length >= 5, 3000);
		assert.ok(delays[0] >= 5 && delays[0] <= 10, `first ${delays[0]}`);
		assert.ok(delays[1] >= 10 && delays[1] <= 20, `second ${delays[1]}`);
		assert.ok(delays[4] >= 20 && delays[4] <= 40, `capped ${delays[4]}`);
		assert.equal(client.state, 'reconnecting');
	});

	it('terminates a socket that went silent (no pongs, no frames) and replaces it', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, ...FAST });
		client.subscribe('ticker', ['PF_XBTUSD'], () => undefined);
		const first = await server.connection(1);
		await server.message((m) => m.event === 'subscribe');
		let pings = 0;
		first.socket.on('ping', () => pings++);
		await waitUntil(() => pings >= 2, 1000, 'protocol pings');

		const silentSince = Date.now();
		first.silent = true;
		let closedAfter = 0;
		server.once('disconnect', () => (closedAfter = Date.now() - silentSince));
		const second = await server.connection(2, 2000);
		assert.ok(closedAfter >= 250, `closed after ${closedAfter} ms, stale is 300 ms`);
		await waitUntil(() => second.received.some((m) => m.event === 'subscribe'));
	});

	it('stays connected while pongs come back even when no data flows', async () => {
		server = await ScriptedServer.start();
		// Three stale periods of silence on the feed, each a second: a busy machine that holds up a
		// pong for a moment does not look like a dead socket.
		client = new KrakenFuturesWsClient({ wsUrl: server.url, ...FAST, staleAfterMs: 1_000 });
		client.subscribe('heartbeat', undefined, () => undefined);
		await server.connection(1);
		await delay(3_000);
		assert.equal(server.connections.length, 1);
		assert.equal(client.state, 'open');
	});

	it('surfaces alerts and errors: benign "Already subscribed" is ignored, an auth failure names the key problem', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, ...FAST });
		const alerts: KrakenWsError[] = [];
		const errors: KrakenWsError[] = [];
		client.on('alert', (error: KrakenWsError) => alerts.push(error));
		client.on('error', (error: KrakenWsError) => errors.push(error));
		client.subscribe('heartbeat', undefined, () => undefined);
		const connection = await server.connection(1);
		await server.message((m) => m.event === 'subscribe');
		connection.send({ event: 'alert', message: 'Already subscribed to feed, re-requesting' });
		connection.send({ event: 'alert', message: "Couldn't subscribe to invalid product `PF_NOPE`" });
		connection.send({ event: 'error', message: 'Invalid product id' });
		connection.send({ event: 'alert', message: 'Failed to subscribe to authenticated feed' });
		await waitUntil(() => errors.length === 2);
		assert.equal(alerts.length, 2);
		assert.match(alerts[0].message, /invalid product `PF_NOPE`/);
		assert.ok(errors.every((error) => error instanceof KrakenWsError && error.code === 'KRAKEN_WS'));
		assert.match(errors[0].message, /Invalid product id/);
		assert.match(errors[1].message, /Futures keys/);
		assert.match(errors[1].message, /Spot keys do not work/);
		assert.equal(errors[1].field, 'apiKey');
	});

	it('close() leaves no socket and no timer behind', async () => {
		server = await ScriptedServer.start();
		const before = handleCounts();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, ...FAST });
		client.subscribe('ticker', ['PF_XBTUSD'], () => undefined);
		client.subscribe('open_orders', undefined, () => undefined);
		await server.message((m) => m.event === 'subscribe' && m.feed === 'open_orders');
		const during = handleCounts();
		assert.ok((during.Timeout ?? 0) > (before.Timeout ?? 0), 'the heartbeat runs while open');
		let closeEvents = 0;
		client.on('close', () => closeEvents++);
		const disconnected = new Promise((resolve) => server.once('disconnect', resolve));
		await client.close();
		await disconnected;
		assert.equal(client.state, 'closed');
		assert.equal(closeEvents, 1);
		// Checked right away: a leaked ping interval or stale timer (300 ms) would still be counted.
		await delay(20);
		const after = handleCounts();
		assert.equal(after.Timeout ?? 0, before.Timeout ?? 0, 'timers');
		assert.equal(after.TCPSocketWrap ?? 0, before.TCPSocketWrap ?? 0, 'sockets');
		await delay(200);
		assert.equal(server.connections.length, 1, 'no reconnect after close');
		assert.throws(() => client!.subscribe('heartbeat', undefined, () => undefined), KrakenWsError);
	});

	it('close() during a reconnect wait cancels the pending attempt', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({
			wsUrl: server.url,
			...FAST,
			reconnectDelayMs: { initial: 300, max: 300 },
		});
		client.subscribe('heartbeat', undefined, () => undefined);
		await server.connection(1);
		server.dropAll();
		await waitUntil(() => client!.state === 'reconnecting');
		await client.close();
		await delay(400);
		assert.equal(server.connections.length, 1);
	});
});
