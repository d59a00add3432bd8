import { strict as assert } from 'node:assert';
import {
	computeAuthent,
	computeChallengeSignature,
	decodeSecret,
	KrakenSigner,
	signedEndpointPath,
} from '../../core/sign';
import { KrakenConfigError } from '../../core/errors';

const WS_SECRET = '7zxMEF5p/Z8l2p2U7Ghv6x14Af+Fx+92tPgUdVQ748FOIrEoT9bgT+bTRfXc5pz8na+hL/QdrCVG7bh9KpT0eMTm';
const ORDER_C = 'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.0001&limitPrice=30000';
const FILL_F = 'lastFillTime=2024-01-01T00%3A00%3A00.000Z';
const LOG_G = 'since=1650000000000&sort=asc&count=10';
const BATCH_J = 'json={"batchOrder":[{"order":"cancel","order_id":"3d080c9b-6a50-45c1-8365-11c00295f011"}]}';
const BATCH_K =
	'json=%7B%22batchOrder%22%3A%5B%7B%22order%22%3A%22cancel%22%2C%22order_id%22%3A%223d080c9b-6a50-45c1-8365-11c00295f011%22%7D%5D%7D';

// Reference §1.9(d): every derived vector, signed with the official WS secret.
const DERIVED: [name: string, postData: string, nonce: string, path: string, authent: string][] = [
	[
		'A',
		'',
		'',
		'/api/v3/openpositions',
		'97NHlfPZy2jSPglkvI5ZaYjteN2sBRIK32YTyrR8Op+S0+TKyqJvZPeUuV0CQhcW0oq7DKYxq3B/Vq0H+PJGWQ==',
	],
	[
		'B',
		'',
		'1700000000000',
		'/api/v3/openpositions',
		'nO85ZXSCVcEv3ffm6UTb0kdjlS0UXc2At9pmM21OdvyXTkMTaey/QfifM7sS+sECKoyzT1WNUTURD4TZ84s1RA==',
	],
	[
		'C',
		ORDER_C,
		'',
		'/api/v3/sendorder',
		'k8DPA+rBjRaTF15sAAZnlUJllV6qY9DCddHulSisR4a1yQmihRrB/xVKcd2NWUmBaFkKb/Hdvzxp0ya/AHbMbA==',
	],
	[
		'D',
		ORDER_C,
		'1700000000000',
		'/api/v3/sendorder',
		'4Xsk74Wv0r+w1YCwLkiXytALpCubqHxXbmBxcYOm76YTLlaMmzDV6lGhR8kfotRN0/WEx1o/73R7+42b/Bi0QA==',
	],
	[
		'F',
		FILL_F,
		'',
		'/api/v3/fills',
		'OZDPp2tLhXI9iWv7EiFtIwk5mhvjkdH2IypKmOwk30w28CNET5fFWQV5NhyQa018fe5a5t+swcxUmVA6tV8u4Q==',
	],
	[
		"F'",
		FILL_F,
		'1700000000000',
		'/api/v3/fills',
		'fuQIqWToECvYva2beK0EPSeQp0YHv8b2iUw8bMBQfIdET9Q42cmQgpuPfKgfkhvXtaNmsLKLs6tkgaTHn3mBBA==',
	],
	[
		'G',
		LOG_G,
		'',
		'/api/history/v3/account-log',
		'fNWfDtTuH8xs7f2timFI24/ZUzBY2vK63UHqg6fRdAhG3no63IATP61e01m0JgcYLQtTZG/idEcYG1cmpcbfWQ==',
	],
	[
		"G'",
		LOG_G,
		'1700000000000',
		'/api/history/v3/account-log',
		'cyS1ggLprKX337N9NJjStoMj1ZXZhZwpIhJV69pgm9YjU72pW8MwimM/zpFZ0fr1bENcTPC1SFMZCI6UZs+8PQ==',
	],
	[
		'H',
		'',
		'',
		'/api/history/v2/orders',
		'hE7L9Vtn2ik3zXFfnx0gJ5Q3xCBtMlPfDZvuTX2cSsnP6/9HPLgeuREyg81L1W920e6gsTSNW2xARIWpgkgpKw==',
	],
	[
		'I',
		'symbol=PF_XBTUSD&maxLeverage=5',
		'',
		'/api/v3/leveragepreferences',
		'E3yWw6/GNH+qnrCkrCgIj9sSNiT1M2ufBnAsS2kObHNc2ko3tErKC5VnscBlD4pfs0yPS6svDSLscnCAftVWrQ==',
	],
	[
		'J',
		BATCH_J,
		'',
		'/api/v3/batchorder',
		'B/Hip4fF3LEGUfZ50aleUFv2egWWTbHs1VdQRHh4FH5SnE4ynsX3lq8WWEuPtXxV89QnYgptHWaTTmSZ4zxmqw==',
	],
	[
		'K',
		BATCH_K,
		'',
		'/api/v3/batchorder',
		'YyILFMtdH7XYD9e0a51aMIFBcgOa9MjxNkFul8lADbRzrGdKDjmX/+yhFb7UQK5/M0Oq5N1i2gpnFx37jekNuA==',
	],
	[
		"K'",
		BATCH_K,
		'1700000000000',
		'/api/v3/batchorder',
		'PCJyRh0C8EpBRDfTyJqGEuR50+xOWc51tzJblr2M3EUxweKbJjKMIdAIAcSPh01u6OviSnkFOUZgZbppGDnleA==',
	],
	[
		'L',
		'symbol=fi_xbtusd_180615',
		'1415957147987',
		'/api/v3/orderbook',
		'JHLjN8OUDYaXjHRGT0z4nUvJorORrXoL9omot4BK5ihtp6jKHPHfzX9MrpVjqAgKqGJejoO3gySwoVCMJQlx/Q==',
	],
];

