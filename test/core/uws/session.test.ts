import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import {
	KrakenAuthError,
	KrakenNetworkError,
	KrakenOrderOutcomeUnknownError,
	KrakenOrderRejectedError,
	KrakenTimeoutError,
	KrakenUnavailableError,
	KrakenValidationError,
	KrakenWsError,
} from '../../../core/errors';
import { KrakenUwsSession, type UwsSessionOptions } from '../../../core/uws/session';
import type { UwsPush } from '../../../core/uws/envelope';
import {
	ack,
	delay,
	type Json,
	refusal,
	ScriptedUws,
	SPOT_CREDENTIALS,
	waitFor,
} from './support/scripted-uws';

const FAST = {
	requestTimeoutMs: 2_000,
	connectTimeoutMs: 2_000,
	statusWaitMs: 300,
	reconnectDelayMs: { initial: 5, max: 20 },
};

function sessionFor(server: ScriptedUws, extra: Partial<UwsSessionOptions> = {}): KrakenUwsSession {
	return new KrakenUwsSession({
		publicUrl: server.publicUrl,
		privateUrl: server.privateUrl,
		spotRestUrl: server.restUrl,
		credentials: SPOT_CREDENTIALS,
		...FAST,
		...extra,
	});
}

describe('core/uws/session: KrakenUwsSession against a scripted Unified WebSocket', function () {
	this.timeout(20_000);
	let server: ScriptedUws;
	let session: KrakenUwsSession | undefined;

	afterEach(async () => {
		await session?.close();
		session = undefined;
		await server.stop();
	});

	it('sends {method, params, req_id} with the token added, and resolves with the ack of that req_id', async () => {
		server = await ScriptedUws.start();
		session = sessionFor(server);
		const params = { asset_class: 'derivatives', order_type: 'limit', symbol: 'PF_XBTUSD' };
		const [first, second] = await Promise.all([
			session.request<{ order_id: string }>('add_order', params),
			session.request<{ order_id: string }>('add_order', params),
		]);
		const sent = server.allReceived('add_order');
		assert.equal(sent.length, 2);
		assert.notEqual(first.req_id, second.req_id, 'req_ids are unique');
		assert.deepEqual(
			sent.map((message) => message.req_id),
			[first.req_id, second.req_id],
		);
		assert.equal(first.result?.order_id, `order-${first.req_id}`);
		assert.equal((sent[0].params as Json).token, server.tokensIssued[0]);
		assert.equal((params as Json).token, undefined, 'the caller’s params are not modified');
		assert.equal(first.raw.method, 'add_order');
	});

	it('keeps one subscription on the private socket: executions with snap_trades, first thing after connect', async () => {
		server = await ScriptedUws.start();
		session = sessionFor(server);
		await session.request('cancel_all', { asset_class: 'derivatives' });
		const first = server.lastOf('private').received.find((message) => message.method !== 'ping');
		assert.equal(first?.method, 'subscribe');
		const params = first?.params as Json;
		assert.equal(params.channel, 'executions');
		assert.equal(params.snap_trades, true);
		assert.equal(params.token, server.tokensIssued[0]);
		assert.equal(server.of('public').length, 0, 'the public socket opens only when used');
	});

	it('matches replies by req_id even when they arrive out of order', async () => {
		const held: Json[] = [];
		server = await ScriptedUws.start({
			onRequest: (connection, message) => {
				if (message.method !== 'amend_order') return false;
				held.push(message);
				if (held.length === 2) {
					connection.send(ack(held[1], { which: 'second' }));
					connection.send(ack(held[0], { which: 'first' }));
				}
				return true;
			},
		});
		session = sessionFor(server);
		const [a, b] = await Promise.all([
			session.request<{ which: string }>('amend_order', { order_id: 'a' }),
			session.request<{ which: string }>('amend_order', { order_id: 'b' }),
		]);
		assert.equal(a.result?.which, 'first');
		assert.equal(b.result?.which, 'second');
	});

	it('a request written but never answered times out by its req_id, outcome unknown; others still settle', async () => {
		server = await ScriptedUws.start({
			onRequest: (_connection, message) => message.method === 'add_order',
		});
		session = sessionFor(server);
		const started = Date.now();
		const lost = session.request(
			'add_order',
			{ symbol: 'PF_XBTUSD', cl_ord_id: 'lost-1' },
			{ timeoutMs: 300 },
		);
		const answered = session.request('cancel_all', { asset_class: 'derivatives' });
		await assert.rejects(lost, (error: unknown) => {
			// The same error the legacy transport gives for an order whose answer was lost.
			assert.ok(error instanceof KrakenOrderOutcomeUnknownError);
			assert.equal(error.code, 'KRAKEN_OUTCOME_UNKNOWN');
			assert.equal(error.action, 'send');
			assert.equal(error.cliOrdId, 'lost-1');
			assert.ok(error.cause instanceof KrakenTimeoutError, 'caused by the timeout');
			const written = server.allReceived('add_order')[0];
			assert.match(error.message, new RegExp(`req_id ${written.req_id}\\b`), 'names the req_id written');
			assert.match(error.message, /NOT re-sent/);
			return true;
		});
		assert.ok(Date.now() - started >= 290, 'not before its timeout');
		assert.equal((await answered).method, 'cancel_all');
		assert.equal(server.allReceived('add_order').length, 1, 'never re-sent');
	});

	it('an unanswered dry run or call that changes no order is a timeout, not an unknown outcome', async () => {
		server = await ScriptedUws.start({ onRequest: () => true });
		session = sessionFor(server);
		for (const [method, params] of [
			['add_order', { symbol: 'PF_XBTUSD', validate: true }],
			['query_something', {}],
		] as const) {
			await assert.rejects(session.request(method, params, { timeoutMs: 200 }), (error: unknown) => {
				assert.ok(error instanceof KrakenTimeoutError, method);
				assert.ok(!(error instanceof KrakenOrderOutcomeUnknownError), method);
				assert.match(error.message, /req_id \d+/);
				return true;
			});
		}
	});

	it('a success:false reply rejects with the mapped error, keeping Kraken’s string', async () => {
		server = await ScriptedUws.start({
			onRequest: (connection, message) => {
				if (message.method !== 'add_order') return false;
				connection.send(refusal(message, 'EOrder:Insufficient funds'));
				return true;
			},
		});
		session = sessionFor(server);
		await assert.rejects(session.request('add_order', { cl_ord_id: 'mine-1' }), (error: unknown) => {
			assert.ok(error instanceof KrakenOrderRejectedError);
			assert.equal(error.krakenError, 'EOrder:Insufficient funds');
			assert.equal(error.cliOrdId, 'mine-1');
			return true;
		});
	});

	it('refuses bad input with a clear error and sends nothing', async () => {
		server = await ScriptedUws.start();
		session = sessionFor(server);
		for (const method of ['', 'Add_order', 'add-order', 'add order', 'add_order\n', 'ping2', 'ädd_order']) {
			await assert.rejects(session.request(method, {}), (error: unknown) => {
				return error instanceof KrakenValidationError && error.field === 'method';
			});
		}
		await assert.rejects(session.request('add_order', null as unknown as Json), KrakenValidationError);
		await assert.rejects(session.request('add_order', { token: 'x' }), (error: unknown) => {
			return error instanceof KrakenValidationError && error.field === 'params.token';
		});
		await delay(50);
		assert.equal(server.connections.length, 0, 'no socket was even opened');
		assert.equal(server.tokenRequests, 0);
	});

	describe('status channel', () => {
		it('cancel_only refuses an order before sending it, allows cancels, and follows status changes', async () => {
			server = await ScriptedUws.start({ system: 'cancel_only' });
			session = sessionFor(server);
			await assert.rejects(session.request('add_order', { order_type: 'limit' }), (error: unknown) => {
				assert.ok(error instanceof KrakenUnavailableError);
				assert.match(error.message, /cancel_only/);
				return true;
			});
			assert.equal(server.allReceived('add_order').length, 0, 'nothing was sent');
			assert.equal(session.status?.system, 'cancel_only');
			assert.equal(session.orderCallVerdict('add_order').allowed, false);
			assert.equal(session.orderCallVerdict('cancel_order').allowed, true);
			await session.request('cancel_order', { order_id: ['x'] });
			assert.equal(server.allReceived('cancel_order').length, 1);

			const statusSeen = once(session, 'status');
			server.broadcast('private', {
				channel: 'status',
				type: 'update',
				data: [{ system: 'online', api_version: 'v2', version: '2.0.0' }],
			});
			await statusSeen;
			await session.request('add_order', { order_type: 'limit' });
			assert.equal(server.allReceived('add_order').length, 1);
		});

		it('post_only lets only post-only limit orders through; maintenance blocks cancels too', async () => {
			server = await ScriptedUws.start({ system: 'post_only' });
			session = sessionFor(server);
			await session.request('cancel_all', {});
			await assert.rejects(session.request('add_order', { order_type: 'market' }), KrakenUnavailableError);
			await session.request('add_order', { order_type: 'limit', post_only: true });
			assert.equal(server.allReceived('add_order').length, 1);
			server.broadcast('private', { channel: 'status', type: 'update', data: [{ system: 'maintenance' }] });
			await waitFor(() => session?.status?.system === 'maintenance', 2_000, 'maintenance status');
			await assert.rejects(session.request('cancel_all', {}), KrakenUnavailableError);
			assert.equal(server.allReceived('cancel_all').length, 1);
		});
	});

	describe('tokens', () => {
		it('a refused key says a Kraken API key with WebSocket access is needed, not a Futures key', async () => {
			server = await ScriptedUws.start();
			session = new KrakenUwsSession({
				publicUrl: server.publicUrl,
				privateUrl: server.privateUrl,
				spotRestUrl: server.restUrl,
				credentials: { apiKey: 'a-futures-key', apiSecret: SPOT_CREDENTIALS.apiSecret },
				...FAST,
			});
			session.on('error', () => undefined);
			await assert.rejects(session.request('add_order', {}), (error: unknown) => {
				assert.ok(error instanceof KrakenAuthError);
				assert.equal(error.krakenError, 'EAPI:Invalid key');
				assert.match(error.message, /Kraken API key/);
				assert.match(error.message, /WebSocket/);
				assert.match(error.message, /not a Kraken Futures API key/);
				assert.ok(!error.message.includes(SPOT_CREDENTIALS.apiSecret));
				return true;
			});
			assert.equal(server.of('private').length, 0, 'no private socket without a token');
		});

		it('signs GetWebSocketsToken with a strictly increasing nonce and fetches a fresh token per connection', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server);
			await session.request('cancel_all', {});
			const reconnected = once(session, 'reconnected');
			server.dropAll();
			await reconnected;
			await session.request('cancel_all', {});
			assert.equal(server.badSignatures, 0);
			assert.equal(server.tokensIssued.length, 2, 'one token per connection');
			const [first, second] = server.of('private');
			assert.equal((first.requests('subscribe')[0].params as Json).token, server.tokensIssued[0]);
			assert.equal((second.requests('subscribe')[0].params as Json).token, server.tokensIssued[1]);
			assert.equal((second.requests('cancel_all')[0].params as Json).token, server.tokensIssued[1]);
		});

		it('a token refused mid-session is refreshed and the request re-sent once, on the same socket', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server);
			await session.request('cancel_all', {});
			server.expiredTokens.add(server.tokensIssued[0]);
			const result = await session.request('add_order', { symbol: 'PF_XBTUSD' });
			const sent = server.allReceived('add_order');
			assert.equal(sent.length, 2, 'refused once, then re-sent with the new token');
			assert.equal((sent[0].params as Json).token, server.tokensIssued[0]);
			assert.equal((sent[1].params as Json).token, server.tokensIssued[1]);
			assert.equal(result.req_id, sent[1].req_id);
			assert.equal(server.of('private').length, 1, 'the socket stayed');
		});

		it('a token refused twice surfaces as an auth error instead of looping', async () => {
			server = await ScriptedUws.start({
				onRequest: (connection, message) => {
					if (message.method !== 'add_order') return false;
					connection.send(refusal(message, 'ESession:Invalid session'));
					return true;
				},
			});
			session = sessionFor(server);
			await assert.rejects(session.request('add_order', {}), KrakenAuthError);
			assert.equal(server.allReceived('add_order').length, 2);
		});
	});

	describe('connection', () => {
		it('reconnects after a drop and replays every subscription', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server);
			const pushes: UwsPush[] = [];
			session.subscribe({ channel: 'ticker', symbol: 'PF_XBTUSD' }, (push) => pushes.push(push));
			session.subscribe({ channel: 'book', symbol: 'PF_ETHUSD', params: { depth: 10 } }, () => undefined);
			session.subscribe({ channel: 'executions' }, () => undefined);
			await waitFor(() => server.allReceived('subscribe').length === 3, 5_000, 'three subscribes');
			server.dropAll();
			await waitFor(() => server.allReceived('subscribe').length === 6, 5_000, 'three replayed subscribes');
			const replayed = server.connections
				.filter((connection) => connection.index >= 2)
				.flatMap((connection) => connection.requests('subscribe'))
				.map((message) => {
					const params = message.params as Json;
					return `${String(params.channel)}:${JSON.stringify(params.symbol ?? null)}:${String(params.asset_class)}`;
				})
				.sort();
			assert.deepEqual(replayed, [
				'book:["PF_ETHUSD"]:derivatives',
				'executions:null:derivatives',
				'ticker:["PF_XBTUSD"]:derivatives',
			]);
			server
				.lastOf('public')
				.send({ channel: 'ticker', type: 'update', data: [{ symbol: 'PF_XBTUSD', bid: 1 }] });
			await waitFor(() => pushes.length === 1, 2_000, 'a ticker push after the reconnect');
		});

		it('a request in flight when the socket drops is reported as outcome unknown', async () => {
			server = await ScriptedUws.start({
				onRequest: (connection, message) => {
					if (message.method !== 'add_order') return false;
					connection.socket.terminate();
					return true;
				},
			});
			session = sessionFor(server);
			await assert.rejects(session.request('add_order', {}), KrakenOrderOutcomeUnknownError);
		});

		it('close code 1008 is final: no reconnect, waiting and later requests fail', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server);
			session.on('error', () => undefined);
			await session.request('cancel_all', {});
			const terminal = once(session, 'terminal');
			server.lastOf('private').socket.close(1008, 'policy violation');
			const [error] = (await terminal) as [KrakenWsError];
			assert.ok(error instanceof KrakenWsError);
			assert.match(error.message, /1008/);
			await delay(200);
			assert.equal(server.of('private').length, 1, 'never reconnected');
			await assert.rejects(session.request('cancel_all', {}), KrakenNetworkError);
		});

		it('replaces a socket that goes silent', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server, { pingIntervalMs: 50, staleAfterMs: 300 });
			await session.request('cancel_all', {});
			server.lastOf('private').silent = true;
			await once(session, 'reconnected');
			assert.equal(server.of('private').length, 2);
			assert.ok(server.of('private')[0].requests('ping').length > 0, 'pinged while it was alive');
		});

		it('a request that cannot be written before its timeout is "not sent", not "unknown"', async () => {
			server = await ScriptedUws.start();
			session = sessionFor(server);
			await server.stop();
			session.on('error', () => undefined);
			await assert.rejects(session.request('cancel_all', {}, { timeoutMs: 300 }), (error: unknown) => {
				assert.ok(error instanceof KrakenNetworkError);
				assert.ok(!(error instanceof KrakenOrderOutcomeUnknownError));
				assert.ok(!(error instanceof KrakenTimeoutError));
				assert.match(error.message, /not sent/);
				return true;
			});
			server = await ScriptedUws.start();
		});
	});
});
