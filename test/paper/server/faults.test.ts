import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { call, delay, WsProbe } from './support';

const SECRET = Buffer.alloc(64, 5).toString('base64');
const KEY = 'faults-test-key';
const TICKERS = '/derivatives/api/v3/tickers';

/** A GET the client gives up on after `ms`, as a client-side timeout would. */
function getWithTimeout(baseUrl: string, path: string, ms: number): Promise<'timeout' | number> {
	const url = new URL(baseUrl);
	return new Promise((resolve, reject) => {
		const req = request({ host: url.hostname, port: url.port, path, agent: false }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.setTimeout(ms, () => {
			req.destroy();
			resolve('timeout');
		});
		req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
		req.end();
	});
}

describe('paper exchange faults', () => {
	let server: PaperExchangeServer;
	let probes: WsProbe[] = [];
	const sign = { apiKey: KEY, apiSecret: SECRET };

	before(async () => {
		server = await startPaperExchange({ apiKey: KEY, apiSecret: SECRET, clock: false, seed: 3 });
	});
	after(() => server.stop());
	afterEach(async () => {
		await Promise.all(probes.map((p) => p.close()));
		probes = [];
		server.reset();
	});

	const open = async (): Promise<WsProbe> => {
		const probe = await WsProbe.open(server.wsUrl);
		probes.push(probe);
		await probe.waitFor((m) => m.event === 'info');
		return probe;
	};

	it('dropConnections terminates every WebSocket client', async () => {
		const [a, b] = [await open(), await open()];
		const closed = Promise.all([a, b].map((p) => new Promise((resolve) => p.socket.once('close', resolve))));
		server.faults.dropConnections();
		await closed;
	});

	it('stopAnsweringPings silences open sockets (no pongs, no frames) while new ones stay healthy', async () => {
		const probe = await open();
		probe.send({ event: 'subscribe', feed: 'heartbeat' });
		await probe.next((m) => m.event === 'subscribed');
		server.faults.stopAnsweringPings();
		let pongs = 0;
		probe.socket.on('pong', () => pongs++);
		probe.socket.ping();
		probe.send({ event: 'challenge', api_key: KEY });
		const count = probe.messages.length;
		await delay(200);
		assert.equal(pongs, 0);
		assert.equal(probe.messages.length, count);

		const fresh = await open();
		const pong = new Promise((resolve) => fresh.socket.once('pong', resolve));
		fresh.socket.ping();
		await pong;

		server.faults.stopAnsweringPings(false);
		const back = new Promise((resolve) => probe.socket.once('pong', resolve));
		probe.socket.ping();
		await back;
	});

	it('failRest 5xx answers 503 without reaching the exchange, for `count` requests', async () => {
		server.faults.failRest('5xx', { path: 'cancelallorders', count: 1 });
		const failed = await call(server.restUrl, '/derivatives/api/v3/cancelallorders', {
			method: 'POST',
			sign,
		});
		assert.equal(failed.status, 503);
		assert.match(String(failed.headers['content-type']), /text\/html/);
		assert.equal(server.requests.forPath('/cancelallorders').length, 1, 'the request is still logged');
		const next = await call(server.restUrl, '/derivatives/api/v3/cancelallorders', { method: 'POST', sign });
		assert.equal(next.status, 200);
		assert.equal(next.json().result, 'success');
	});

	it('failRest malformed answers 200 with JSON that does not parse', async () => {
		server.faults.failRest('malformed', { path: 'tickers' });
		const res = await call(server.restUrl, TICKERS);
		assert.equal(res.status, 200);
		assert.throws(() => JSON.parse(res.text));
		const other = await call(server.restUrl, '/derivatives/api/v3/instruments');
		assert.equal(other.json().result, 'success');
	});

	it('failRest timeout never answers, still places the order, and does not hold up stop()', async () => {
		const own = await startPaperExchange({ apiKey: KEY, apiSecret: SECRET, clock: false, seed: 3 });
		try {
			own.faults.failRest('timeout', { path: 'sendorder' });
			const ticker = (await call(own.restUrl, `${TICKERS}/PF_XBTUSD`)).json().ticker as { bid: number };
			const body = `orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.01&limitPrice=${Math.floor(ticker.bid * 0.9)}&cliOrdId=timeout-1`;
			const pending = call(own.restUrl, '/derivatives/api/v3/sendorder', { method: 'POST', body, sign });
			pending.catch(() => undefined);
			const outcome = await Promise.race([pending.then(() => 'answered'), delay(300).then(() => 'silent')]);
			assert.equal(outcome, 'silent');
			const open = (await call(own.restUrl, '/derivatives/api/v3/openorders', { sign })).json();
			const orders = open.openOrders as { cliOrdId?: string }[];
			assert.ok(
				orders.some((o) => o.cliOrdId === 'timeout-1'),
				JSON.stringify(open),
			);
			assert.equal(await getWithTimeout(own.restUrl, `${TICKERS}`, 2000), 200);
		} finally {
			await own.stop();
		}
	});

	it('a client-side timeout against failRest timeout ends cleanly', async () => {
		server.faults.failRest('timeout', { path: 'tickers', count: 1 });
		assert.equal(await getWithTimeout(server.restUrl, TICKERS, 150), 'timeout');
		assert.equal(await getWithTimeout(server.restUrl, TICKERS, 2000), 200);
	});

	it('delayRest holds matching requests, only as many as its count', async () => {
		server.faults.delayRest(1_000, { path: 'tickers', count: 1 });
		const started = Date.now();
		const order: string[] = [];
		const held = call(server.restUrl, TICKERS).then((res) => {
			order.push('held');
			return res;
		});
		while (server.requests.forPath('/tickers').length === 0) await delay(5);
		// Sent after the held one arrived: the rule is used up, so this one is answered first.
		await call(server.restUrl, TICKERS).then(() => order.push('next'));
		const res = await held;
		assert.equal(res.json().result, 'success');
		assert.ok(Date.now() - started >= 990, `answered after ${Date.now() - started} ms`);
		assert.deepEqual(order, ['next', 'held']);
	});

	it('rejectNextOrder makes the next order come back with that status', async () => {
		server.faults.rejectNextOrder('insufficientAvailableFunds');
		const body = 'orderType=mkt&symbol=PF_XBTUSD&side=buy&size=0.01';
		const rejected = await call(server.restUrl, '/derivatives/api/v3/sendorder', {
			method: 'POST',
			body,
			sign,
		});
		assert.equal(rejected.json().result, 'success');
		assert.equal((rejected.json().sendStatus as { status: string }).status, 'insufficientAvailableFunds');
		const next = await call(server.restUrl, '/derivatives/api/v3/sendorder', { method: 'POST', body, sign });
		assert.equal((next.json().sendStatus as { status: string }).status, 'placed');
	});

	it('reset() clears pending faults', async () => {
		server.faults.failRest('5xx');
		server.faults.delayRest(1000);
		server.reset();
		const res = await call(server.restUrl, TICKERS);
		assert.equal(res.status, 200);
	});
});
