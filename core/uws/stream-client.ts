import { EventEmitter } from 'node:events';
import { KrakenUnsupportedError, KrakenValidationError, KrakenWsError, type KrakenError } from '../errors';
import { noopLogger, type Logger } from '../logger';
import type { KrakenStreamClient } from '../stream';
import { validateSubscription } from '../ws/feeds';
import type {
	FillListener,
	WsClientState,
	WsFeed,
	WsFeedMessage,
	WsMessageListener,
	WsSubscription,
} from '../ws/types';
import { bookMessages } from './channels/book';
import { OrderUpdates } from './channels/order-updates';
import { PositionUpdates } from './channels/position-updates';
import { tickerMessage } from './channels/ticker';
import { tradeMessages } from './channels/trade';
import type { UwsPush } from './envelope';
import { UwsFillJournal } from './fill-journal';
import type { UwsLinkState } from './link';
import { KrakenUwsSession, type UwsChannelSubscription, type UwsSessionOptions } from './session';
import { StateFeed } from './state-feed';
import { ACCOUNT_CHANNEL, SNAP_TRADES_LIMIT, UWS_CHANNEL } from './unverified';

export interface UwsStreamClientOptions {
	/** A session to share (with a trading client, say); the stream client then does not close it. */
	session?: KrakenUwsSession;
	/** Used to create an own session when none is given. */
	sessionOptions?: UwsSessionOptions;
	/** How many `exec_id`s are remembered for de-duplication (default 10000). */
	fillMemory?: number;
	logger?: Logger;
}

/**
 * A push of one symbol's subscription as v1 messages, each handed to `deliver` as it is made: no
 * list is built per push (every tick passes here on its way to a trading decision).
 */
type Translate = (push: UwsPush, symbol: string, deliver: (message: WsFeedMessage) => void) => void;

/** Channel, extra subscribe params and translation to v1 messages of each feed offered over UWS. */
const PUBLIC_FEEDS: Partial<
	Record<WsFeed, { channel: string; params?: Record<string, unknown>; translate: Translate }>
> = {
	ticker: { channel: UWS_CHANNEL.ticker.name, translate: tickerFeed('ticker') },
	ticker_lite: { channel: UWS_CHANNEL.ticker.name, translate: tickerFeed('ticker_lite') },
	book: {
		channel: UWS_CHANNEL.book.name,
		translate: (push, _symbol, deliver) => {
			for (const item of push.data) bookMessages(item, push.type === 'snapshot').forEach(deliver);
		},
	},
	// v1 sends recent trades on subscribe; UWS does only when asked.
	trade: {
		channel: UWS_CHANNEL.trade.name,
		params: { snapshot: true },
		translate: (push, symbol, deliver) =>
			tradeMessages(push.data, push.type === 'snapshot', symbol).forEach(deliver),
	},
};

/** v1 feeds with no Unified WebSocket channel at all, and where their content went. */
const GONE_ON_UWS: Partial<Record<WsFeed, string>> = {
	account_log: 'realised PnL and funding payments arrive on the ledgers channel',
	notifications_auth: "maintenance advisories arrive on the status channel (the session's status)",
	open_orders_verbose:
		'the open_orders feed carries every order event of the executions channel; rejections end the order call itself',
};

function notOffered(feed: WsFeed): KrakenError {
	const substitute = GONE_ON_UWS[feed];
	if (substitute !== undefined) return new KrakenUnsupportedError(`the ${feed} feed`, { substitute });
	const instead =
		feed === 'fills'
			? 'use onFill, which de-duplicates and recovers fills'
			: 'read it through KrakenUnifiedClient (accounts come from the balances and margin channels)';
	return new KrakenValidationError(
		'feed',
		`the ${feed} feed is not streamed by the Unified WebSocket client: ${instead}`,
	);
}

function tickerFeed(feed: 'ticker' | 'ticker_lite'): Translate {
	return (push, _symbol, deliver) => {
		for (const item of push.data) {
			const message = tickerMessage(item, feed);
			if (message) deliver(message);
		}
	};
}

