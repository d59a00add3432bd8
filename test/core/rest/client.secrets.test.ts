import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import { KrakenError, KrakenNetworkError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import type { HttpRequest, HttpTransport } from '../../../core/rest/transport';
import { API_KEY, API_SECRET, startHarness } from '../support/fixtures';
import { krakenError } from '../support/recording-server';

const SECRET_FORMS = [
	API_SECRET,
	Buffer.from(API_SECRET, 'base64').toString('hex'),
	Buffer.from(API_SECRET, 'base64').toString('base64'),
];

/** Every text an error can show: message, stack, JSON, inspect output, and the whole cause chain. */
function everythingShown(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current !== undefined && depth < 10; depth += 1) {
		if (current instanceof Error) parts.push(current.message, current.stack ?? '');
		parts.push(JSON.stringify(current) ?? '', inspect(current, { depth: 10, showHidden: true }));
		current = current instanceof Error ? current.cause : undefined;
	}
	return parts.join('\n');
}

function assertNoSecret(text: string, extra: string[] = []): void {
	for (const secret of [...SECRET_FORMS, ...extra])
		assert.equal(text.includes(secret), false, `leaked ${secret.slice(0, 12)}...`);
}

/** A transport that fails like an HTTP library that puts the request (and its headers) in the error. */
class LeakyTransport implements HttpTransport {
	seen: HttpRequest[] = [];
	async request(request: HttpRequest): Promise<never> {
		this.seen.push(request);
		const error = new Error(`socket hang up sending ${JSON.stringify(request.headers)} secret=${API_SECRET}`);
		Object.assign(error, { code: 'ECONNRESET', config: { headers: request.headers }, request });
		throw Object.assign(new Error('outer'), { cause: error, headers: request.headers });
	}
	async close(): Promise<void> {}
}

describe('KrakenFuturesRestClient: secrets never leak', () => {
	it('errors from a transport that carries the request headers show no secret, Authent or APIKey', async () => {
		const transport = new LeakyTransport();
		const client = new KrakenFuturesRestClient({
			restUrl: 'http://127.0.0.1:9',
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
			transport,
			rateLimit: false,
		});
		const error = await client.getAccounts().catch((e: unknown) => e);
		assert.ok(error instanceof KrakenNetworkError);
		const authent = transport.seen[0].headers.Authent;
		assert.ok(authent.length > 20);
		assertNoSecret(everythingShown(error), [authent, API_KEY]);
		await client.close();
	});

	it('transport errors that mention the secret are redacted, and the hint survives', async () => {
		const client = new KrakenFuturesRestClient({
			restUrl: 'http://127.0.0.1:9',
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
			transport: {
				async request() {
					throw new Error(`ECONNREFUSED while using ${API_SECRET}`);
				},
				async close() {},
			},
		});
		const error = await client.getOpenOrders().catch((e: unknown) => e);
		assert.ok(error instanceof KrakenNetworkError);
		assert.match(error.message, /ECONNREFUSED/);
		assert.match(error.message, /\[redacted\]/);
		assertNoSecret(everythingShown(error));
	});

	it('API errors and every log line carry no secret', async () => {
		const lines: string[] = [];
		const record = (message: string, meta?: Record<string, unknown>): void => {
			lines.push(message, JSON.stringify(meta ?? {}));
		};
		const logger: Logger = { debug: record, info: record, warn: record, error: record };
		const harness = await startHarness({ logger, rateLimitRetry: { attempts: 1, initialDelayMs: 1 } });
		try {
			harness.server.queue('GET /derivatives/api/v3/accounts', { body: krakenError('apiLimitExceeded') });
			harness.server.on('GET /derivatives/api/v3/openpositions', {
				body: krakenError('authenticationError'),
			});
			await harness.client.getAccounts();
			const error = await harness.client.getOpenPositions().catch((e: unknown) => e);
			assert.ok(error instanceof KrakenError);
			assert.ok(lines.length >= 3, 'the client logged requests and the retry');
			const authents = harness.server.requests.map((r) => String(r.headers.authent));
			assertNoSecret(everythingShown(error), authents);
			assertNoSecret(lines.join('\n'), authents);
		} finally {
			await harness.close();
		}
	});

	it('the client itself does not show the secret when serialised or inspected', async () => {
		const client = new KrakenFuturesRestClient({
			restUrl: 'http://127.0.0.1:9',
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
		});
		assertNoSecret(inspect(client, { depth: 10, showHidden: true }));
		assertNoSecret(JSON.stringify(client) ?? '');
		await client.close();
	});
});
