import { strict as assert } from 'node:assert';
import { signSpotRequest } from '../../../core/uws/spot-sign';
import { KrakenConfigError } from '../../../core/errors';

// Reference unified-websocket.md §2.4 and Appendix A: Kraken's published secret and vector, plus the
// two token-call vectors recomputed with Node and with Kraken's Python signer.
const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const NONCE = '1616492376594';

const VECTORS: [name: string, path: string, body: string, apiSign: string][] = [
	[
		'AddOrder (published by Kraken)',
		'/0/private/AddOrder',
		'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
		'4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
	],
	[
		'GetWebSocketsToken, form body',
		'/0/private/GetWebSocketsToken',
		'nonce=1616492376594',
		'+mRDmY9Ks0Moc1zjv/BjfvYa98buO0x1yHChZR5onlfAzAUbfIYlLggUZzdQ0RsmXm4Sh+Q8iAIZdo2wSeHeiA==',
	],
	[
		'GetWebSocketsToken, JSON body',
		'/0/private/GetWebSocketsToken',
		'{"nonce":1616492376594}',
		'yl7HvQ7MH+jWgPjH8r2+qILii9+OjPXXmiYU0uJ3ZdoxQGQlSfjTrhVW8NhLKbAnVRjuuiqkn/lDVd8AhdBrfQ==',
	],
];

describe('core/uws/spot-sign: Kraken Spot REST API-Sign', () => {
	for (const [name, path, body, expected] of VECTORS) {
		it(`reproduces the Appendix A vector: ${name}`, () => {
			assert.equal(signSpotRequest(path, NONCE, body, SECRET), expected);
		});
	}

	it('signs the exact body bytes: one changed byte changes the signature', () => {
		const base = signSpotRequest('/0/private/GetWebSocketsToken', NONCE, 'nonce=1616492376594', SECRET);
		const other = signSpotRequest('/0/private/GetWebSocketsToken', NONCE, 'nonce=1616492376595', SECRET);
		assert.notEqual(base, other);
	});

	it('refuses a secret that is not strict base64, naming the field and not echoing the secret', () => {
		const bad = SECRET.slice(0, -3);
		assert.throws(
			() => signSpotRequest('/0/private/GetWebSocketsToken', NONCE, 'nonce=1', bad),
			(err: unknown) =>
				err instanceof KrakenConfigError && err.field === 'spotApiSecret' && !err.message.includes(bad),
		);
		assert.throws(
			() => signSpotRequest('/0/private/GetWebSocketsToken', NONCE, 'nonce=1', ''),
			KrakenConfigError,
		);
	});
});
