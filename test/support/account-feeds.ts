import type { PaperExchangeServer } from '../../paper/server';

/** The fills feed on either API: WebSocket v1 `fills` or the unified `executions` channel. */
export const FILL_FEEDS = ['fills', 'executions'] as const;

/** Order updates on either API: WebSocket v1 `open_orders` or the unified `executions` channel. */
export const ORDER_FEEDS = ['open_orders', 'executions'] as const;

async function untilSubscribed(
	server: PaperExchangeServer,
	feeds: readonly string[],
	wanted: boolean,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (feeds.some((feed) => server.accountSubscriberCount(feed) > 0) !== wanted) {
		if (Date.now() > deadline) {
			throw new Error(
				`${wanted ? 'no' : 'still a'} subscriber to ${feeds.join(' or ')} after ${timeoutMs} ms`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/**
 * Resolves once some consumer follows one of `feeds` on the paper exchange: its snapshot has been
 * sent, so whatever the account does from now on reaches that consumer as an update. Tests wait
 * for this before they trade, instead of sleeping for a while and hoping the feed is live.
 */
export async function accountFeedLive(
	server: PaperExchangeServer,
	feeds: readonly string[],
	timeoutMs = 20_000,
): Promise<void> {
	await untilSubscribed(server, feeds, true, timeoutMs);
}

/** Resolves once nobody follows any of `feeds` (a consumer closed just before is really gone). */
export async function accountFeedsIdle(
	server: PaperExchangeServer,
	feeds: readonly string[],
	timeoutMs = 20_000,
): Promise<void> {
	await untilSubscribed(server, feeds, false, timeoutMs);
}
