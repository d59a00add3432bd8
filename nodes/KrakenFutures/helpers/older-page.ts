import { KrakenUnsupportedError } from '../../../core';

/**
 * One page of a Get Many. A transport without older history (Kraken's Unified WebSocket serves only
 * the latest fills and trades) ends the listing after the first page instead of failing it; a first
 * page that is refused is still an error.
 */
export async function olderPage<T>(before: unknown, fetch: () => Promise<T>): Promise<T | undefined> {
	return await fetch().catch(async (error: unknown) =>
		before !== undefined && error instanceof KrakenUnsupportedError ? undefined : await Promise.reject(error),
	);
}
