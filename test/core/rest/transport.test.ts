import { strict as assert } from 'node:assert';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { encodeBatchBody, encodeForm, formatDecimal } from '../../../core/rest/form';
import {
	type HttpRequest,
	type HttpTransport,
	splitUrl,
	UndiciTransport,
} from '../../../core/rest/transport';
import { API_KEY, API_SECRET } from '../support/fixtures';
import { krakenSuccess, startRecordingServer } from '../support/recording-server';

describe('core/rest transport and form encoding', () => {
	it('the default undici transport keeps connections alive across sequential calls', async () => {
		const server = await startRecordingServer();
		const transport = new UndiciTransport();
		try {
			for (let i = 0; i < 10; i += 1) {
				const response = await transport.request({
					method: 'GET',
					url: `${server.url}/derivatives/api/v3/tickers?n=${i}`,
					headers: { Accept: 'application/json' },
					timeoutMs: 1000,
				});
				assert.equal(response.status, 200);
				assert.equal(response.headers['content-type'], 'application/json');
				assert.deepEqual(JSON.parse(response.body), krakenSuccess());
			}
			// Ten calls in a row share a connection or two (undici may open a second one while the first
			// is still finishing its response); without keep-alive each would open its own.
			assert.equal(server.requests.length, 10);
			assert.ok(new Set(server.requests.map((r) => r.connection)).size <= 2);
		} finally {
			await transport.close();
			await server.close();
		}
		await assert.rejects(
			transport.request({ method: 'GET', url: server.url, headers: {}, timeoutMs: 100 }),
			/closed/,
		);
	});

	it('a host-supplied transport receives the exact signed request and is not closed by the client', async () => {
		const seen: HttpRequest[] = [];
		let closed = false;
		const transport: HttpTransport = {
			async request(request) {
				seen.push(request);
				return {
					status: 200,
					headers: {},
					body: JSON.stringify(krakenSuccess({ status: { triggerTime: '0' } })),
				};
			},
			async close() {
				closed = true;
			},
		};
		const client = new KrakenFuturesRestClient({
			restUrl: 'https://futures.example.test/',
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
			transport,
			timeoutMs: 1234,
		});
		await client.cancelAllOrdersAfter({ timeout: 0 });
		await client.close();
		assert.equal(closed, false, 'the host owns its transport');
		assert.equal(seen.length, 1);
		const [request] = seen;
		assert.equal(request.method, 'POST');
		assert.equal(request.url, 'https://futures.example.test/derivatives/api/v3/cancelallordersafter');
		assert.equal(request.body, 'timeout=0');
		assert.equal(request.timeoutMs, 1234);
		assert.ok(request.signal instanceof AbortSignal);
		assert.equal(request.headers['Content-Type'], 'application/x-www-form-urlencoded');
		assert.equal(request.headers.APIKey, API_KEY);
		assert.equal(request.headers.Nonce, undefined);
		assert.ok(request.headers.Authent.length === 88);
	});

	it('splits URLs by hand, leaving the query untouched', () => {
		assert.deepEqual(splitUrl("http://127.0.0.1:80/a/b?x='y'%20z"), {
			origin: 'http://127.0.0.1:80',
			path: "/a/b?x='y'%20z",
		});
	});

	it('encodes forms with encodeURIComponent, repeated keys, and no undefined values', () => {
		assert.equal(
			encodeForm({ a: 'x y', b: undefined, c: null, d: ['1', '2'], e: true, f: 0.0001, g: 'a&b=c+d' }),
			'a=x%20y&d=1&d=2&e=true&f=0.0001&g=a%26b%3Dc%2Bd',
		);
		assert.equal(encodeForm({}), '');
	});

	it('writes numbers without exponent notation', () => {
		assert.equal(formatDecimal(1e-7), '0.0000001');
		assert.equal(formatDecimal(1.5e-8), '0.000000015');
		assert.equal(formatDecimal(1e21), '1000000000000000000000');
		assert.equal(formatDecimal(30000), '30000');
		assert.equal(formatDecimal(-0.5), '-0.5');
	});

	it('builds the batch body as json= plus the URL-encoded JSON', () => {
		const body = encodeBatchBody([{ order: 'cancel', order_id: 'x' }]);
		assert.equal(body, `json=${encodeURIComponent('{"batchOrder":[{"order":"cancel","order_id":"x"}]}')}`);
		assert.equal(
			encodeBatchBody([], '2026-01-01T00:00:00Z'),
			`json=${encodeURIComponent('{"batchOrder":[]}')}&ProcessBefore=2026-01-01T00%3A00%3A00Z`,
		);
	});
});
