import { apiErrorFromHttpStatus, apiErrorFromString, type ApiErrorContext } from '../error-map';
import { KrakenApiError, KrakenUnavailableError } from '../errors';
import type { HttpResponse } from './transport';

/** How much of a non-JSON body an error keeps for diagnostics. */
const BODY_EXCERPT_LENGTH = 200;

function retryAfterSeconds(headers: Record<string, string>): number | undefined {
	const raw = headers['rate-limit-reset'] ?? headers['retry-after'];
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/** The error text of `{"errors":[{"code":92,"message":"INSUFFICIENT_MARGIN"}]}` or `{"errors":["..."]}`. */
function errorsArrayText(errors: unknown): string | undefined {
	if (!Array.isArray(errors) || errors.length === 0) return undefined;
	const first: unknown = errors[0];
	if (typeof first === 'string') return first;
	if (typeof first === 'object' && first !== null) {
		const { message, code } = first as { message?: unknown; code?: unknown };
		if (typeof message === 'string' && message !== '') return message;
		if (code !== undefined) return `code ${String(code)}`;
	}
	return undefined;
}

/**
 * Turns an HTTP response into the parsed Kraken body, or throws the matching `KrakenApiError`:
 * a Kraken `error` string goes through the API error table, an HTTP failure without one through
 * the HTTP status table, and a body that is not JSON gets an error that says so.
 */
export function parseKrakenResponse(response: HttpResponse, endpoint: string): Record<string, unknown> {
	const { status, headers, body } = response;
	const context: ApiErrorContext = { httpStatus: status, endpoint };
	const retryAfter = retryAfterSeconds(headers);
	if (retryAfter !== undefined) context.retryAfterSeconds = retryAfter;
	const parsed = parseJson(body);
	const isObject = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null;
	if (!isObject) {
		const excerpt = body.slice(0, BODY_EXCERPT_LENGTH);
		if (status === 401 || status === 403 || status === 429) {
			throw apiErrorFromHttpStatus(status, { ...context, body: excerpt });
		}
		const message = `Kraken Futures answered HTTP ${status} with a response that was not JSON (${endpoint})`;
		const details = { ...context, body: excerpt };
		throw status >= 500 || (status >= 200 && status < 300)
			? new KrakenUnavailableError(message, details)
			: new KrakenApiError(message, details);
	}
	const value = parsed.value as Record<string, unknown>;
	context.body = value;
	if (typeof value.error === 'string' && value.error !== '' && value.result !== 'success') {
		throw apiErrorFromString(value.error, context);
	}
	const errorsText = errorsArrayText(value.errors);
	if (errorsText !== undefined && value.result !== 'success') throw apiErrorFromString(errorsText, context);
	if (value.result === 'error') throw apiErrorFromHttpStatus(status, context);
	if (status < 200 || status >= 300) throw apiErrorFromHttpStatus(status, context);
	return value;
}
