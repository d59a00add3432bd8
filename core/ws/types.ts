import type { Clock } from '../legacy-cutoff';
import type { Logger } from '../logger';

/**
 * Public types of the WebSocket v1 client. Feed and field names follow Kraken's wire spelling;
 * see the feed-name table in `feeds.ts`.
 */

export type PublicFeed = 'ticker' | 'ticker_lite' | 'book' | 'trade' | 'heartbeat';
export type PrivateFeed =
	| 'fills'
	| 'open_orders'
	| 'open_orders_verbose'
	| 'open_positions'
	| 'balances'
	| 'account_log'
	| 'notifications_auth';
export type WsFeed = PublicFeed | PrivateFeed;

export type WsClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A feed data message as Kraken sends it (`feed` is e.g. `book_snapshot` or `book`). */
export interface WsFeedMessage {
	feed: string;
	product_id?: string;
	[field: string]: unknown;
}

export type WsMessageListener = (message: WsFeedMessage) => void;

export interface WsSubscription {
	unsubscribe(): void;
}

/** Query of REST `GET /derivatives/api/v3/fills`: without `lastFillTime` the newest 100, with it the 100 before. */
export interface FillsQuery {
	lastFillTime?: string;
}

/** Anything with the REST client's `getFills`, e.g. `KrakenFuturesRestClient`. */
export interface FillsSource {
	getFills(query: FillsQuery): Promise<{ fills?: unknown[] } | unknown>;
}

/** A narrower alternative to `FillsSource`: resolves to the response or to the `fills` array itself. */
export type FetchFills = (query: FillsQuery) => Promise<{ fills?: unknown[] } | unknown[] | unknown>;

export interface ReconnectDelayOptions {
	/** First delay after a drop, in ms (default 500). */
	initial?: number;
	/** Ceiling of the exponential backoff, in ms (default 30000). */
	max?: number;
}

export interface WsClientOptions {
	/** Full WebSocket URL, e.g. `wss://futures.kraken.com/ws/v1` or a paper `ws://127.0.0.1:PORT/ws/v1`. */
	wsUrl: string;
	/** Needed for private feeds only. Kraken Futures keys; Spot keys are refused. */
	credentials?: { apiKey: string; apiSecret: string };
	/** Used to fetch fills missed while disconnected (the REST client qualifies). */
	restClient?: FillsSource;
	/** Alternative to `restClient` for the same purpose; wins when both are given. */
	fetchFills?: FetchFills;
	/** Protocol-level ping interval, ms (default a third of `staleAfterMs`, at most 30000; Kraken wants one at least every 60 s). */
	pingIntervalMs?: number;
	/**
	 * A socket silent this long (no message, no pong) is terminated and replaced, ms (default 30000).
	 * The paper exchange and Kraken send a heartbeat or data well within that, and a ping every
	 * `pingIntervalMs` draws a pong; keep it above the ping interval.
	 */
	staleAfterMs?: number;
	/** Opening handshake timeout, ms (default 10000). */
	connectTimeoutMs?: number;
	reconnectDelayMs?: ReconnectDelayOptions;
	/** How many fill ids are remembered for de-duplication (default 10000). */
	fillMemory?: number;
	logger?: Logger;
	/** Read for the legacy cut-off date (1 March 2027); the system clock unless a test sets it. */
	clock?: Clock;
}

export type FillSource = 'snapshot' | 'update' | 'rest';

/**
 * One fill, whether it came from the WS `fills` feed or from REST `fills`. Field names follow REST
 * `fills` (`fill_id`, `order_id`, `cliOrdId`, `symbol`, `side`, `size`, `price`, `fillTime`,
 * `fillType`); the WS-only details are optional camelCase extras.
 */
export interface KrakenFill {
	fill_id: string;
	order_id: string;
	cliOrdId?: string;
	symbol: string;
	side: 'buy' | 'sell';
	/** Contracts (inverse) or base units (linear). */
	size: number;
	price: number;
	/** ISO 8601 time of the fill. */
	fillTime: string;
	/** Epoch ms of the fill, for ordering. */
	time: number;
	/** `maker`, `taker`, `liquidation`, ... as Kraken sends it. */
	fillType: string;
	feePaid?: number;
	feeCurrency?: string;
	orderType?: string;
	takerOrderType?: string;
	remainingOrderQty?: number;
	/** Where the client learnt about the fill. */
	source: FillSource;
	/** The fill object exactly as received. */
	raw: Record<string, unknown>;
}

export type FillListener = (fill: KrakenFill) => void;

export interface ReconnectingEvent {
	attempt: number;
	delayMs: number;
}
