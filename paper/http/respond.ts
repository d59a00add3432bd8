import type { ServerResponse } from 'node:http';
import type { Payload } from '../exchange';

/** Writes a JSON answer unless the client is already gone. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	sendText(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

export function sendText(
	res: ServerResponse,
	status: number,
	text: string,
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
	res.end(text);
}

/** Kraken's success envelope: `result` and `serverTime` first, then the payload. */
export function successBody(payload: Payload, serverTime: string): Payload {
	return { result: 'success', serverTime, ...payload };
}

/** Kraken's v3 error envelope. */
export function errorBody(error: string, serverTime: string, extra: Payload = {}): Payload {
	return { result: 'error', serverTime, error, ...extra };
}

/** What the history API answers to a request it cannot authenticate. */
export const HISTORY_UNAUTHORIZED = {
	reason: 'You are not authorized to access this endpoint.',
	status: 'unauthorized',
};

/** The page a gateway in front of the exchange answers when the exchange is down. */
export const GATEWAY_UNAVAILABLE_HTML =
	'<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>';
