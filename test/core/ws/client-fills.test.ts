import assert from 'node:assert/strict';
import { KrakenWsError } from '../../../core/errors';
import { KrakenFuturesWsClient } from '../../../core/ws/client';
import type { FillsQuery, KrakenFill } from '../../../core/ws/types';
import { TEST_CREDENTIALS } from './support/credentials';
import { restFill, wsFill } from './support/fills';
import { delay, ScriptedServer, waitUntil } from './support/scripted-server';

const FAST = { pingIntervalMs: 50, staleAfterMs: 500, reconnectDelayMs: { initial: 20, max: 40 } };
const T0 = Date.now() - 60_000;

describe('KrakenFuturesWsClient fills (scripted server)', () => {
	let server: ScriptedServer;
	let client: KrakenFuturesWsClient | undefined;

	afterEach(async () => {
		await client?.close();
		client = undefined;
		await server?.close();
	});

	it('delivers each fill once: the first snapshot is history, duplicates are dropped, order is by time', async () => {
		server = await ScriptedServer.start({
			afterSubscribe: (connection, message) => {
				if (message.feed === 'fills') {
					connection.send({ feed: 'fills_snapshot', account: 'a', fills: [wsFill('old', T0)] });
				}
			},
		});
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, ...FAST });
		const fills: KrakenFill[] = [];
		client.onFill((fill) => fills.push(fill));
		await server.message((m) => m.event === 'subscribe' && m.feed === 'fills');
		const now = Date.now();
		server.broadcast({ feed: 'fills', fills: [wsFill('b', now + 2), wsFill('a', now + 1)] });
		server.broadcast({ feed: 'fills', fills: [wsFill('a', now + 1)] });
		server.broadcast({
			feed: 'fills_snapshot',
			fills: [wsFill('old', T0), wsFill('a', now + 1), wsFill('b', now + 2)],
		});
		server.broadcast({
			feed: 'fills',
			fills: [wsFill('c', now + 3, 'PF_ETHUSD', { cli_ord_id: 'mine-1', buy: false })],
		});
		await waitUntil(() => fills.length === 3);
		await delay(50);
		assert.deepEqual(
			fills.map((fill) => fill.fill_id),
			['a', 'b', 'c'],
		);
		const c = fills[2];
		assert.equal(c.symbol, 'PF_ETHUSD');
		assert.equal(c.side, 'sell');
		assert.equal(c.cliOrdId, 'mine-1');
		assert.equal(c.source, 'update');
		assert.equal(c.fillTime, new Date(now + 3).toISOString());
		assert.equal(c.raw.fill_id, 'c');
	});

	it('fetches the fills missed during a disconnect and delivers them once, in order, before newer live fills', async () => {
		const T0 = Date.now();
		const missed = [restFill('m2', T0 + 30_000), restFill('m1', T0 + 20_000)];
		let restHistory = [restFill('before', T0 + 10_000), restFill('ancient', T0 - 10_000)];
		const queries: FillsQuery[] = [];
		let releaseFetch: () => void = () => undefined;
		const fetchFills = async (query: FillsQuery) => {
			queries.push(query);
			await new Promise<void>((resolve) => (releaseFetch = resolve));
			return { result: 'success', fills: restHistory };
		};
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({
			wsUrl: server.url,
			credentials: TEST_CREDENTIALS,
			fetchFills,
			...FAST,
		});
		const fills: KrakenFill[] = [];
		client.onFill((fill) => fills.push(fill));
		await server.message((m) => m.event === 'subscribe' && m.feed === 'fills');
		server.broadcast({ feed: 'fills_snapshot', fills: [wsFill('ancient', T0 - 10_000)] });
		server.broadcast({ feed: 'fills', fills: [wsFill('before', T0 + 10_000)] });
		await waitUntil(() => fills.length === 1);

		server.dropAll();
		restHistory = [...missed, ...restHistory];
		const second = await server.connection(2);
		await waitUntil(() => second.received.some((m) => m.event === 'subscribe' && m.feed === 'fills'));
		await waitUntil(() => queries.length === 1);
		second.send({
			feed: 'fills_snapshot',
			fills: [wsFill('m1', T0 + 20_000), wsFill('before', T0 + 10_000)],
		});
		second.send({ feed: 'fills', fills: [wsFill('live', T0 + 40_000)] });
		await delay(50);
		assert.equal(fills.length, 1, 'nothing is delivered while the gap is being filled');
		releaseFetch();
		await waitUntil(() => fills.length === 4);
		await delay(50);
		assert.deepEqual(
			fills.map((fill) => `${fill.fill_id}:${fill.source}`),
			['before:update', 'm1:rest', 'm2:rest', 'live:update'],
		);
		assert.deepEqual(queries, [{}]);
		assert.equal(fills[1].feePaid, 0.1, 'the fee of the WS copy completes the REST fill');
	});

	it('reports a failed gap fetch as an error and still delivers what the socket brought', async () => {
		server = await ScriptedServer.start();
		const fetchFills = async (): Promise<unknown[]> => {
			throw new Error('REST down');
		};
		client = new KrakenFuturesWsClient({
			wsUrl: server.url,
			credentials: TEST_CREDENTIALS,
			fetchFills,
			...FAST,
		});
		const errors: KrakenWsError[] = [];
		client.on('error', (error: KrakenWsError) => errors.push(error));
		const fills: KrakenFill[] = [];
		client.onFill((fill) => fills.push(fill), ['PF_XBTUSD']);
		await server.message((m) => m.event === 'subscribe' && m.feed === 'fills');
		server.dropAll();
		const second = await server.connection(2);
		await waitUntil(() => second.received.some((m) => m.event === 'subscribe' && m.feed === 'fills'));
		second.send({ feed: 'fills', fills: [wsFill('x', Date.now()), wsFill('e', Date.now(), 'PF_ETHUSD')] });
		await waitUntil(() => fills.length === 1 && errors.length === 1);
		assert.equal(fills[0].fill_id, 'x');
		assert.match(errors[0].message, /fills missed during a disconnect/);
	});

	it('unsubscribes the fills feed when the last fill listener leaves', async () => {
		server = await ScriptedServer.start();
		client = new KrakenFuturesWsClient({ wsUrl: server.url, credentials: TEST_CREDENTIALS, ...FAST });
		const a = client.onFill(() => undefined);
		const b = client.onFill(() => undefined, ['PF_XBTUSD']);
		await server.message((m) => m.event === 'subscribe' && m.feed === 'fills');
		a.unsubscribe();
		await delay(30);
		assert.ok(!server.allReceived().some((m) => m.event === 'unsubscribe'));
		b.unsubscribe();
		const unsubscribe = await server.message((m) => m.event === 'unsubscribe');
		assert.equal(unsubscribe.feed, 'fills');
		assert.equal(server.allReceived().filter((m) => m.event === 'subscribe').length, 1);
	});
});
