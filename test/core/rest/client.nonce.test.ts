import { strict as assert } from 'node:assert';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { API_KEY, API_SECRET, type Harness, startHarness } from '../support/fixtures';
import { krakenSuccess } from '../support/recording-server';

describe('KrakenFuturesRestClient: nonce', () => {
	let harness: Harness;
	afterEach(() => harness.close());

	it('sends a Nonce header, signed, when enabled', async () => {
		harness = await startHarness({ useNonce: true }, { enforceNonce: true });
		harness.server.on('GET /derivatives/api/v3/accounts', { body: krakenSuccess({ accounts: {} }) });
		await harness.client.getAccounts();
		const request = harness.server.last();
		assert.match(String(request.headers.nonce), /^\d{16,}$/);
		assert.equal(request.signatureValid, true);
	});

	it('200 concurrent calls from two clients on one key: every nonce unique and increasing, all accepted', async function () {
		this.timeout(90_000);
		// The timeouts are safety nets: on a loaded machine 200 calls can take seconds to be answered.
		harness = await startHarness({ useNonce: true, timeoutMs: 30_000 }, { enforceNonce: true });
		harness.server.on('GET /derivatives/api/v3/openpositions', {
			body: krakenSuccess({ openPositions: [] }),
		});
		harness.server.on('POST /derivatives/api/v3/orders/status', { body: krakenSuccess({ orders: [] }) });
		const second = new KrakenFuturesRestClient({
			restUrl: harness.server.url,
			credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
			useNonce: true,
			rateLimit: false,
			timeoutMs: 30_000,
		});
		try {
			const calls = Array.from({ length: 200 }, (_, i) =>
				i % 2 === 0 ? harness.client.getOpenPositions() : second.getOrderStatus({ cliOrdIds: [`c-${i}`] }),
			);
			const results = await Promise.allSettled(calls);
			const failures = results.filter((r) => r.status === 'rejected');
			assert.equal(failures.length, 0, String((failures[0] as PromiseRejectedResult | undefined)?.reason));
			const nonces = harness.server.requests.map((r) => BigInt(String(r.headers.nonce)));
			assert.equal(nonces.length, 200);
			assert.equal(new Set(nonces).size, 200);
			assert.ok(harness.server.requests.every((r) => r.signatureValid === true));
			const connections = new Set(harness.server.requests.map((r) => r.connection));
			assert.ok(connections.size > 1, 'the calls really ran over several connections at once');
		} finally {
			await second.close();
		}
	});

	it('the enforcing server really rejects a repeated nonce (the check can fail)', async () => {
		harness = await startHarness({ useNonce: false }, { enforceNonce: true });
		harness.server.on('GET /derivatives/api/v3/accounts', { body: krakenSuccess({ accounts: {} }) });
		await assert.rejects(harness.client.getAccounts(), /nonce/);
	});
});
