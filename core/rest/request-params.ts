import { KrakenConfigError, KrakenValidationError } from '../errors';
import type { EndpointSpec } from './endpoints';
import type { FormValue } from './form';
import type { HistoryPaging } from './types';

/** The REST origin, checked once when a client is made. */
export function normaliseRestUrl(restUrl: string): string {
	let url: URL;
	try {
		url = new URL(restUrl);
	} catch {
		throw new KrakenConfigError('restUrl is not a valid URL', { field: 'restUrl' });
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new KrakenConfigError('restUrl must start with http:// or https://', { field: 'restUrl' });
	}
	return url.origin;
}

/** An endpoint with a path that carries a parameter (`/tickers/{symbol}`). */
export function withPath(spec: EndpointSpec, path: string): EndpointSpec {
	return { ...spec, path };
}

/** The paging parameters of the history endpoints, in Kraken's spelling. */
export function pagingParams(request: HistoryPaging): Record<string, FormValue> {
	const { since, before, sort, count, continuation_token, tradeable } = request;
	return { since, before, sort, count, continuation_token, tradeable };
}

/** Symbols are case-insensitive on input; Kraken answers in upper case, so send upper case. */
export function requireSymbol(symbol: unknown): string {
	if (typeof symbol !== 'string' || symbol.trim() === '')
		throw new KrakenValidationError('symbol', 'is required');
	return symbol.trim().toUpperCase();
}

/** A positive duration setting in ms, or `fallback` when unset; anything else is a config error. */
export function positiveMs(field: string, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new KrakenConfigError(`${field} must be a positive number of milliseconds`, { field });
	}
	return value;
}
