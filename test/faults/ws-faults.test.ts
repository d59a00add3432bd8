import assert from 'node:assert/strict';
import { once } from 'node:events';
import {
	KrakenFuturesRestClient,
	KrakenFuturesWsClient,
	type KrakenFill,
	type SendOrderRequest,
} from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { waitFor } from './support/capture';

const DROPS = 50;

describe('faults: WebSocket drops and silent sockets (core client)', function () {
	this.timeout(30_000);
	let server: PaperExchangeServer;
	let rest: KrakenFuturesRestClient;
	let ws: KrakenFuturesWsClient;

	beforeEach(async () => {
		server = await startPaperExchange({
			port: 0,
			seed: 66,
			clock: false,
			rateLimitWindowMs: 50,
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

	it(`loses no fill and delivers none twice across ${DROPS} forced drops`, async () => {
		const truth: string[] = [];
		server.exchange.on('fill', (_account: string, fill: { fill_id: string }) => truth.push(fill.fill_id));
		const delivered: KrakenFill[] = [];
		ws.onFill((fill) => delivered.push(fill));
		await once(ws, 'open');
		await rest.instruments.refresh();
		const market = (side: 'buy' | 'sell'): SendOrderRequest => ({
			orderType: 'mkt',
			symbol: 'PF_XBTUSD',
			side,
			size: 0.001,
		});
		for (let drop = 0; drop < DROPS; drop++) {
			await rest.sendOrder(market('buy'));
			const reconnected = once(ws, 'reconnected');
			server.faults.dropConnections();
			// This fill happens while the client is disconnected: only REST can bring it back.
			await rest.sendOrder(market('sell'));
			await reconnected;
		}
		assert.ok(truth.length >= DROPS * 2, `the exchange made ${truth.length} fills`);
		await waitFor(
			() => delivered.length >= truth.length,
			10_000,
			`${truth.length} fills (got ${delivered.length})`,
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const ids = delivered.map((fill) => fill.fill_id);
		assert.equal(new Set(ids).size, ids.length, 'a fill was delivered twice');
		assert.deepEqual([...ids].sort(), [...truth].sort());
		assert.ok(
			delivered.some((fill) => fill.source === 'rest'),
			'fills made while disconnected came back through REST',
		);
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
		// Stale after 200 ms of silence; the timer may have been refreshed just before the silence.
		assert.ok(detectedAfter <= 200 + 100, `detected after ${detectedAfter} ms`);
		await once(ws, 'reconnected');
		const before = heartbeats;
		await waitFor(() => heartbeats > before, 2_000, 'heartbeats on the new socket');
		assert.ok(Date.now() - silencedAt < 1_000, 'replaced within a second');
	});
});
