import { strict as assert } from 'node:assert';
import { KrakenConfigError, KrakenNetworkError } from '../../../core/errors';
import { TOKEN_USE_WINDOW_MS, TokenFetcher, isTokenUsable } from '../../../core/uws/token';
import { ScriptedUws, SPOT_CREDENTIALS } from './support/scripted-uws';

describe('core/uws/token: GetWebSocketsToken', () => {
	let server: ScriptedUws;
	afterEach(async () => server?.stop());

	it('fetches a signed token with a strictly increasing nonce, usable for 15 minutes from the request', async () => {
		server = await ScriptedUws.start();
		let clock = 1_000_000;
		const fetcher = new TokenFetcher({
			spotRestUrl: server.restUrl,
			credentials: SPOT_CREDENTIALS,
			now: () => clock,
		});
		try {
			const first = await fetcher.fetch();
			const second = await fetcher.fetch();
			assert.equal(server.badSignatures, 0, 'API-Sign matched byte for byte');
			assert.deepEqual(
				[first.token, second.token],
				server.tokensIssued,
				'the server enforced increasing nonces',
			);
			assert.notEqual(first.token, second.token);
			assert.equal(first.useBy, first.obtainedAt + TOKEN_USE_WINDOW_MS);
			clock += TOKEN_USE_WINDOW_MS - 1;
			assert.equal(isTokenUsable(first, clock), true);
			clock += 1;
			assert.equal(isTokenUsable(first, clock), false);
		} finally {
			await fetcher.close();
		}
	});

	it('refuses a malformed private key at construction, naming the field', () => {
		assert.throws(
			() =>
				new TokenFetcher({
					spotRestUrl: 'http://127.0.0.1:1',
					credentials: { apiKey: 'k', apiSecret: 'not base64!' },
				}),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'spotApiSecret',
		);
		assert.throws(
			() => new TokenFetcher({ spotRestUrl: 'ftp://x', credentials: SPOT_CREDENTIALS }),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'spotRestUrl',
		);
	});

	it('reports an unreachable endpoint as a network error without the key in the message', async () => {
		server = await ScriptedUws.start();
		const url = server.restUrl;
		await server.stop();
		const fetcher = new TokenFetcher({ spotRestUrl: url, credentials: SPOT_CREDENTIALS, timeoutMs: 2_000 });
		try {
			await assert.rejects(fetcher.fetch(), (error: unknown) => {
				assert.ok(error instanceof KrakenNetworkError);
				assert.ok(!error.message.includes(SPOT_CREDENTIALS.apiKey));
				return true;
			});
		} finally {
			await fetcher.close();
		}
		server = await ScriptedUws.start();
	});
});
