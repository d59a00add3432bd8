import { EventEmitter } from 'node:events';
import { KrakenConfigError, KrakenValidationError, KrakenWsError } from '../errors';
import { assertLegacyAvailable } from '../legacy-cutoff';
import type { Logger } from '../logger';
import type { KrakenStreamClient } from '../stream';
import { reconnectDelay } from './backoff';
import { ChallengeAuth } from './challenge';
import { WsConnection } from './connection';
import { isPrivateFeed, isProductFeed, validateSubscription } from './feeds';
import { FillTracker } from './fill-tracker';
import { LatestStateCache } from './latest-state';
import { resolveWsOptions, type ResolvedWsOptions } from './options';
import { alertToError, serverErrorToError } from './server-events';
import { feedRequest, keyOfMessage, messageForConsumer, SubscriptionRegistry } from './subscriptions';
import type { Consumer, ServerSubscription } from './subscriptions';
import type {
	FillListener,
	WsClientOptions,
	WsClientState,
	WsFeed,
	WsFeedMessage,
	WsMessageListener,
	WsSubscription,
} from './types';

/**
 * Kraken Futures WebSocket v1 client: one connection, shared by every consumer.
 *
 * Connects on the first subscribe; pings every `pingIntervalMs` and replaces a connection silent
 * for `staleAfterMs`; reconnects with exponential backoff and jitter, asks for a fresh challenge
 * and resubscribes everything. Subscriptions are reference-counted per (feed, product).
 *
 * Events: `state` (WsClientState), `open`, `reconnecting` ({attempt, delayMs}), `reconnected`,
 * `alert` (KrakenWsError), `error` (KrakenWsError; logged instead when nobody listens, so an
 * unhandled `error` never crashes the host), `close`.
 */
export class KrakenFuturesWsClient extends EventEmitter implements KrakenStreamClient {
	readonly #options: ResolvedWsOptions;
	readonly #challenge: ChallengeAuth | undefined;
	readonly #registry = new SubscriptionRegistry();
	readonly #cache = new LatestStateCache();
	readonly #fills: FillTracker;
	readonly #logger: Logger;
	#state: WsClientState = 'idle';
	#connection: WsConnection | undefined;
	#reconnectTimer: NodeJS.Timeout | undefined;
	/** Runs while a challenge is unanswered: a server that never answers would hold private feeds forever. */
	#challengeTimer: NodeJS.Timeout | undefined;
	#attempt = 0;
	#hasBeenOpen = false;
	#fillsFeed: WsSubscription | undefined;

	constructor(options: WsClientOptions) {
		super();
		this.#options = resolveWsOptions(options);
		this.#logger = this.#options.logger;
		if (this.#options.signer) this.#challenge = new ChallengeAuth(this.#options.signer);
		this.#fills = new FillTracker({
			memory: this.#options.fillMemory,
			logger: this.#logger,
			onError: (error) => this.#emitError(error),
			...(this.#options.fetchFills ? { fetchFills: this.#options.fetchFills } : {}),
		});
	}

	get state(): WsClientState {
		return this.#state;
	}

