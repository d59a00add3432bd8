import type { Params } from '../exchange';

/**
 * Decodes `application/x-www-form-urlencoded` text (a query string, a form body, or both) into
 * fields. A key sent more than once (`orderIds=a&orderIds=b`) becomes an array, as Kraken reads it.
 */
export function parseParams(...sources: string[]): Params {
	const params: Params = {};
	for (const source of sources) {
		if (source === '') continue;
		for (const [key, value] of new URLSearchParams(source)) {
			const existing = params[key];
			if (existing === undefined) params[key] = value;
			else if (Array.isArray(existing)) existing.push(value);
			else params[key] = [existing, value];
		}
	}
	return params;
}

/** The first value of a field, whether it was sent once or repeated. */
export function firstParam(params: Params, key: string): string | undefined {
	const value = params[key];
	return Array.isArray(value) ? value[0] : value;
}
