import type { PaperExchange, Payload } from '../exchange';

/** Whether a feed takes `product_ids`: required (market feeds), optional (fills) or never. */
export type ProductRule = 'required' | 'optional' | 'none';

export interface FeedSpec {
	authenticated: boolean;
	products: ProductRule;
	/** The messages sent right after the subscription ack, per product for market feeds. */
	snapshot: (exchange: PaperExchange, subject: string) => Payload[];
}

/** A message with `feed` first, the way Kraken's documentation prints them. */
export function feedMessage(feed: string, payload: Payload): Payload {
	return { feed, ...payload };
}

const one =
	(feed: string, read: (exchange: PaperExchange, subject: string) => Payload) =>
	(exchange: PaperExchange, subject: string): Payload[] => [feedMessage(feed, read(exchange, subject))];

/**
 * The WebSocket v1 feed catalog. Snapshots arrive as `<feed>_snapshot`, except `ticker`,
 * `ticker_lite`, `open_positions` and `notifications_auth`, whose first message has the feed's own name.
 */
export const FEEDS: Readonly<Record<string, FeedSpec>> = {
	ticker: {
		authenticated: false,
		products: 'required',
		snapshot: one('ticker', (e, s) => e.wsTicker(s)),
	},
	ticker_lite: {
		authenticated: false,
		products: 'required',
		snapshot: one('ticker_lite', (e, s) => e.wsTickerLite(s)),
	},
	book: {
		authenticated: false,
		products: 'required',
		snapshot: one('book_snapshot', (e, s) => e.wsBookSnapshot(s)),
	},
	trade: {
		authenticated: false,
		products: 'required',
		snapshot: one('trade_snapshot', (e, s) => e.wsTradeSnapshot(s)),
	},
	heartbeat: { authenticated: false, products: 'none', snapshot: () => [] },
	fills: {
		authenticated: true,
		products: 'optional',
		snapshot: one('fills_snapshot', (e, a) => e.wsFillsSnapshot(a)),
	},
	open_orders: {
		authenticated: true,
		products: 'none',
		snapshot: one('open_orders_snapshot', (e, a) => e.wsOpenOrdersSnapshot(a)),
	},
	open_orders_verbose: {
		authenticated: true,
		products: 'none',
		snapshot: one('open_orders_verbose_snapshot', (e, a) => e.wsOpenOrdersSnapshot(a)),
	},
	open_positions: {
		authenticated: true,
		products: 'none',
		snapshot: one('open_positions', (e, a) => e.wsOpenPositions(a)),
	},
	balances: {
		authenticated: true,
		products: 'none',
		snapshot: one('balances_snapshot', (e, a) => e.wsBalancesSnapshot(a)),
	},
	account_log: {
		authenticated: true,
		products: 'none',
		snapshot: one('account_log_snapshot', (e, a) => e.wsAccountLogSnapshot(a)),
	},
	notifications_auth: {
		authenticated: true,
		products: 'none',
		snapshot: one('notifications_auth', (e) => e.wsNotifications()),
	},
};

/** Keeps only the fills of the given instruments in a `fills`/`fills_snapshot` message. */
export function onlyInstruments(message: Payload, products: ReadonlySet<string> | undefined): Payload {
	if (products === undefined || !Array.isArray(message.fills)) return message;
	const fills = (message.fills as Record<string, unknown>[]).filter((fill) =>
		products.has(String(fill.instrument).toUpperCase()),
	);
	return { ...message, fills };
}