	/**
	 * Listens to a feed. The listener receives the feed's snapshot and update messages exactly as
	 * Kraken sends them (`book_snapshot`, `book`, ...). A consumer joining a subscription that is
	 * already running first gets what it missed, where the feed allows (see LatestStateCache).
	 * `productIds` is required for ticker, ticker_lite, book and trade; for fills it filters locally.
	 */
	subscribe(feed: WsFeed, productIds: string[] | undefined, listener: WsMessageListener): WsSubscription {
		if (this.#state === 'closed') throw new KrakenWsError('the WebSocket client is closed');
		assertLegacyAvailable(this.#options.url, this.#options.clock);
		const checked = validateSubscription(feed, productIds);
		if (typeof listener !== 'function') throw new KrakenValidationError('listener', 'must be a function');
		if (isPrivateFeed(checked.feed) && !this.#challenge) {
			throw new KrakenConfigError(`apiKey and apiSecret are required for the private ${checked.feed} feed`, {
				field: 'apiKey',
			});
		}
		const consumer: Consumer = { listener };
		if (!isProductFeed(checked.feed) && checked.products.length > 0)
			consumer.products = new Set(checked.products);
		const products = isProductFeed(checked.feed) ? checked.products : [undefined];
		const keys = products.map((product) => {
			const { created, sub } = this.#registry.add(checked.feed, product, consumer);
			if (!created && sub.status === 'active') this.#replayTo(sub.key, consumer);
			return sub.key;
		});
		this.#sendPending();
		let active = true;
		return {
			unsubscribe: () => {
				if (!active) return;
				active = false;
				for (const key of keys) this.#release(key, consumer);
			},
		};
	}

	/**
	 * Every fill of the account exactly once, in time order, including fills that happened while the
	 * connection was down (fetched from REST `fills` when a `restClient` or `fetchFills` is given).
	 * Fills from before the first subscription (the initial `fills_snapshot`) are not delivered.
	 */
	onFill(listener: FillListener, productIds?: string[]): WsSubscription {
		if (this.#state === 'closed') throw new KrakenWsError('the WebSocket client is closed');
		if (typeof listener !== 'function') throw new KrakenValidationError('listener', 'must be a function');
		const { products } = validateSubscription('fills', productIds);
		const removeListener = this.#fills.addListener(listener, products);
		try {
			this.#fillsFeed ??= this.subscribe('fills', undefined, (message) => this.#fills.handleMessage(message));
		} catch (error) {
			removeListener();
			throw error;
		}
		let active = true;
		return {
			unsubscribe: () => {
				if (!active) return;
				active = false;
				removeListener();
				if (this.#fills.listenerCount === 0 && this.#fillsFeed) {
					this.#fillsFeed.unsubscribe();
					this.#fillsFeed = undefined;
					this.#fills.reset();
				}
			},
		};
	}

	/** Closes the socket and stops every timer; the client cannot be used afterwards. */
	async close(): Promise<void> {
		if (this.#state === 'closed') return;
		this.#setState('closed');
		clearTimeout(this.#reconnectTimer);
		this.#reconnectTimer = undefined;
		this.#stopChallengeTimer();
		const connection = this.#connection;
		this.#connection = undefined;
		await connection?.close();
		this.#cache.clear();
		this.#fills.reset();
		this.emit('close');
	}

	#setState(state: WsClientState): void {
		if (this.#state === state) return;
		this.#state = state;
		this.emit('state', state);
	}

	#emitError(error: KrakenWsError): void {
		if (this.listenerCount('error') > 0) this.emit('error', error);
		else this.#logger.error(error.message, { code: error.code, feed: error.feed });
	}

	#connect(): void {
		if (this.#refusedAfterCutoff()) return;
		this.#setState(this.#attempt > 0 ? 'reconnecting' : 'connecting');
		this.#challenge?.reset();
		const connection = new WsConnection(
			{
				url: this.#options.url,
				pingIntervalMs: this.#options.pingIntervalMs,
				staleAfterMs: this.#options.staleAfterMs,
				connectTimeoutMs: this.#options.connectTimeoutMs,
				logger: this.#logger,
			},
			{
				onOpen: () => this.#onOpen(),
				onMessage: (message) => this.#onMessage(message),
				onClose: (reason) => this.#onClose(connection, reason),
			},
		);
		this.#connection = connection;
	}

	#onOpen(): void {
		this.#attempt = 0;
		this.#setState('open');
		this.emit('open');
		if (this.#hasBeenOpen) this.emit('reconnected');
		this.#hasBeenOpen = true;
		this.#registry.markAllPending();
		this.#sendPending();
	}

	#onClose(connection: WsConnection, reason: string): void {
		if (this.#connection !== connection) return;
		this.#connection = undefined;
		this.#stopChallengeTimer();
		this.#fills.connectionLost();
		this.#cache.clear();
		this.#registry.markAllPending();
		if (this.#state === 'closed') return;
		if (this.#registry.size === 0) {
			this.#setState('idle');
			return;
		}
		this.#attempt++;
		const delayMs = reconnectDelay(this.#attempt, this.#options.backoff.initial, this.#options.backoff.max);
		this.#logger.info('Kraken WS disconnected; reconnecting', { reason, attempt: this.#attempt, delayMs });
		this.#setState('reconnecting');
		this.emit('reconnecting', { attempt: this.#attempt, delayMs });
		this.#reconnectTimer = setTimeout(() => {
			this.#reconnectTimer = undefined;
			if (this.#state !== 'closed') this.#connect();
		}, delayMs);
	}

	/** A feed that outlived 1 March 2027 stops instead of reconnecting to Kraken's retired host. */
	#refusedAfterCutoff(): boolean {
		try {
			assertLegacyAvailable(this.#options.url, this.#options.clock);
			return false;
		} catch (error) {
			this.#setState('idle');
			if (this.listenerCount('error') > 0) this.emit('error', error);
			else this.#logger.error((error as Error).message);
			return true;
		}
	}

	/** Sends every pending subscribe, grouped per feed; private ones once the challenge is signed. */
	#sendPending(): void {
		if (this.#state === 'idle') {
			this.#connect();
			return;
		}
		const connection = this.#connection;
		if (!connection?.isOpen) return;
		for (const [feed, subs] of this.#registry.pendingByFeed()) {
			const request = this.#request('subscribe', feed, subs);
			if (!request) continue;
			connection.send(request);
			for (const sub of subs) sub.status = 'sent';
		}
	}

	/** A subscribe/unsubscribe request, or undefined while a private feed waits for its challenge. */
	#request(event: string, feed: string, subs: ServerSubscription[]): Record<string, unknown> | undefined {
		const request = feedRequest(event, feed, subs);
		if (!isPrivateFeed(feed)) return request;
		const fields = this.#challenge?.fields();
		if (fields) return { ...request, ...fields };
		const challengeRequest = this.#challenge?.request();
		if (challengeRequest) {
			this.#connection?.send(challengeRequest);
			this.#startChallengeTimer();
		}
		return undefined;
	}

	#startChallengeTimer(): void {
		const connection = this.#connection;
		const timeoutMs = this.#options.connectTimeoutMs;
		this.#stopChallengeTimer();
		this.#challengeTimer = setTimeout(() => {
			this.#challengeTimer = undefined;
			// A new connection asks for a fresh challenge; the reconnect backoff paces the retries.
			connection?.terminate(`no answer to the challenge within ${timeoutMs} ms`);
		}, timeoutMs);
	}

	#stopChallengeTimer(): void {
		clearTimeout(this.#challengeTimer);
		this.#challengeTimer = undefined;
	}

	#release(key: string, consumer: Consumer): void {
		const sub = this.#registry.remove(key, consumer);
		if (!sub) return;
		this.#cache.forget(key);
		if (sub.status === 'pending' || !this.#connection?.isOpen) return;
		const request = this.#request('unsubscribe', sub.feed, [sub]);
		if (request) this.#connection.send(request);
	}

	#replayTo(key: string, consumer: Consumer): void {
		const messages = this.#cache.replay(key);
		if (messages.length === 0) return;
		// Delivered after subscribe() returns, like every other message.
		queueMicrotask(() => {
			if (!this.#registry.get(key)?.consumers.has(consumer)) return;
			for (const message of messages) this.#deliver(consumer, message);
		});
	}

	#deliver(consumer: Consumer, message: WsFeedMessage): void {
		const visible = messageForConsumer(message, consumer);
		if (!visible) return;
		try {
			consumer.listener(visible);
		} catch (error) {
			this.#logger.error('a feed listener threw', {
				feed: message.feed,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}

	#onMessage(message: Record<string, unknown>): void {
		if (typeof message.event === 'string') {
			this.#onEvent(message.event.trim(), message);
			return;
		}
		if (typeof message.feed !== 'string') return;
		const feedMessage = message as WsFeedMessage;
		const key = keyOfMessage(feedMessage);
		const sub = this.#registry.get(key);
		if (!sub) return;
		sub.status = 'active';
		this.#cache.record(key, feedMessage);
		for (const consumer of [...sub.consumers]) this.#deliver(consumer, feedMessage);
	}

	#onEvent(event: string, message: Record<string, unknown>): void {
		const feed = typeof message.feed === 'string' ? message.feed : undefined;
		const text = typeof message.message === 'string' ? message.message : '';
		switch (event) {
			case 'info':
				this.#logger.debug('Kraken WS info', { version: message.version });
				return;
			case 'challenge':
				if (!text || !this.#challenge) return;
				this.#stopChallengeTimer();
				this.#challenge.accept(text);
				this.#sendPending();
				return;
			case 'subscribed':
				if (!feed) return;
				this.#registry.markActive(feed, Array.isArray(message.product_ids) ? message.product_ids : undefined);
				if (feed === 'fills' && this.#fillsFeed) this.#fills.subscribed();
				return;
			case 'unsubscribed':
				return;
			case 'alert': {
				const error = alertToError(text, feed);
				if (!error) {
					this.#logger.debug('Kraken WS alert (benign)', { message: text });
					return;
				}
				this.emit('alert', error);
				if (error.field === 'apiKey') this.#emitError(error);
				return;
			}
			case 'error':
			case 'subscribed_failed':
			case 'unsubscribed_failed':
				this.#emitError(serverErrorToError(event, text, feed));
				return;
			default:
				this.#logger.debug('Kraken WS event ignored', { event });
		}
	}
}
