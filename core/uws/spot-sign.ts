import { createHash, createHmac } from 'node:crypto';
import { KrakenConfigError } from '../errors';

/**
 * Kraken Spot REST request signing, used by the Unified WebSocket's token call.
 * Not the Futures `Authent` scheme: here the nonce comes first, the path is prepended to the raw
 * SHA-256 digest, and nothing is stripped from the path.
 * @see https://docs.kraken.com/api/docs/guides/spot-rest-auth
 */

/** Decodes a Kraken API private key. Re-encoding must give back the input: Node's decoder otherwise accepts malformed base64 silently. */
export function decodeSpotSecret(secretBase64: string): Buffer {
	if (typeof secretBase64 !== 'string' || secretBase64.length === 0) {
		throw new KrakenConfigError('spotApiSecret is missing', { field: 'spotApiSecret' });
	}
	const decoded = Buffer.from(secretBase64, 'base64');
	if (decoded.length === 0 || decoded.toString('base64') !== secretBase64) {
		throw new KrakenConfigError(
			'spotApiSecret is not valid base64: copy the Kraken API private key exactly as Kraken shows it, without spaces or line breaks',
			{ field: 'spotApiSecret' },
		);
	}
	return decoded;
}

/** Kraken Spot REST API-Sign: base64(HMAC-SHA512(base64decode(secret), urlPath + SHA256(nonce + postData))). */
export function signSpotRequest(
	urlPath: string,
	nonce: string,
	postData: string,
	secretBase64: string,
): string {
	const secret = decodeSpotSecret(secretBase64);
	// The digest is appended as its raw 32 bytes; hashing or appending the hex form is the classic bug.
	const digest = createHash('sha256')
		.update(nonce + postData, 'utf8')
		.digest();
	return createHmac('sha512', secret)
		.update(Buffer.concat([Buffer.from(urlPath, 'utf8'), digest]))
		.digest('base64');
}
