import { KrakenError, KrakenNetworkError, KrakenTimeoutError, KrakenUnavailableError } from '../errors';
import { RateLimitWaitAbortedError } from '../rate-limit/fifo-limiter';

/** Transport error codes that mean the request never reached the exchange. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: Error): unknown {
	return (error.cause as { code?: unknown } | undefined)?.code;
}

/**
 * Whether a failed order-changing call may still have taken effect: the request may have reached
 * the exchange but no trustworthy answer came back (timeout, connection lost after the request
 * was written, a 5xx, a truncated or malformed answer). Such a call must be looked up, never
 * reported as failed and never re-sent blindly. Errors raised before anything was sent (local
 * validation, rate-limit queue, refused connection) and Kraken's own answers are certain.
 */
export function isOutcomeUncertain(error: unknown): boolean {
	if (!(error instanceof KrakenError)) return false;
	if (error instanceof KrakenTimeoutError) return true;
	if (error instanceof RateLimitWaitAbortedError) return false;
	if (error instanceof KrakenNetworkError) {
		const code = causeCode(error);
		return !(typeof code === 'string' && NOT_SENT_CODES.has(code));
	}
	if (error instanceof KrakenUnavailableError) {
		// A Kraken error string such as marketUnavailable is a refusal; what is left is a gateway
		// page, a body that is not JSON, or an HTTP 5xx, which may come after the order was placed.
		return error.krakenError === undefined || error.krakenError === 'Server Error';
	}
	return false;
}
