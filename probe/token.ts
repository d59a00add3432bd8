import { request } from 'undici';
import { signSpotRequest } from '../core/uws/spot-sign';
import type { KrakenKey } from './credentials';
import type { SessionRecorder } from './recorder';

const GET_WEBSOCKETS_PATH = '/0/private/GetWebSocketsToken';

/** Microseconds since the epoch, above every nonce this process used before. */
let lastNonce = 0n;
function nextNonce(): string {
	const now = BigInt(Date.now()) * 1000n;
	lastNonce = now > lastNonce ? now : lastNonce + 1n;
	return String(lastNonce);
}

/** Fetches a WebSocket token with the Kraken key; the call and its answer are recorded, the token redacted. */
export async function fetchToken(
	restUrl: string,
	key: KrakenKey,
	recorder: SessionRecorder,
): Promise<string> {
	const nonce = nextNonce();
	const body = `nonce=${nonce}`;
	const url = new URL(GET_WEBSOCKETS_PATH, restUrl).toString();
	recorder.record('rest', 'out', { method: 'POST', url, body: 'nonce=[nonce]' });
	const response = await request(url, {
		method: 'POST',
		body,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'API-Key': key.apiKey,
			'API-Sign': signSpotRequest(GET_WEBSOCKETS_PATH, nonce, body, key.apiSecret),
		},
		headersTimeout: 15_000,
		bodyTimeout: 15_000,
	});
	const text = await response.body.text();
	let answer: { error?: unknown; result?: { token?: unknown } };
	try {
		answer = JSON.parse(text) as typeof answer;
	} catch {
		recorder.record('rest', 'in', { status: response.statusCode, text: text.slice(0, 2_000) });
		throw new Error(`GetWebSocketsToken answered HTTP ${response.statusCode} without JSON`);
	}
	recorder.record('rest', 'in', { status: response.statusCode, ...answer });
	const token = answer.result?.token;
	if (typeof token !== 'string') {
		throw new Error(
			`GetWebSocketsToken refused: ${JSON.stringify(answer.error)} (the key must be a Kraken API key with "WebSocket interface" access, not a Futures key)`,
		);
	}
	return token;
}
