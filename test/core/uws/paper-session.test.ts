import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { KrakenFuturesRestClient } from '../../../core';
import {
	KrakenOrderOutcomeUnknownError,
	KrakenOrderRejectedError,
	KrakenUnavailableError,
} from '../../../core/errors';
import type { FillGapEvent } from '../../../core/stream';
import { KrakenUwsSession } from '../../../core/uws/session';
import { KrakenUwsStreamClient } from '../../../core/uws/stream-client';
import type { KrakenFill, WsFeedMessage } from '../../../core/ws/types';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { delay, waitFor } from './support/scripted-uws';
import { accountFeedLive, FILL_FEEDS } from '../../support/account-feeds';

const LIMIT_BUY = {
	asset_class: 'derivatives',
	order_type: 'limit',
	side: 'buy',
	order_qty: 0.001,
	symbol: 'PF_XBTUSD',
	limit_price: 1_000,
};

/** The paper account's open orders with this cliOrdId (REST v3 shape). */
function openWith(server: PaperExchangeServer, cliOrdId: string): unknown[] {
	const payload = server.exchange.getOpenOrders(server.keys[0].accountId) as {
		openOrders?: { cliOrdId?: string }[];
	};
	return (payload.openOrders ?? []).filter((order) => order.cliOrdId === cliOrdId);
}

function sessionOptions(server: PaperExchangeServer) {
	return {
		publicUrl: server.uwsPublicUrl,
		privateUrl: server.uwsPrivateUrl,
		spotRestUrl: server.spotRestUrl,
		credentials: { apiKey: server.spotApiKey, apiSecret: server.spotApiSecret },
		requestTimeoutMs: 5_000,
		reconnectDelayMs: { initial: 5, max: 20 },
	};
}

