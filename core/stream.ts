import type { KrakenError } from './errors';
import type {
	FillListener,
	ReconnectingEvent,
	WsClientState,
	WsFeed,
	WsMessageListener,
	WsSubscription,
} from './ws/types';

/**
 * A gap the client cannot close: after a reconnect, Kraken's Unified WebSocket returns only the
 * last 50 fills, and all of them were new, so older fills from the outage may never arrive.
 */
export interface FillGapEvent {
	/** How many fills the recovery snapshot held (its limit: more may have happened). */
	snapshotSize: number;
	/** Time (ISO 8601) of the newest fill delivered before the outage, when there was one. */
	lastKnownFillTime?: string;
	/** Time (ISO 8601) of the oldest fill in the recovery snapshot: fills before it may be missing. */
	oldestRecoveredFillTime: string;
	/** What to do about it, in words a user can act on. */
	message: string;
}

/** Events of a streaming client, with their arguments. */
export interface KrakenStreamEvents {
	state: [state: WsClientState];
	open: [];
	reconnecting: [event: ReconnectingEvent];
	reconnected: [];
	alert: [error: KrakenError];
	error: [error: KrakenError];
	/** Only transports that cannot recover every missed fill emit it (the Unified WebSocket). */
	'fill-gap': [event: FillGapEvent];
	close: [];
}

/**
 * What the trigger nodes need from a live connection to Kraken, whichever API carries it:
 * `KrakenFuturesWsClient` (Derivatives WebSocket v1) and `KrakenUwsStreamClient` (Unified
 * WebSocket) both fulfil it. Feed messages keep the v1 shapes (`feed`, `product_id`, …) so the
 * nodes read one format; a Unified WebSocket message also carries the wire item in `raw`.
 */
export interface KrakenStreamClient {
	readonly state: WsClientState;
	subscribe(feed: WsFeed, productIds: string[] | undefined, listener: WsMessageListener): WsSubscription;
	/** Every fill exactly once, in time order, across reconnects. */
	onFill(listener: FillListener, productIds?: string[]): WsSubscription;
	close(): Promise<void>;
	on<E extends keyof KrakenStreamEvents>(event: E, listener: (...args: KrakenStreamEvents[E]) => void): this;
	once<E extends keyof KrakenStreamEvents>(
		event: E,
		listener: (...args: KrakenStreamEvents[E]) => void,
	): this;
	off<E extends keyof KrakenStreamEvents>(event: E, listener: (...args: KrakenStreamEvents[E]) => void): this;
}
