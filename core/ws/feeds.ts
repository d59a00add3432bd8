import { describeInput } from '../describe-input';
import { KrakenValidationError } from '../errors';
import type { PrivateFeed, PublicFeed, WsFeed } from './types';

/**
 * Kraken WS v1 feed table. A subscribed feed's snapshot arrives as `<feed>_snapshot`, except for
 * `ticker`, `open_positions` and `notifications_auth`, whose every message carries the bare name.
 */
export const PUBLIC_FEEDS: readonly PublicFeed[] = ['ticker', 'ticker_lite', 'book', 'trade', 'heartbeat'];
export const PRIVATE_FEEDS: readonly PrivateFeed[] = [
	'fills',
	'open_orders',
	'open_orders_verbose',
	'open_positions',
	'balances',
	'account_log',
	'notifications_auth',
];

/** Public feeds that Kraken refuses without `product_ids`. */
const PRODUCT_FEEDS: ReadonlySet<string> = new Set(['ticker', 'ticker_lite', 'book', 'trade']);

const SNAPSHOT_SUFFIX = '_snapshot';

export function isPrivateFeed(feed: string): feed is PrivateFeed {
	return (PRIVATE_FEEDS as readonly string[]).includes(feed);
}

export function isKnownFeed(feed: string): feed is WsFeed {
	return isPrivateFeed(feed) || (PUBLIC_FEEDS as readonly string[]).includes(feed);
}

/** Whether subscriptions to `feed` are kept per product (one server subscription per product id). */
export function isProductFeed(feed: string): boolean {
	return PRODUCT_FEEDS.has(feed);
}

/** The subscribed feed a data message belongs to: `book_snapshot` → `book`, `fills` → `fills`. */
export function subscribedFeedOf(messageFeed: string): string {
	return messageFeed.endsWith(SNAPSHOT_SUFFIX) ? messageFeed.slice(0, -SNAPSHOT_SUFFIX.length) : messageFeed;
}

export function isSnapshotMessage(messageFeed: string): boolean {
	return messageFeed.endsWith(SNAPSHOT_SUFFIX);
}

/**
 * Checks a subscribe call before anything is sent. Product ids are kept as given (Kraken's are
 * upper case, e.g. `PF_XBTUSD`); duplicates are dropped.
 */
export function validateSubscription(
	feed: unknown,
	productIds: unknown,
): { feed: WsFeed; products: string[] } {
	if (typeof feed !== 'string' || !isKnownFeed(feed)) {
		const known = [...PUBLIC_FEEDS, ...PRIVATE_FEEDS].join(', ');
		throw new KrakenValidationError('feed', `must be one of ${known}, not ${describeInput(feed)}`);
	}
	if (productIds !== undefined && !Array.isArray(productIds)) {
		throw new KrakenValidationError('productIds', 'must be an array of product ids such as ["PF_XBTUSD"]');
	}
	// Kraken's product ids are upper case and a lower-case subscription gets no data; REST takes
	// either, so the feed does too.
	const normalised = ((productIds ?? []) as unknown[]).map((id) => {
		if (typeof id !== 'string' || id.trim() === '') {
			throw new KrakenValidationError('productIds', 'every product id must be a non-empty string');
		}
		return id.trim().toUpperCase();
	});
	const products = [...new Set(normalised)];
	if (isProductFeed(feed) && products.length === 0) {
		throw new KrakenValidationError('productIds', `at least one product id is required for the ${feed} feed`);
	}
	if (!isProductFeed(feed) && feed !== 'fills' && products.length > 0) {
		throw new KrakenValidationError('productIds', `the ${feed} feed takes no product ids`);
	}
	return { feed, products };
}
