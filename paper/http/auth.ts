import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { computeAuthent } from '../../core/sign';
import type { KeyRing, PaperKeyPair } from './keyring';

export type AuthFailure = 'authenticationError' | 'nonceBelowThreshold' | 'nonceDuplicate';

export type AuthResult = { ok: true; key: PaperKeyPair } | { ok: false; error: AuthFailure };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a signed REST request the way Kraken does: `Authent` must equal the signature of
 * `postData + nonce + endpointPath`, where postData is the query string and body exactly as
 * received (never re-encoded) and endpointPath is the URL path without `/derivatives`.
 * A nonce, when present, must be larger than every nonce this key used before; it is only
 * used up when the signature is valid.
 */
export function verifyRestSignature(
	keys: KeyRing,
	headers: IncomingHttpHeaders,
	postData: string,
	urlPath: string,
): AuthResult {
	const apiKey = header(headers, 'apikey');
	const authent = header(headers, 'authent');
	const nonce = header(headers, 'nonce') ?? '';
	if (!apiKey || !authent) return { ok: false, error: 'authenticationError' };
	const key = keys.get(apiKey);
	if (key === undefined) return { ok: false, error: 'authenticationError' };
	const expected = computeAuthent(postData, nonce, urlPath, key.apiSecret);
	if (!sameText(authent, expected)) return { ok: false, error: 'authenticationError' };
	if (nonce !== '') {
		const verdict = keys.checkNonce(apiKey, nonce);
		if (verdict === 'malformed') return { ok: false, error: 'authenticationError' };
		if (verdict !== 'ok') return { ok: false, error: verdict };
		keys.recordNonce(apiKey, nonce);
	}
	return { ok: true, key };
}
