import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../../paper/server';
import { delay } from '../server/support';
import {
	freshNonce,
	postSpot,
	requestToken,
	spotSign,
	startUwsExchange,
	TOKEN_PATH,
	tokenFor,
	UwsTestClient,
} from './support';

const KEY = 'uws-token-futures-key';
const SECRET = Buffer.alloc(64, 9).toString('base64');
/** Reference Appendix A: the Spot REST guide's secret and nonce, and the token-call signature computed from them. */
const VECTOR_SECRET =
	'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const VECTOR_NONCE = '1616492376594';
const VECTOR_FORM_SIGN =
	'+mRDmY9Ks0Moc1zjv/BjfvYa98buO0x1yHChZR5onlfAzAUbfIYlLggUZzdQ0RsmXm4Sh+Q8iAIZdo2wSeHeiA==';
const VECTOR_JSON_SIGN =
	'yl7HvQ7MH+jWgPjH8r2+qILii9+OjPXXmiYU0uJ3ZdoxQGQlSfjTrhVW8NhLKbAnVRjuuiqkn/lDVd8AhdBrfQ==';

describe('paper exchange: GetWebSocketsToken', () => {
	let server: PaperExchangeServer;
	let clients: UwsTestClient[] = [];
	const spot = () => ({ apiKey: server.spotApiKey, apiSecret: server.spotApiSecret });

	before(async () => {
		server = await startUwsExchange({
			apiKey: KEY,
			apiSecret: SECRET,
			keys: [
				{
					apiKey: 'vector-futures-key',
					apiSecret: SECRET,
					spotApiKey: 'vector-spot-key',
					spotApiSecret: VECTOR_SECRET,
				},
			],
			uws: { tokenTtlMs: 400 },
		});
	});
	after(() => server.stop());
	afterEach(async () => {
		await Promise.all(clients.map((c) => c.close()));
		clients = [];
		server.reset();
	});

	const privateClient = async (): Promise<UwsTestClient> => {
		const client = await UwsTestClient.open(server.uwsPrivateUrl);
		clients.push(client);
		return client;
	};
	const subscribeExecutions = (client: UwsTestClient, token: string) =>
		client.request('subscribe', { channel: 'executions', asset_class: 'derivatives', token });

	it('answers a correctly signed form request with a token and Kraken’s shape', async () => {
		const reply = await requestToken(server.spotRestUrl, spot());
		assert.deepEqual(Object.keys(reply), ['error', 'result']);
		assert.deepEqual(reply.error, []);
		const result = reply.result as { token: string; expires: number };
		assert.deepEqual(Object.keys(result), ['token', 'expires']);
		assert.equal(typeof result.expires, 'number');
		assert.match(result.token, /^[A-Za-z0-9+/]{40,}$/);
	});

	it('accepts a JSON body signed over its exact text', async () => {
		const reply = await requestToken(server.spotRestUrl, { ...spot(), format: 'json' });
		assert.deepEqual(reply.error, []);
	});

	it('verifies byte-exact: the Appendix A signatures are accepted for both body formats', async () => {
		assert.equal(
			spotSign(TOKEN_PATH, VECTOR_NONCE, `nonce=${VECTOR_NONCE}`, VECTOR_SECRET),
			VECTOR_FORM_SIGN,
		);
		const form = await postSpot(server.spotRestUrl, TOKEN_PATH, `nonce=${VECTOR_NONCE}`, {
			'API-Key': 'vector-spot-key',
			'API-Sign': VECTOR_FORM_SIGN,
			'content-type': 'application/x-www-form-urlencoded',
		});
		assert.deepEqual(form.error, []);
		const json = await postSpot(server.spotRestUrl, TOKEN_PATH, `{"nonce":${Number(VECTOR_NONCE) + 1}}`, {
			'API-Key': 'vector-spot-key',
			'API-Sign': spotSign(
				TOKEN_PATH,
				String(Number(VECTOR_NONCE) + 1),
				`{"nonce":${Number(VECTOR_NONCE) + 1}}`,
				VECTOR_SECRET,
			),
			'content-type': 'application/json',
		});
		assert.deepEqual(json.error, []);
		// The published JSON vector signs a nonce that is now used up: the signature is right, the nonce is not.
		const replay = await postSpot(server.spotRestUrl, TOKEN_PATH, `{"nonce":${VECTOR_NONCE}}`, {
			'API-Key': 'vector-spot-key',
			'API-Sign': VECTOR_JSON_SIGN,
			'content-type': 'application/json',
		});
		assert.deepEqual(replay.error, ['EAPI:Invalid nonce']);
	});

	it('refuses a wrong signature, a signature over other bytes, an unknown key and the Futures key', async () => {
		const wrong = await requestToken(server.spotRestUrl, {
			...spot(),
			apiSign: Buffer.alloc(64, 1).toString('base64'),
		});
		assert.deepEqual(wrong.error, ['EAPI:Invalid signature']);
		assert.equal(wrong.result, undefined);
		const otherBytes = await requestToken(server.spotRestUrl, { ...spot(), signedBody: 'nonce=1' });
		assert.deepEqual(otherBytes.error, ['EAPI:Invalid signature']);
		const unknown = await requestToken(server.spotRestUrl, { apiKey: 'nobody', apiSecret: SECRET });
		assert.deepEqual(unknown.error, ['EAPI:Invalid key']);
		const futuresKey = await requestToken(server.spotRestUrl, { apiKey: KEY, apiSecret: SECRET });
		assert.deepEqual(futuresKey.error, ['EAPI:Invalid key']);
	});

	it('requires a nonce, and refuses a reused or smaller one; a refused request does not use its nonce up', async () => {
		const none = await postSpot(server.spotRestUrl, TOKEN_PATH, 'foo=1', {
			'API-Key': server.spotApiKey,
			'API-Sign': spotSign(TOKEN_PATH, '', 'foo=1', server.spotApiSecret),
			'content-type': 'application/x-www-form-urlencoded',
		});
		assert.deepEqual(none.error, ['EAPI:Invalid nonce']);
		const nonce = freshNonce();
		const badSign = await requestToken(server.spotRestUrl, { ...spot(), nonce, apiSign: 'AAAA' });
		assert.deepEqual(badSign.error, ['EAPI:Invalid signature']);
		assert.deepEqual((await requestToken(server.spotRestUrl, { ...spot(), nonce })).error, []);
		assert.deepEqual((await requestToken(server.spotRestUrl, { ...spot(), nonce })).error, [
			'EAPI:Invalid nonce',
		]);
		const smaller = String(BigInt(nonce) - 5n);
		assert.deepEqual((await requestToken(server.spotRestUrl, { ...spot(), nonce: smaller })).error, [
			'EAPI:Invalid nonce',
		]);
	});

	it('keeps nanosecond nonces exact (beyond 2^53)', async () => {
		const base = BigInt(Date.now()) * 1_000_000n;
		assert.deepEqual(
			(await requestToken(server.spotRestUrl, { ...spot(), nonce: String(base + 2n), format: 'json' })).error,
			[],
		);
		assert.deepEqual(
			(await requestToken(server.spotRestUrl, { ...spot(), nonce: String(base + 1n), format: 'json' })).error,
			['EAPI:Invalid nonce'],
		);
		assert.deepEqual(
			(await requestToken(server.spotRestUrl, { ...spot(), nonce: String(base + 3n), format: 'json' })).error,
			[],
		);
	});

	it('answers other Spot private paths with Kraken’s unknown-method error', async () => {
		const reply = await postSpot(server.spotRestUrl, '/0/private/Balance', 'nonce=1', {});
		assert.deepEqual(reply.error, ['EGeneral:Unknown method']);
	});

	it('a token works for private requests of its own account only', async () => {
		const token = await tokenFor(server);
		const client = await privateClient();
		const ack = await subscribeExecutions(client, token);
		assert.equal(ack.success, true, JSON.stringify(ack));
		const other = await tokenFor(server, 1);
		const order = await client.request('add_order', {
			asset_class: 'derivatives',
			order_type: 'limit',
			side: 'buy',
			order_qty: 0.01,
			limit_price: 1000,
			symbol: 'PF_XBTUSD',
			token: other,
		});
		assert.equal(order.success, true);
		assert.equal(server.exchange.inspect().account(server.keys[1].accountId)!.orders.size, 1);
		assert.equal(server.exchange.inspect().account(server.keys[0].accountId)!.orders.size, 0);
		const bogus = await client.request('cancel_all', { asset_class: 'derivatives', token: 'not-a-token' });
		assert.deepEqual([bogus.success, bogus.error], [false, 'EAPI:Invalid token']);
		const missing = await client.request('cancel_all', { asset_class: 'derivatives' });
		assert.deepEqual([missing.success, missing.error], [false, 'EAPI:Invalid token']);
	});

	it('expires a token not used within its validity, but not one in use', async () => {
		const unused = await tokenFor(server);
		const inUse = await tokenFor(server);
		const client = await privateClient();
		assert.equal((await subscribeExecutions(client, inUse)).success, true);
		await delay(600);
		const late = await subscribeExecutions(client, unused);
		assert.deepEqual([late.success, late.error], [false, 'EAPI:Invalid token']);
		const still = await client.request('cancel_all', { asset_class: 'derivatives', token: inUse });
		assert.equal(still.success, true, JSON.stringify(still));
	});

	it('expires every token on the fault, even one in use, without closing the socket', async () => {
		const token = await tokenFor(server);
		const client = await privateClient();
		assert.equal((await subscribeExecutions(client, token)).success, true);
		server.faults.expireUwsTokens();
		const refused = await client.request('cancel_all', { asset_class: 'derivatives', token });
		assert.deepEqual([refused.success, refused.error], [false, 'EAPI:Invalid token']);
		const fresh = await tokenFor(server);
		const accepted = await client.request('cancel_all', { asset_class: 'derivatives', token: fresh });
		assert.equal(accepted.success, true);
	});
});