describe('core/uws against the paper exchange’s Unified WebSocket', function () {
	this.timeout(60_000);
	let server: PaperExchangeServer;
	let session: KrakenUwsSession;

	beforeEach(async () => {
		// A 1 ms rate-limit window: order bursts sent with the client limiter off never meet the budget, however fast the machine.
		server = await startPaperExchange({ port: 0, seed: 5, clock: false, rateLimitWindowMs: 1 });
		session = new KrakenUwsSession(sessionOptions(server));
	});

	afterEach(async () => {
		await session.close();
		await server.stop();
	});

	it('places an order through request() and gets Kraken’s ack with an order id', async () => {
		const ack = await session.request<{ order_id: string }>('add_order', {
			...LIMIT_BUY,
			cl_ord_id: 'paper-1',
		});
		assert.equal(ack.method, 'add_order');
		assert.match(ack.result?.order_id ?? '', /^[0-9a-f-]{36}$/);
	});

	it('an expired token is refreshed and the request re-sent; the paper exchange sees one order', async () => {
		await session.request('add_order', LIMIT_BUY);
		server.faults.expireUwsTokens();
		const ack = await session.request<{ order_id: string }>('add_order', {
			...LIMIT_BUY,
			cl_ord_id: 'after-expiry',
		});
		assert.ok(ack.result?.order_id);
		assert.equal(openWith(server, 'after-expiry').length, 1);
	});

	it('status cancel_only refuses an order before sending; the engine never sees it', async () => {
		await session.request('cancel_all', { asset_class: 'derivatives' });
		const seen = once(session, 'status');
		server.uws.setSystemStatus('cancel_only');
		await seen;
		await assert.rejects(
			session.request('add_order', { ...LIMIT_BUY, cl_ord_id: 'refused' }),
			KrakenUnavailableError,
		);
		server.uws.setSystemStatus('online');
		await delay(100);
		assert.equal(openWith(server, 'refused').length, 0);
	});

	it('a request the exchange never answers times out by req_id as outcome unknown', async () => {
		await session.request('cancel_all', { asset_class: 'derivatives' });
		server.faults.loseUwsAnswer({ method: 'add_order' });
		await assert.rejects(
			session.request('add_order', { ...LIMIT_BUY, cl_ord_id: 'lost-answer' }, { timeoutMs: 500 }),
			KrakenOrderOutcomeUnknownError,
		);
		assert.equal(openWith(server, 'lost-answer').length, 1, 'it was placed after all');
	});

	it('each per-symbol trade subscriber gets its own snapshot, an empty one included', async () => {
		const stream = new KrakenUwsStreamClient({ session });
		try {
			// The paper markets have traded nothing yet: both snapshots come empty and name no symbol.
			const messages: WsFeedMessage[] = [];
			stream.subscribe('trade', ['PF_XBTUSD'], (message) => messages.push(message));
			stream.subscribe('trade', ['PF_ETHUSD'], (message) => messages.push(message));
			await waitFor(() => messages.length === 2, 5_000, 'two trade snapshots');
			assert.deepEqual(
				messages.map(({ feed, product_id, trades }) => ({ feed, product_id, trades })),
				[
					{ feed: 'trade_snapshot', product_id: 'PF_XBTUSD', trades: [] },
					{ feed: 'trade_snapshot', product_id: 'PF_ETHUSD', trades: [] },
				],
			);
			// A market subscribed later gets its own (empty) snapshot, and the others get nothing more.
			const later: WsFeedMessage[] = [];
			stream.subscribe('trade', ['PF_SOLUSD'], (message) => later.push(message));
			await waitFor(() => later.length === 1, 5_000, 'the third snapshot');
			assert.equal(later[0].product_id, 'PF_SOLUSD');
			assert.equal(messages.length, 2, 'no snapshot went to the wrong subscriber');
		} finally {
			await stream.close();
		}
	});

	it('a refusal maps to the error classes, with the engine’s string kept', async () => {
		server.faults.rejectNextOrder('insufficientAvailableFunds');
		await assert.rejects(session.request('add_order', LIMIT_BUY), (error: unknown) => {
			assert.ok(error instanceof KrakenOrderRejectedError);
			assert.equal(error.krakenError, 'EOrder:Insufficient funds');
			return true;
		});
	});

	it('reports a possible fill gap when more fills happened during an outage than the snapshot returns', async () => {
		const rest = new KrakenFuturesRestClient({
			restUrl: server.restUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
			rateLimit: false,
		});
		const stream = new KrakenUwsStreamClient({ session });
		try {
			await rest.instruments.refresh();
			const truth: string[] = [];
			server.exchange.on('fill', (_account: string, fill: { fill_id: string }) => truth.push(fill.fill_id));
			const fills: KrakenFill[] = [];
			const gaps: FillGapEvent[] = [];
			stream.on('fill-gap', (gap) => gaps.push(gap));
			stream.onFill((fill) => fills.push(fill));
			await once(session, 'open');
			await accountFeedLive(server, FILL_FEEDS);
			await rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001 });
			await waitFor(() => fills.length === truth.length && truth.length > 0, 10_000, 'a live fill');
			// Silent sockets deliver nothing: these fills happen while the client hears nothing.
			server.faults.stopAnsweringPings();
			const outageStart = truth.length;
			while (truth.length - outageStart < 60) {
				await rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'sell', size: 0.001 });
			}
			server.faults.stopAnsweringPings(false);
			const reconnected = once(stream, 'reconnected');
			server.faults.dropConnections();
			await reconnected;
			await waitFor(() => gaps.length === 1, 10_000, 'the gap event');
			assert.equal(gaps[0].snapshotSize, 50);
			await delay(200);
			const ids = fills.map((fill) => fill.fill_id);
			assert.equal(new Set(ids).size, ids.length, 'nothing delivered twice');
			assert.ok(ids.every((id) => truth.includes(id)));
			const missed = truth.filter((id) => !ids.includes(id));
			assert.ok(missed.length >= 10, `the outage lost ${missed.length} fills beyond the snapshot`);
			assert.ok(
				missed.every((id) => truth.indexOf(id) < truth.indexOf(ids[ids.length - 50])),
				'only fills older than the snapshot are missing',
			);
		} finally {
			await stream.close();
			await rest.close();
		}
	});
});
