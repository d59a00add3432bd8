import { createHash, createHmac } from 'node:crypto';
import { KrakenConfigError } from './errors';

/**
 * Kraken Futures request and challenge signing.
 *
 * Authent = base64(HMAC-SHA512(base64decode(secret), SHA-256(postData + nonce + endpointPath)))
 * @see https://docs.kraken.com/api/docs/guides/futures-rest
 */

const DERIVATIVES_PREFIX = '/derivatives';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes an API secret, refusing anything that is not strict standard base64.
 * Node's own decoder silently accepts malformed input (Kraken's documentation sample secret is
 * 87 characters long), which would only surface later as an `authenticationError`.
 */
export function decodeSecret(secretBase64: string): Buffer {
	if (typeof secretBase64 !== 'string' || secretBase64.length === 0) {
		throw new KrakenConfigError('apiSecret is missing', { field: 'apiSecret' });
	}
	if (!STRICT_BASE64.test(secretBase64)) {
		throw new KrakenConfigError(
			'apiSecret is not valid base64: copy the private key exactly as Kraken Futures shows it, without spaces or line breaks',
			{ field: 'apiSecret' },
		);
	}
	return Buffer.from(secretBase64, 'base64');
}

/** The path Kraken signs: `/derivatives/api/v3/x` is signed as `/api/v3/x`; history paths are signed whole. */
export function signedEndpointPath(urlPath: string): string {
	return urlPath.startsWith(DERIVATIVES_PREFIX) ? urlPath.slice(DERIVATIVES_PREFIX.length) : urlPath;
}

function hmacOfSha256(secret: Buffer, message: string): string {
	// 1. SHA-256 of the message, kept as the raw 32-byte digest (hashing its hex form is a classic bug).
	const digest = createHash('sha256').update(message, 'utf8').digest();
	// 2. HMAC-SHA-512 of that digest keyed with the decoded secret, 3. base64-encoded.
	return createHmac('sha512', secret).update(digest).digest('base64');
}

/** A signer bound to one key pair. The decoded secret never leaves this object. */
export class KrakenSigner {
	readonly apiKey: string;
	readonly #secret: Buffer;

	constructor(apiKey: string, apiSecret: string) {
		if (typeof apiKey !== 'string' || apiKey.trim() === '') {
			throw new KrakenConfigError('apiKey is missing', { field: 'apiKey' });
		}
		this.apiKey = apiKey;
		this.#secret = decodeSecret(apiSecret);
	}

	/**
	 * Signs a REST request. `postData` must be byte-identical to what is sent: the query string
	 * without `?` for GET, the form body for POST, or query + body when a request has both.
	 */
	authent(postData: string, nonce: string, urlPath: string): string {
		return hmacOfSha256(this.#secret, postData + nonce + signedEndpointPath(urlPath));
	}

	/** Signs a WebSocket challenge (the UUID the server sent in `{"event":"challenge"}`). */
	signChallenge(challenge: string): string {
		return hmacOfSha256(this.#secret, challenge);
	}

	/** Keeps the secret out of logs and serialised objects. */
	toJSON(): { apiKey: string } {
		return { apiKey: this.apiKey };
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return `KrakenSigner { apiKey: '${this.apiKey}' }`;
	}
}

/** Stateless form used by the paper exchange to verify what a client sent. */
export function computeAuthent(
	postData: string,
	nonce: string,
	urlPath: string,
	secretBase64: string,
): string {
	return hmacOfSha256(decodeSecret(secretBase64), postData + nonce + signedEndpointPath(urlPath));
}

export function computeChallengeSignature(challenge: string, secretBase64: string): string {
	return hmacOfSha256(decodeSecret(secretBase64), challenge);
}