/**
 * The streaming client of Kraken's Unified WebSocket, behind the same interface as the v1
 * `KrakenFuturesWsClient`: ticker, book, trade and heartbeat feeds in v1 message shapes (the
 * wire item in `raw`), `open_orders` from the order events of the `executions` channel,
 * `open_positions` from the `positions` channel (both in v1 shapes, snapshot first), and fills
 * from `executions` trade events, de-duplicated by `exec_id` and recovered from the 50-fill snapshot
 * after every reconnect, with a `fill-gap` event when that snapshot cannot prove nothing was missed.
 */
export class KrakenUwsStreamClient extends EventEmitter implements KrakenStreamClient {
	readonly #session: KrakenUwsSession;
	readonly #ownsSession: boolean;
	readonly #journal: UwsFillJournal;
	readonly #logger: Logger;
	readonly #links = new Map<string, UwsLinkState>();
	#state: WsClientState = 'idle';
	#closed = false;
	#executions: UwsChannelSubscription | undefined;
	#positionsChannel: UwsChannelSubscription | undefined;
	readonly #orders = new StateFeed(
		new OrderUpdates(),
		(listener, message) => this.#call(listener, message),
		() => this.#releaseExecutions(),
	);
	readonly #positions = new StateFeed(
		new PositionUpdates(),
		(listener, message) => this.#call(listener, message),
		() => {
			this.#positionsChannel?.unsubscribe();
			this.#positionsChannel = undefined;
			this.#positions.translator.reset();
		},
	);
	readonly #forwarders: [string, (...args: unknown[]) => void][] = [];

	constructor(options: UwsStreamClientOptions) {
		super();
		this.#logger = options.logger ?? noopLogger;
		const { session, sessionOptions } = options;
		if (!session && !sessionOptions) {
			throw new KrakenValidationError('session', 'give a KrakenUwsSession or the options to create one');
		}
		this.#ownsSession = session === undefined;
		this.#session =
			session ??
			new KrakenUwsSession({
				logger: this.#logger,
				...sessionOptions,
				publicUrl: sessionOptions?.publicUrl ?? '',
			});
		this.#journal = new UwsFillJournal({
			memory: options.fillMemory ?? 10_000,
			snapshotLimit: SNAP_TRADES_LIMIT,
			logger: this.#logger,
			onGap: (event) => {
				if (this.#journal.listenerCount > 0) this.emit('fill-gap', event);
			},
		});
		this.#forward('state', (change) => this.#onLinkState(change as { link: string; state: UwsLinkState }));
		this.#forward('open', () => this.emit('open'));
		this.#forward('reconnected', () => this.emit('reconnected'));
		this.#forward('reconnecting', (_link, info) => this.emit('reconnecting', info));
		this.#forward('error', (error) => this.#emitError(error as KrakenError));
		this.#forward('subscribe-failed', (failure) => {
			const { channel, error } = failure as { channel: string; error: KrakenError };
			this.emit(
				'alert',
				new KrakenWsError(`subscribing to ${channel} failed: ${error.message}`, {
					feed: channel,
					cause: error,
				}),
			);
		});
	}

	get state(): WsClientState {
		return this.#state;
	}

	/** The session underneath, e.g. to read `status` or share it with a trading client. */
	get session(): KrakenUwsSession {
		return this.#session;
	}

	subscribe(feed: WsFeed, productIds: string[] | undefined, listener: WsMessageListener): WsSubscription {
		this.#assertOpen();
		const checked = validateSubscription(feed, productIds);
		if (typeof listener !== 'function') throw new KrakenValidationError('listener', 'must be a function');
		if (checked.feed === 'heartbeat') return this.#heartbeat(listener);
		if (checked.feed === 'open_orders') {
			this.#openExecutions();
			return this.#orders.add(listener);
		}
		if (checked.feed === 'open_positions') {
			this.#positionsChannel ??= this.#session.subscribe(
				{ channel: ACCOUNT_CHANNEL.positions.name },
				(push) => this.#positions.handle(push),
			);
			return this.#positions.add(listener);
		}
		const spec = PUBLIC_FEEDS[checked.feed];
		if (!spec) throw notOffered(checked.feed);
		const deliver = (message: WsFeedMessage): void => this.#call(listener, message);
		const subscriptions = checked.products.map((symbol) =>
			this.#session.subscribe(
				{ channel: spec.channel, symbol, ...(spec.params ? { params: spec.params } : {}) },
				(push) => spec.translate(push, symbol, deliver),
			),
		);
		return once(() => subscriptions.forEach((subscription) => subscription.unsubscribe()));
	}

	onFill(listener: FillListener, productIds?: string[]): WsSubscription {
		this.#assertOpen();
		if (typeof listener !== 'function') throw new KrakenValidationError('listener', 'must be a function');
		const { products } = validateSubscription('fills', productIds);
		// Opened first: joining a subscription whose snapshot has passed replays it and what followed,
		// which brings the open orders up to date but must not reach this listener as new fills.
		this.#openExecutions();
		const removeListener = this.#journal.addListener(listener, products);
		return once(() => {
			removeListener();
			this.#releaseExecutions();
		});
	}

	/** One executions subscription feeds both the fill journal and the open-orders feed. */
	#openExecutions(): void {
		this.#executions ??= this.#session.subscribe({ channel: UWS_CHANNEL.executions.name }, (push) => {
			// The journal sees every push, so fills from before a listener arrived stay known as old.
			this.#journal.handle(push);
			this.#orders.handle(push);
		});
	}

	#releaseExecutions(): void {
		if (this.#journal.listenerCount > 0 || !this.#orders.idle || !this.#executions) return;
		this.#executions.unsubscribe();
		this.#executions = undefined;
		this.#journal.reset();
		this.#orders.translator.reset();
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#setState('closed');
		for (const [event, handler] of this.#forwarders) this.#session.off(event, handler);
		this.#executions?.unsubscribe();
		this.#positionsChannel?.unsubscribe();
		if (this.#ownsSession) await this.#session.close();
		this.emit('close');
	}

	/** Heartbeats arrive once a socket holds a subscription; a quiet `instrument` one carries them. */
	#heartbeat(listener: WsMessageListener): WsSubscription {
		const onHeartbeat = (link: unknown): void => {
			if (link === 'public') this.#call(listener, { feed: 'heartbeat', time: Date.now() });
		};
		this.#session.on('heartbeat', onHeartbeat);
		const carrier = this.#session.subscribe(
			{ channel: UWS_CHANNEL.instrument.name, params: { snapshot: false } },
			() => undefined,
		);
		return once(() => {
			this.#session.off('heartbeat', onHeartbeat);
			carrier.unsubscribe();
		});
	}

	#forward(event: string, handler: (...args: unknown[]) => void): void {
		this.#session.on(event, handler);
		this.#forwarders.push([event, handler]);
	}

	#onLinkState({ link, state }: { link: string; state: UwsLinkState }): void {
		this.#links.set(link, state);
		if (this.#closed) return;
		const states = [...this.#links.values()].filter((linkState) => linkState !== 'idle');
		if (states.length === 0) this.#setState('idle');
		else if (states.includes('reconnecting')) this.#setState('reconnecting');
		else if (states.includes('connecting')) this.#setState('connecting');
		else if (states.every((linkState) => linkState === 'open')) this.#setState('open');
		else this.#setState('closed');
	}

	#setState(state: WsClientState): void {
		if (this.#state === state) return;
		this.#state = state;
		this.emit('state', state);
	}

	#assertOpen(): void {
		if (this.#closed || this.#state === 'closed') throw new KrakenWsError('the WebSocket client is closed');
	}

	#call(listener: WsMessageListener, message: WsFeedMessage): void {
		try {
			listener(message);
		} catch (error) {
			this.#logger.error('a feed listener threw', {
				feed: message.feed,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}

	#emitError(error: KrakenError): void {
		if (this.listenerCount('error') > 0) this.emit('error', error);
		else this.#logger.error(error.message, { code: error.code });
	}
}

function once(release: () => void): WsSubscription {
	let active = true;
	return {
		unsubscribe: () => {
			if (!active) return;
			active = false;
			release();
		},
	};
}
