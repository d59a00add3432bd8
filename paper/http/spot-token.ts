import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signSpotRequest } from '../../core/uws/spot-sign';
import type { TokenRegistry } from '../uws/tokens';
import { SPOT_REST_ERRORS } from '../uws/unverified';
import type { KeyRing } from './keyring';
import { readBody } from './handler';
import { sendJson } from './respond';

export const GET_WEBSOCKETS_PATH = '/0/private/GetWebSocketsToken';
/** The Spot REST paths the paper exchange answers (only what the Unified WebSocket needs). */
export const SPOT_PATH_PREFIX = '/0/';

const MAX_BODY_BYTES = 64 * 1024;

export interface SpotTokenDependencies {
	keys: KeyRing;
	tokens: TokenRegistry;
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The nonce exactly as it appears in the body, form (`nonce=…`) or JSON (`{"nonce": …}`, number or string).
 * Read as text: a nanosecond nonce does not survive a round trip through a JavaScript number.
 */
export function nonceOf(body: string, contentType: string): string | undefined {
	if (contentType.includes('application/json')) {
		const match = /"nonce"\s*:\s*"?(\d+)"?/.exec(body);
		return match?.[1];
	}
	const nonce = new URLSearchParams(body).get('nonce');
	return nonce !== null && /^\d+$/.test(nonce) ? nonce : undefined;
}

/** Kraken Spot REST's envelope: `{error: [...]}` on failure, `{error: [], result}` on success, always HTTP 200. */
const spotError = (res: ServerResponse, error: string): void => sendJson(res, 200, { error: [error] });

/**
 * `POST /0/private/GetWebSocketsToken`: `API-Sign` must be the Spot signature of the exact body bytes, the
 * nonce is mandatory and must grow strictly per key; the token addresses the key's paper account.
 */
export function createSpotHandler(
	deps: SpotTokenDependencies,
): (req: IncomingMessage, res: ServerResponse) => void {
	const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
		const path = (req.url ?? '').split('?')[0];
		if (req.method !== 'POST' || path !== GET_WEBSOCKETS_PATH)
			return spotError(res, SPOT_REST_ERRORS.unknownMethod);
		const apiKey = header(req, 'api-key');
		const apiSign = header(req, 'api-sign');
		const pair = apiKey === undefined ? undefined : deps.keys.getBySpotKey(apiKey);
		if (pair === undefined || apiKey === undefined) return spotError(res, SPOT_REST_ERRORS.invalidKey);
		const nonce = nonceOf(body, header(req, 'content-type') ?? '');
		if (nonce === undefined) return spotError(res, SPOT_REST_ERRORS.invalidNonce);
		const expected = signSpotRequest(GET_WEBSOCKETS_PATH, nonce, body, pair.spotApiSecret);
		if (apiSign === undefined || !sameText(apiSign, expected)) {
			return spotError(res, SPOT_REST_ERRORS.invalidSignature);
		}
		if (deps.keys.checkNonce(apiKey, nonce) !== 'ok') return spotError(res, SPOT_REST_ERRORS.invalidNonce);
		deps.keys.recordNonce(apiKey, nonce);
		const token = deps.tokens.issue(pair.accountId);
		sendJson(res, 200, { error: [], result: { token, expires: deps.tokens.ttlSeconds } });
	};
	return (req, res) => {
		res.on('error', () => undefined);
		readBody(req, MAX_BODY_BYTES)
			.then((body) =>
				body === undefined ? spotError(res, SPOT_REST_ERRORS.invalidArguments) : answer(req, res, body),
			)
			.catch(() => spotError(res, SPOT_REST_ERRORS.invalidArguments));
	};
}
