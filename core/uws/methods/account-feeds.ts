import { KrakenTimeoutError } from '../../errors';
import { BalanceState } from '../channels/balances';
import { MarginState } from '../channels/margin';
import { OpenOrderBook } from '../channels/open-orders';
import { PositionBook } from '../channels/positions';
import { ACCOUNT_CHANNEL, UWS_CHANNEL } from '../unverified';
import { RecentFills } from './recent-fills';

/** The session calls the feeds use (KrakenUwsSession provides them). */
export interface FeedSession {
	subscribe(
		spec: { channel: string; symbol?: string; params?: Record<string, unknown> },
		listener: (push: { type?: string; data: unknown[] }) => void,
	): { unsubscribe(): void };
	on(event: 'reconnecting', listener: (link: string) => void): unknown;
	off(event: 'reconnecting', listener: (link: string) => void): unknown;
	/** The socket gave up (refused token, close code 1008): reads of it fail at once, with its error. */
	on(event: 'link-failed', listener: (link: string, error: Error) => void): unknown;
	off(event: 'link-failed', listener: (link: string, error: Error) => void): unknown;
}

interface Feed<S> {
	state: S;
	ready: () => boolean;
	/** Subscribes to the feed's channel unless already subscribed. */
	start: () => void;
	/** Drops the feed's subscription: the next `start` subscribes again. */
	stop: () => void;
}

/** How long a second `margin` section may lag the first before the state counts as complete. */
const MARGIN_SECTION_GRACE_MS = 300;
const POLL_MS = 25;

/**
 * The account state the unified client reads, each kept from its private channel: open orders
 * (`executions`), positions, balances and margin. A channel is subscribed on first read and stays
 * subscribed; after the private socket drops, reads wait for the fresh snapshots the session's
 * replayed subscriptions bring.
 */
export class UwsAccountFeeds {
	readonly orders: Feed<OpenOrderBook>;
	readonly positions: Feed<PositionBook>;
	readonly balances: Feed<BalanceState>;
	readonly margin: Feed<MarginState>;
	/** Fed by the same `executions` subscription as `orders`. */
	readonly fills = new RecentFills();
	#marginFirstAt: number | undefined;
	readonly #onReconnecting = (link: string): void => {
		if (link !== 'private') return;
		for (const feed of this.#all()) feed.state.reset();
		this.#marginFirstAt = undefined;
	};
	/** The private socket gave up: feeds start afresh on the next read, which tries to connect again. */
	readonly #onLinkFailed = (link: string): void => {
		if (link !== 'private') return;
		for (const feed of this.#all()) feed.stop();
		this.#onReconnecting(link);
	};

	constructor(
		private readonly session: FeedSession,
		private readonly readTimeoutMs: number,
	) {
		const orders = new OpenOrderBook();
		const positions = new PositionBook();
		const balances = new BalanceState();
		const margin = new MarginState();
		this.orders = this.#feed(
			orders,
			UWS_CHANNEL.executions.name,
			() => orders.ready,
			(push) => this.fills.apply(push.data),
		);
		this.positions = this.#feed(positions, ACCOUNT_CHANNEL.positions.name, () => positions.ready);
		this.balances = this.#feed(balances, ACCOUNT_CHANNEL.balances.name, () => balances.ready);
		this.margin = this.#feed(
			margin,
			ACCOUNT_CHANNEL.margin.name,
			() =>
				margin.complete ||
				(margin.ready &&
					this.#marginFirstAt !== undefined &&
					Date.now() - this.#marginFirstAt >= MARGIN_SECTION_GRACE_MS),
			() => (this.#marginFirstAt ??= Date.now()),
		);
		session.on('reconnecting', this.#onReconnecting);
		session.on('link-failed', this.#onLinkFailed);
	}

	/** The feed's state once its snapshot is in, subscribing first if needed. */
	async read<S>(feed: Feed<S>, what: string, signal?: AbortSignal): Promise<S> {
		feed.start();
		await this.#waitFor(feed.ready, what, signal);
		return feed.state;
	}

	close(): void {
		this.session.off('reconnecting', this.#onReconnecting);
		this.session.off('link-failed', this.#onLinkFailed);
		for (const feed of this.#all()) feed.stop();
	}

	#feed<S extends { apply(type: string | undefined, data: readonly unknown[]): void }>(
		state: S,
		channel: string,
		ready: () => boolean,
		onPush?: (push: { type?: string; data: unknown[] }) => void,
	): Feed<S> {
		let subscription: { unsubscribe(): void } | undefined;
		const start = (): void => {
			subscription ??= this.session.subscribe({ channel }, (push) => {
				onPush?.(push);
				state.apply(push.type, push.data);
			});
		};
		const stop = (): void => {
			subscription?.unsubscribe();
			subscription = undefined;
		};
		return { state, ready, start, stop };
	}

	#all(): Feed<{ reset(): void }>[] {
		return [this.orders, this.positions, this.balances, this.margin];
	}

	/**
	 * Waits for a private channel's snapshot: until it is in, the read times out, is aborted, or
	 * the private socket gives up (a refused key will not be accepted by waiting longer).
	 */
	#waitFor(ready: () => boolean, what: string, signal?: AbortSignal): Promise<void> {
		if (ready()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const finish = (error?: Error): void => {
				clearInterval(timer);
				this.session.off('link-failed', onLinkFailed);
				if (error) reject(error);
				else resolve();
			};
			const onLinkFailed = (link: string, error: Error): void => {
				if (link === 'private') finish(error);
			};
			const timer = setInterval(() => {
				if (ready()) finish();
				else if (signal?.aborted || Date.now() - started >= this.readTimeoutMs) {
					finish(
						new KrakenTimeoutError(
							signal?.aborted
								? `reading ${what} was aborted`
								: `no ${what} snapshot from Kraken's Unified WebSocket within ${this.readTimeoutMs} ms`,
						),
					);
				}
			}, POLL_MS);
			this.session.on('link-failed', onLinkFailed);
		});
	}
}