describe('core/sign', () => {
	it('signs the official WebSocket challenge vector', () => {
		const expected =
			'4JEpF3ix66GA2B+ooK128Ift4XQVtc137N9yeg4Kqsn9PI0Kpzbysl9M1IeCEdjg0zl00wkVqcsnG4bmnlMb3A==';
		assert.equal(computeChallengeSignature('c100b894-1729-464d-ace1-52dbce11db42', WS_SECRET), expected);
		assert.equal(
			new KrakenSigner('key', WS_SECRET).signChallenge('c100b894-1729-464d-ace1-52dbce11db42'),
			expected,
		);
	});

	it('matches the python-kraken-sdk golden vector (with the /derivatives prefix stripped)', () => {
		const secret = 'cHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==';
		const expected =
			'Txi+gJVXe3EN1brXYQ46FuV6UVtEVSKhc6dYMhPb7a/HXZLGvO6m9UUg+KVKqhLxrbllOPI7qRkHYmPfJZZSGA==';
		const postData = 'orderType=lmt&symbol=PI_XBTUSD';
		assert.equal(
			computeAuthent(postData, '1616492376594', '/derivatives/api/v3/sendorder', secret),
			expected,
		);
		assert.equal(
			new KrakenSigner('key', secret).authent(postData, '1616492376594', '/api/v3/sendorder'),
			expected,
		);
	});

	it('matches the second peer vector, and not when the prefix is kept', () => {
		const args = ['symbol=PI_XBTUSD&side=buy', '1700000000000000000'] as const;
		const expected =
			'W2YL8mj+KExVX/X6fTAPvwlPPo6EP14ISry2Bv5BfJsBu4tDy6PUc1nVNu3OKXcJXrliaG19axFphls37F14zQ==';
		assert.equal(computeAuthent(...args, '/derivatives/api/v3/sendorder', 'c2VjcmV0'), expected);
		const unstripped = computeAuthent(
			'symbol=PI_XBTUSD&side=buy1700000000000000000/derivatives',
			'',
			'/api/v3/sendorder',
			'c2VjcmV0',
		);
		assert.ok(unstripped.startsWith('ARJ9ttJW'), unstripped);
	});

	for (const [name, postData, nonce, path, authent] of DERIVED) {
		it(`derived vector ${name}: ${path}${nonce ? ' with nonce' : ''}`, () => {
			assert.equal(computeAuthent(postData, nonce, path, WS_SECRET), authent);
			assert.equal(new KrakenSigner('key', WS_SECRET).authent(postData, nonce, path), authent);
			if (path.startsWith('/api/v3/')) {
				assert.equal(computeAuthent(postData, nonce, `/derivatives${path}`, WS_SECRET), authent);
			}
		});
	}

	it('derived vector E: signing the /derivatives path literally gives a different (wrong) value', () => {
		const wrong = 'letvK5CTBXyWQyImuTrtdd0ZpNcrdEMok7bcX3oonx2XAz21h3tZPsY7UmCfEn/4KCC1B1h1BLvQGckmqbC3VQ==';
		const right = computeAuthent(ORDER_C, '1700000000000', '/derivatives/api/v3/sendorder', WS_SECRET);
		assert.notEqual(right, wrong);
		// The E value is what the unstripped message signs to: prove it by signing the full path text.
		const literal = computeAuthent(`${ORDER_C}1700000000000/derivatives`, '', '/api/v3/sendorder', WS_SECRET);
		assert.equal(literal, wrong);
	});

	it('signs history paths whole and strips only a leading /derivatives', () => {
		assert.equal(signedEndpointPath('/api/history/v3/account-log'), '/api/history/v3/account-log');
		assert.equal(signedEndpointPath('/derivatives/api/v3/fills'), '/api/v3/fills');
		assert.equal(signedEndpointPath('/api/v3/derivatives'), '/api/v3/derivatives');
	});

	describe('malformed secrets fail at construction, naming apiSecret', () => {
		const cases: [string, string][] = [
			[
				'the 87-character documentation secret',
				'rttp4AzwRfYEdQ7R7X8Z/04Y4TZPa97pqCypi3xXxAqftygftnI6H9yGV+OcUOOJeFtZkr8mVwbAndU3Kz4Q+eG',
			],
			[
				'a secret with a space',
				'7zxMEF5p/Z8l2p2U7Ghv6x14Af+Fx+92tPgUdVQ748FOIrEoT9bgT+bTRfXc5pz8na+hL/QdrCVG7bh9 KpT0eMTm',
			],
			['a secret with a line break', `${WS_SECRET.slice(0, 40)}\n${WS_SECRET.slice(40)}`],
			['an empty secret', ''],
			['url-safe base64', WS_SECRET.replace(/\+/g, '-').replace(/\//g, '_')],
		];
		for (const [label, secret] of cases) {
			it(label, () => {
				assert.equal(secret === WS_SECRET, false);
				assert.throws(
					() => new KrakenSigner('key', secret),
					(error: unknown) =>
						error instanceof KrakenConfigError &&
						error.field === 'apiSecret' &&
						/apiSecret/.test(error.message),
				);
				assert.throws(() => decodeSecret(secret), KrakenConfigError);
			});
		}

		it('87 characters really is the documentation secret length', () => {
			assert.equal(cases[0][1].length, 87);
		});
	});

	it('an empty apiKey fails at construction naming apiKey', () => {
		assert.throws(
			() => new KrakenSigner(' ', WS_SECRET),
			(error: unknown) => error instanceof KrakenConfigError && error.field === 'apiKey',
		);
	});

	it('never shows the secret when serialised or inspected', async () => {
		const { inspect } = await import('node:util');
		const signer = new KrakenSigner('public-key', WS_SECRET);
		const hex = Buffer.from(WS_SECRET, 'base64').toString('hex');
		for (const text of [
			JSON.stringify(signer),
			inspect(signer, { showHidden: true, depth: 5 }),
			String(Object.values(signer)),
		]) {
			assert.equal(text.includes(WS_SECRET), false);
			assert.equal(text.includes(hex), false);
		}
	});
});
