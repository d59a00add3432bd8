import assert from 'node:assert/strict';
import { once } from 'node:events';
import { KrakenFuturesRestClient, KrakenFuturesWsClient } from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { waitFor } from './support/capture';

describe('faults: silent sockets (core client; drops are in test/core/uws/stream-cases)', function () {
	this.timeout(30_000);
	let server: PaperExchangeServer;
	let rest: KrakenFuturesRestClient;
	let ws: KrakenFuturesWsClient;

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
		ws = new KrakenFuturesWsClient({
			wsUrl: server.wsUrl,
			credentials,
			restClient: rest,
			pingIntervalMs: 40,
			staleAfterMs: 200,
			reconnectDelayMs: { initial: 5, max: 20 },
		});
	});

	afterEach(async () => {
		await ws.close();
		await rest.close();
		await server.stop();
	});

	it('replaces a socket that goes silent within the configured bound', async () => {
		let heartbeats = 0;
		ws.subscribe('heartbeat', undefined, () => (heartbeats += 1));
		await once(ws, 'open');
		await waitFor(() => heartbeats > 0, 2_000, 'a first heartbeat');
		const silencedAt = Date.now();
		const reconnecting = once(ws, 'reconnecting');
		server.faults.stopAnsweringPings();
		await reconnecting;
		const detectedAfter = Date.now() - silencedAt;
		// Stale after 200 ms of silence. The bound only tells the configured time from the 30 s
		// default, with room for a busy machine.
		assert.ok(detectedAfter < 5_000, `detected after ${detectedAfter} ms`);
		await once(ws, 'reconnected');
		const before = heartbeats;
		await waitFor(() => heartbeats > before, 2_000, 'heartbeats on the new socket');
		assert.ok(Date.now() - silencedAt < 10_000, 'replaced long before the 30 s default would notice');
	});
});
