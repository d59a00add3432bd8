import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { call, WsProbe } from './support';

const SECRET = Buffer.alloc(64, 13).toString('base64');
const KEY = 'fuzz-test-key';

/** A deterministic pseudo-random source, so a failing case can be replayed. */
function lcg(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const ALPHABET = 'abcXYZ019=&%?+/ {}[]":,.-_~\'\\';

function garbage(random: () => number, length: number): string {
	let text = '';
	for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
	return text;
}

/** Writes raw bytes to the port and returns what comes back before the socket ends. */
function raw(server: PaperExchangeServer, bytes: string): Promise<string> {
	const url = new URL(server.restUrl);
	return new Promise((resolve) => {
		const socket = connect(Number(url.port), url.hostname);
		let reply = '';
		socket.on('data', (chunk) => (reply += chunk.toString()));
		socket.on('error', () => resolve(reply));
		socket.on('close', () => resolve(reply));
		socket.setTimeout(1000, () => socket.destroy());
		socket.end(bytes);
	});
}

describe('paper exchange robustness', () => {
	let server: PaperExchangeServer;
	const sign = { apiKey: KEY, apiSecret: SECRET };

	before(async () => {
		server = await startPaperExchange({ apiKey: KEY, apiSecret: SECRET, clock: false, seed: 2 });
	});
	after(() => server.stop());

	const stillServes = async (): Promise<void> => {
		const res = await call(server.restUrl, '/derivatives/api/v3/tickers');
		assert.equal(res.json().result, 'success');
	};

	it('answers fuzzed signed requests to every private endpoint with JSON, never a crash', async () => {
		const random = lcg(42);
		const endpoints: ['GET' | 'POST' | 'PUT', string][] = [
			['POST', 'sendorder'],
			['POST', 'editorder'],
			['POST', 'cancelorder'],
			['POST', 'cancelallorders'],
			['POST', 'cancelallordersafter'],
			['POST', 'batchorder'],
			['POST', 'orders/status'],
			['GET', 'fills'],
			['PUT', 'leveragepreferences'],
			['PUT', 'pnlpreferences'],
		];
		for (const [method, endpoint] of endpoints) {
			for (let i = 0; i < 8; i++) {
				const body = garbage(random, 5 + Math.floor(random() * 40));
				const res = await call(server.restUrl, `/derivatives/api/v3/${endpoint}`, { method, body, sign });
				assert.ok(
					res.status < 500 || res.json().error === 'Server Error',
					`${endpoint} ${body}: ${res.text}`,
				);
				assert.doesNotThrow(() => res.json(), `${endpoint} ${body}: ${res.text}`);
			}
		}
		await stillServes();
	});

	it('survives malformed percent-encoding, odd paths, huge bodies and broken HTTP', async () => {
		for (const path of [
			'/derivatives/api/v3/tickers/%E0%A4%A',
			'/%%%',
			'/derivatives/api/v3/tickers/%00',
			'/ws/v1',
		]) {
			const res = await call(server.restUrl, path);
			assert.ok(res.status < 500, `${path}: ${res.status}`);
			assert.equal(res.json().result, 'error', `${path}: ${res.text}`);
		}
		const huge = await call(server.restUrl, '/derivatives/api/v3/sendorder', {
			method: 'POST',
			body: 'a='.padEnd(2_000_000, 'x'),
			sign,
		}).catch(() => undefined);
		assert.ok(huge === undefined || huge.status === 413);
		const reply = await raw(server, 'NONSENSE\r\n\r\n');
		assert.match(reply, /^$|^HTTP\/1\.1 400/);
		await raw(server, 'GET /derivatives/api/v3/tickers HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab');
		await stillServes();
	});

	it('treats repeated scalar parameters without crashing', async () => {
		const res = await call(server.restUrl, '/derivatives/api/v3/sendorder', {
			method: 'POST',
			body: 'orderType=lmt&orderType=mkt&symbol=PF_XBTUSD&symbol=PF_ETHUSD&side=buy&size=1&size=2',
			sign,
		});
		assert.doesNotThrow(() => res.json());
		await stillServes();
	});

	it('answers fuzzed WebSocket frames with error events and keeps the connection', async () => {
		const probe = await WsProbe.open(server.wsUrl);
		try {
			await probe.waitFor((m) => m.event === 'info');
			const random = lcg(7);
			const frames: unknown[] = [
				'',
				'null',
				'42',
				'"text"',
				{ event: 'subscribe' },
				{ event: 'subscribe', feed: 'ticker', product_ids: 'PF_XBTUSD' },
				{ event: 'subscribe', feed: 'ticker', product_ids: [1, 2] },
				{ event: 'subscribe', feed: 'fills', api_key: 5 },
				{ event: 'challenge' },
				{ event: 'challenge', api_key: { nested: true } },
				{ event: 'unsubscribe', feed: 'book', product_ids: ['PF_XBTUSD'] },
				{ event: 42 },
				{ feed: 'ticker' },
				...Array.from({ length: 20 }, () => garbage(random, 30)),
			];
			for (const frame of frames) probe.send(frame);
			probe.socket.send(Buffer.from([0, 1, 2, 3]), { binary: true });
			probe.send({ event: 'challenge', api_key: KEY });
			await probe.next((m) => m.event === 'challenge');
			const replies = probe.messages.filter(
				(m) => m.event === 'error' || m.event === 'alert' || m.event === 'unsubscribed_failed',
			);
			assert.ok(replies.length >= frames.length, `${replies.length} replies for ${frames.length} frames`);
		} finally {
			await probe.close();
		}
		await stillServes();
	});
});
