import assert from 'node:assert/strict';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { authent, call } from './support';

// The official WebSocket-guide secret (§1.9 of the reference); any strict base64 secret would do.
const WS_GUIDE_KEY_MATERIAL =
	'7zxMEF5p/Z8l2p2U7Ghv6x14Af+Fx+92tPgUdVQ748FOIrEoT9bgT+bTRfXc5pz8na+hL/QdrCVG7bh9KpT0eMTm';
const KEY = 'paper-test-key';
const OTHER_SECRET = Buffer.alloc(64, 7).toString('base64');

describe('paper exchange REST authentication', () => {
	let server: PaperExchangeServer;
	const sign = (extra: Record<string, unknown> = {}) => ({
		apiKey: KEY,
		apiSecret: WS_GUIDE_KEY_MATERIAL,
		...extra,
	});

	before(async () => {
		server = await startPaperExchange({
			apiKey: KEY,
			apiSecret: WS_GUIDE_KEY_MATERIAL,
			clock: false,
			seed: 1,
		});
	});
	after(() => server.stop());
	beforeEach(() => server.reset());

	it('signs its requests the way the reference vectors do (sanity check of the test client)', () => {
		const postData = 'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.0001&limitPrice=30000';
		assert.equal(
			authent(postData, '1700000000000', '/api/v3/sendorder', WS_GUIDE_KEY_MATERIAL),
			'4Xsk74Wv0r+w1YCwLkiXytALpCubqHxXbmBxcYOm76YTLlaMmzDV6lGhR8kfotRN0/WEx1o/73R7+42b/Bi0QA==',
		);
	});

	it('accepts a correctly signed request without a nonce', async () => {
		const res = await call(server.restUrl, '/derivatives/api/v3/accounts', { sign: sign() });
		assert.equal(res.status, 200);
		const body = res.json();
		assert.equal(body.result, 'success');
		assert.match(String(body.serverTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		assert.equal(typeof body.accounts, 'object');
	});

	for (const [name, extra] of [
		['a wrong secret', { apiSecret: OTHER_SECRET }],
		['/derivatives left in the signed path', { signedPath: '/derivatives/api/v3/accounts' }],
		['a hex digest instead of the raw one', { digest: 'hex' }],
		['an unknown key', { apiKey: 'not-a-key' }],
	] as const) {
		it(`refuses ${name} with authenticationError`, async () => {
			const res = await call(server.restUrl, '/derivatives/api/v3/accounts', { sign: sign(extra) });
			assert.equal(res.status, 200);
			assert.deepEqual(Object.keys(res.json()), ['result', 'serverTime', 'error']);
			assert.equal(res.json().result, 'error');
			assert.equal(res.json().error, 'authenticationError');
		});
	}

	it('refuses a request without APIKey/Authent headers', async () => {
		const res = await call(server.restUrl, '/derivatives/api/v3/openpositions');
		assert.equal(res.json().error, 'authenticationError');
	});

	it('verifies the query exactly as sent: signing the decoded form is refused', async () => {
		const path = '/derivatives/api/v3/fills';
		const query = 'lastFillTime=2024-01-01T00%3A00%3A00.000Z';
		const wrong = await call(server.restUrl, path, {
			query,
			sign: sign({ signedData: 'lastFillTime=2024-01-01T00:00:00.000Z' }),
		});
		assert.equal(wrong.json().error, 'authenticationError');
		const right = await call(server.restUrl, path, { query, sign: sign() });
		assert.equal(right.json().result, 'success');
	});

	it('accepts POST parameters in the query (ccxt), in the body, and in both', async () => {
		const path = '/derivatives/api/v3/cancelallorders';
		for (const placement of [
			{ query: 'symbol=PF_XBTUSD' },
			{ body: 'symbol=PF_XBTUSD' },
			{ query: 'a=1', body: 'symbol=PF_XBTUSD' },
		]) {
			const res = await call(server.restUrl, path, { method: 'POST', ...placement, sign: sign() });
			assert.equal(res.json().result, 'success', JSON.stringify(placement) + res.text);
		}
		const bodyOnlySigned = await call(server.restUrl, path, {
			method: 'POST',
			query: 'a=1',
			body: 'symbol=PF_XBTUSD',
			sign: sign({ signedData: 'symbol=PF_XBTUSD' }),
		});
		assert.equal(bodyOnlySigned.json().error, 'authenticationError');
	});

	it('enforces strictly increasing nonces per key', async () => {
		const path = '/derivatives/api/v3/openorders';
		const first = await call(server.restUrl, path, { sign: sign({ nonce: '1700000000000' }) });
		assert.equal(first.json().result, 'success');
		const again = await call(server.restUrl, path, { sign: sign({ nonce: '1700000000000' }) });
		assert.equal(again.json().error, 'nonceDuplicate');
		const lower = await call(server.restUrl, path, { sign: sign({ nonce: '1699999999999' }) });
		assert.equal(lower.json().error, 'nonceBelowThreshold');
		const higher = await call(server.restUrl, path, { sign: sign({ nonce: '1700000000001' }) });
		assert.equal(higher.json().result, 'success');
		// Without a nonce the key is not checked at all.
		const none = await call(server.restUrl, path, { sign: sign() });
		assert.equal(none.json().result, 'success');
	});

	it('does not use up a nonce on a request with a bad signature', async () => {
		const path = '/derivatives/api/v3/openorders';
		const bad = await call(server.restUrl, path, { sign: sign({ nonce: '900', apiSecret: OTHER_SECRET }) });
		assert.equal(bad.json().error, 'authenticationError');
		const good = await call(server.restUrl, path, { sign: sign({ nonce: '800' }) });
		assert.equal(good.json().result, 'success');
	});

	it('signs history paths whole and answers failures with the history 401 shape', async () => {
		const path = '/api/history/v3/account-log';
		const ok = await call(server.restUrl, path, { query: 'count=10', sign: sign() });
		assert.equal(ok.status, 200);
		assert.equal(ok.json().result, undefined);
		assert.ok(Array.isArray(ok.json().logs));
		for (const extra of [{ signedPath: '/api/v3/account-log' }, { apiSecret: OTHER_SECRET }]) {
			const res = await call(server.restUrl, path, { query: 'count=10', sign: sign(extra) });
			assert.equal(res.status, 401);
			assert.deepEqual(res.json(), {
				reason: 'You are not authorized to access this endpoint.',
				status: 'unauthorized',
			});
		}
		const unsigned = await call(server.restUrl, path);
		assert.equal(unsigned.status, 401);
	});

	it('serves several key pairs, each on its own account', async () => {
		const second = { apiKey: 'second-key', apiSecret: OTHER_SECRET };
		const multi = await startPaperExchange({
			keys: [{ apiKey: KEY, apiSecret: WS_GUIDE_KEY_MATERIAL }, second],
			clock: false,
		});
		try {
			assert.equal(multi.apiKey, KEY);
			assert.notEqual(multi.keys[0].accountId, multi.keys[1].accountId);
			const res = await call(multi.restUrl, '/derivatives/api/v3/accounts', { sign: second });
			assert.equal(res.json().result, 'success');
			const crossed = await call(multi.restUrl, '/derivatives/api/v3/accounts', {
				sign: { apiKey: 'second-key', apiSecret: WS_GUIDE_KEY_MATERIAL },
			});
			assert.equal(crossed.json().error, 'authenticationError');
		} finally {
			await multi.stop();
		}
	});

	it('generates a valid key pair when none is given', async () => {
		const generated = await startPaperExchange({ clock: false });
		try {
			assert.match(generated.apiSecret, /^[A-Za-z0-9+/]+=*$/);
			const res = await call(generated.restUrl, '/derivatives/api/v3/openpositions', {
				sign: { apiKey: generated.apiKey, apiSecret: generated.apiSecret },
			});
			assert.equal(res.json().result, 'success');
		} finally {
			await generated.stop();
		}
	});

	it('logs every request with the signature redacted', async () => {
		await call(server.restUrl, '/derivatives/api/v3/openpositions', { sign: sign({ nonce: '5' }) });
		const [entry] = server.requests.forPath('/openpositions');
		assert.equal(entry.method, 'GET');
		assert.equal(entry.headers.apikey, KEY);
		assert.equal(entry.headers.nonce, '5');
		assert.equal(entry.headers.authent, '[redacted]');
		assert.ok(!JSON.stringify(server.requests.entries).includes(WS_GUIDE_KEY_MATERIAL));
		server.requests.clear();
		assert.equal(server.requests.length, 0);
	});
});
