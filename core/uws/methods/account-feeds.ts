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
}

interface Feed<S> {
	state: S;
	ready: () => boolean;
	/** Subscribes to the feed's channel unless already subscribed. */
	start: () => void;
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

	readonly #subscriptions: { unsubscribe(): void }[] = [];

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
	}

	/** The feed's state once its snapshot is in, subscribing first if needed. */
	async read<S>(feed: Feed<S>, what: string, signal?: AbortSignal): Promise<S> {
		feed.start();
		await this.#waitFor(feed.ready, what, signal);
		return feed.state;
	}

	close(): void {
		this.session.off('reconnecting', this.#onReconnecting);
		for (const subscription of this.#subscriptions.splice(0)) subscription.unsubscribe();
	}

	#feed<S extends { apply(type: string | undefined, data: readonly unknown[]): void }>(
		state: S,
		channel: string,
		ready: () => boolean,
		onPush?: (push: { type?: string; data: unknown[] }) => void,
	): Feed<S> {
		let started = false;
		const start = (): void => {
			if (started) return;
			started = true;
			const subscription = this.session.subscribe({ channel }, (push) => {
				onPush?.(push);
				state.apply(push.type, push.data);
			});
			this.#subscriptions.push(subscription);
		};
		return { state, ready, start };
	}

	#all(): Feed<{ reset(): void }>[] {
		return [this.orders, this.positions, this.balances, this.margin];
	}

	#waitFor(ready: () => boolean, what: string, signal?: AbortSignal): Promise<void> {
		if (ready()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const timer = setInterval(() => {
				if (ready()) {
					clearInterval(timer);
					resolve();
				} else if (signal?.aborted || Date.now() - started >= this.readTimeoutMs) {
					clearInterval(timer);
					reject(
						new KrakenTimeoutError(
							signal?.aborted
								? `reading ${what} was aborted`
								: `no ${what} snapshot from Kraken's Unified WebSocket within ${this.readTimeoutMs} ms`,
						),
					);
				}
			}, POLL_MS);
		});
	}
}
