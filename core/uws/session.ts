import { EventEmitter } from 'node:events';
import { asksForSnapshot } from './channel-memory';
import { KrakenConfigError, KrakenValidationError, KrakenWsError, type KrakenError } from '../errors';
import { noopLogger, redactingLogger, SecretRedactor, type Logger } from '../logger';
import type { UwsAck, UwsPush, UwsRequester, UwsRequestOptions } from './envelope';
import { UwsLink, type UwsLinkState } from './link';
import { forbiddenByStatusError, orderCallVerdict, type OrderCallVerdict, type UwsStatus } from './status';
import {
	type ChannelSpec,
	keyOfParams,
	type LinkName,
	PRIVATE_CHANNELS,
	type ServerSubscription,
	SubscriptionRegistry,
	type UwsPushListener,
} from './subscriptions';
import { checkedWsUrl, resolveLinkTimings, type UwsSessionOptions } from './session-options';
import { TokenFetcher, type WsToken } from './token';
import { UWS_CHANNEL } from './unverified';

export type { UwsSessionOptions } from './session-options';

/** A UWS method name; one RegExp for every request (a literal in the check would be a new object per call). */
const METHOD_NAME = /^[a-z_]+$/;

export interface UwsChannelSubscription {
	unsubscribe(): void;
}

/**
 * The executions subscription every private socket holds: Kraken closes a private socket without
 * a subscription, and its snapshot (open orders plus the last 50 fills) is what trading and fill
 * recovery both need after every (re)connect.
 */
export const PRIVATE_KEEPALIVE: ChannelSpec = {
	channel: UWS_CHANNEL.executions.name,
	params: { snap_orders: true, snap_trades: true, order_status: true },
};

/**
 * One Kraken Unified WebSocket session: a public and a private socket, each opened on first use.
 * Implements `UwsRequester` for trading code; channel consumers use `subscribe`. Events: `status`
 * (UwsStatus), `state` ({link, state}), `open`/`reconnecting`/`reconnected` (link name first),
 * `terminal` (KrakenWsError after close code 1008), `error` (KrakenError), `link-failed` (link
 * name, KrakenError: the socket gave up, after 1008 or a refused token), `subscribe-failed`.
 */
export class KrakenUwsSession extends EventEmitter implements UwsRequester {
	readonly #public: UwsLink;
	readonly #private: UwsLink | undefined;
	readonly #tokens: TokenFetcher | undefined;
	readonly #registry = new SubscriptionRegistry();
	readonly #logger: Logger;
	#status: UwsStatus | undefined;
	#closed = false;
	/** The keep-alive subscription is pinned once and never removed. */
	#keepalivePinned = false;

	constructor(options: UwsSessionOptions) {
		super();
		const redactor = new SecretRedactor();
		if (options.credentials) redactor.addApiSecret(options.credentials.apiSecret ?? '');
		this.#logger = redactingLogger(options.logger ?? noopLogger, redactor);
		const common = {
			...resolveLinkTimings(options),
			logger: this.#logger,
			gate: (method: string, params: Record<string, unknown>) => this.#refusal(method, params),
		};
		this.#public = this.#wire(
			new UwsLink({ ...common, name: 'public', url: checkedWsUrl('publicUrl', options.publicUrl) }),
		);
		if (options.credentials) {
			if (options.spotRestUrl === undefined) {
				throw new KrakenConfigError('spotRestUrl is required with a Kraken API key', {
					field: 'spotRestUrl',
				});
			}
			const tokens = new TokenFetcher({
				spotRestUrl: options.spotRestUrl,
				credentials: options.credentials,
				...(options.transport ? { transport: options.transport } : {}),
				timeoutMs: common.requestTimeoutMs,
			});
			this.#tokens = tokens;
			const fetchToken = async (): Promise<WsToken> => {
				const token = await tokens.fetch();
				redactor.add(token.token);
				return token;
			};
			const url = checkedWsUrl('privateUrl', options.privateUrl);
			this.#private = this.#wire(new UwsLink({ ...common, name: 'private', url, fetchToken }));
		}
	}

	/** The engine's mode as the last `status` push on either socket said it. */
	get status(): UwsStatus | undefined {
		return this.#status;
	}

	get linkStates(): Record<LinkName, UwsLinkState | 'unavailable'> {
		return { public: this.#public.state, private: this.#private?.state ?? 'unavailable' };
	}

	get hasCredentials(): boolean {
		return this.#private !== undefined;
	}

	/** Whether the engine's current mode lets an order call through (checked again right before sending). */
	orderCallVerdict(method: string, params: Record<string, unknown> = {}): OrderCallVerdict {
		return orderCallVerdict(this.#status, method, params);
	}

	request<R = unknown>(
		method: string,
		params: Record<string, unknown>,
		options: UwsRequestOptions = {},
	): Promise<UwsAck<R>> {
		try {
			const link = this.#linkForRequest(method, params);
			const refusal = this.#refusal(method, params);
			if (refusal) return Promise.reject(refusal);
			// Checked this very turn: a request written at once needs no second look at the status.
			return link.request(method, params, options, true) as Promise<UwsAck<R>>;
		} catch (error) {
			return Promise.reject(error as KrakenError);
		}
	}

	/**
	 * Listens to a channel; the server subscription is shared, reference-counted and replayed on
	 * reconnect. A listener that joins a subscription whose snapshot has passed is handed one made from
	 * what the subscription remembers (see channel-memory.ts), at once, before `subscribe` returns.
	 */
	subscribe(spec: ChannelSpec, listener: UwsPushListener): UwsChannelSubscription {
		if (this.#closed) throw new KrakenWsError('the Unified WebSocket session is closed');
		if (typeof spec?.channel !== 'string' || spec.channel === '') {
			throw new KrakenValidationError('channel', 'must be a channel name such as "ticker"');
		}
		if (PRIVATE_CHANNELS.has(spec.channel)) this.#requirePrivate(spec.channel);
		const isKeepalive = spec.channel === PRIVATE_KEEPALIVE.channel;
		if (PRIVATE_CHANNELS.has(spec.channel)) this.#pinKeepalive();
		const { sub, created } = this.#registry.add(isKeepalive ? PRIVATE_KEEPALIVE : spec, listener);
		if (created) this.#send(sub, 'subscribe');
		else if (listener !== undefined) this.#join(sub, spec, listener);
		else this.#linkOf(sub.link).ensureOpen();
		let active = true;
		return {
			unsubscribe: () => {
				if (!active) return;
				active = false;
				const gone = this.#registry.remove(sub.key, listener);
				if (gone && gone.active) this.#send(gone, 'unsubscribe');
			},
		};
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await Promise.all([this.#public.close(), this.#private?.close()]);
		await this.#tokens?.close();
		this.emit('close');
	}

	#wire(link: UwsLink): UwsLink {
		link.subscriptions = () => this.#replayFor(link);
		link.wanted = () => this.#registry.hasAny(this.#nameOf(link));
		link.on('state', (state: UwsLinkState) => {
			// A dropped socket's subscriptions are gone on the server, and what they remember is stale.
			if (state === 'reconnecting') this.#registry.markAllInactive(link.name);
			this.emit('state', { link: this.#nameOf(link), state });
		});
		link.on('status', (status: UwsStatus) => {
			this.#status = status;
			this.emit('status', status);
		});
		link.onPush = (push: UwsPush) => this.#deliver(link.name, push);
		link.on('subscribed', (params: Record<string, unknown>) => this.#markActive(params));
		link.on('subscribe-failed', (params: Record<string, unknown>, error: KrakenError) =>
			this.#subscribeFailed(params, error),
		);
		for (const event of ['open', 'reconnected'] as const) {
			link.on(event, () => this.emit(event, this.#nameOf(link)));
		}
		link.on('reconnecting', (info: unknown) => this.emit('reconnecting', this.#nameOf(link), info));
		link.on('terminal', (error: KrakenError) => {
			this.emit('link-failed', link.name, error);
			this.#emitError(error, 'terminal');
		});
		link.on('error', (error: KrakenError) => {
			this.emit('link-failed', link.name, error);
			this.#emitError(error, 'error');
		});
		return link;
	}

	#nameOf(link: UwsLink): LinkName {
		return link.name;
	}

	#linkOf(name: LinkName): UwsLink {
		return name === 'public' ? this.#public : this.#requirePrivate('this channel');
	}

	#requirePrivate(what: string): UwsLink {
		if (!this.#private) {
			throw new KrakenConfigError(
				`${what} needs a Kraken API key (with "Access WebSocket API") and its private key`,
				{
					field: 'spotApiKey',
				},
			);
		}
		return this.#private;
	}

	#linkForRequest(method: string, params: Record<string, unknown>): UwsLink {
		if (this.#closed) throw new KrakenWsError('the Unified WebSocket session is closed');
		if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
			throw new KrakenValidationError(
				'method',
				'must be a Unified WebSocket method name such as "add_order"',
			);
		}
		if (params === null || typeof params !== 'object' || Array.isArray(params)) {
			throw new KrakenValidationError('params', 'must be an object');
		}
		if ('token' in params)
			throw new KrakenValidationError('params.token', 'is added by the session; do not pass one');
		if (method === 'ping') return this.#public;
		if (
			(method === 'subscribe' || method === 'unsubscribe') &&
			!PRIVATE_CHANNELS.has(String(params.channel))
		) {
			return this.#public;
		}
		const link = this.#requirePrivate(method);
		this.#pinKeepalive();
		return link;
	}

	/** Kraken closes a private socket that holds no subscription: from first private use, one is held. */
	#pinKeepalive(): void {
		if (this.#keepalivePinned) return;
		this.#keepalivePinned = true;
		const { sub, created } = this.#registry.add(PRIVATE_KEEPALIVE, undefined, true);
		if (created) this.#send(sub, 'subscribe');
	}

	#refusal(method: string, params: Record<string, unknown>): KrakenError | undefined {
		const verdict = orderCallVerdict(this.#status, method, params);
		return verdict.allowed ? undefined : forbiddenByStatusError(method, verdict, this.#status?.system ?? '');
	}

	#replayFor(link: UwsLink): Record<string, unknown>[] {
		const name = this.#nameOf(link);
		this.#registry.markAllInactive(name);
		const subs = this.#registry.forLink(name);
		for (const sub of subs) this.#registry.expectSnapshot(sub);
		return subs.map((sub) => sub.params);
	}

	#send(sub: ServerSubscription, method: 'subscribe' | 'unsubscribe'): void {
		const link = this.#linkOf(sub.link);
		if (!link.isReady) {
			// Not connected yet: the subscription is replayed as soon as the socket is ready.
			if (method === 'subscribe') link.ensureOpen();
			return;
		}
		if (method === 'subscribe') this.#registry.expectSnapshot(sub);
		link.request(method, sub.params, {}).then(
			() => {
				if (method === 'subscribe') this.#markActive(sub.params);
			},
			(error: KrakenError) => {
				if (method === 'subscribe') this.#subscribeFailed(sub.params, error);
				else
					this.#logger.debug('Kraken UWS unsubscribe failed', { channel: sub.channel, error: error.message });
			},
		);
	}

	/**
	 * A consumer joining an existing subscription gets no snapshot of its own from Kraken: it is brought
	 * up to date from the subscription's memory, or waits for the snapshot still due, or, when
	 * neither can serve it (a subscription made without a snapshot, a history grown too long), gets a
	 * fresh one by a resubscribe, which the other consumers see too (a snapshot replaces what they knew).
	 */
	#join(sub: ServerSubscription, spec: ChannelSpec, listener: UwsPushListener): void {
		const memory = sub.memory;
		const link = this.#linkOf(sub.link);
		if (memory === undefined || !asksForSnapshot(sub.channel, spec.params)) return link.ensureOpen();
		if (memory.state === 'current') {
			for (const push of memory.replay()) this.#call(listener, push);
			return;
		}
		if (memory.state === 'awaiting' && asksForSnapshot(sub.channel, sub.params)) return link.ensureOpen();
		if (!asksForSnapshot(sub.channel, sub.params)) sub.params = { ...sub.params, snapshot: true };
		this.#resubscribe(sub);
	}

	#resubscribe(sub: ServerSubscription): void {
		const link = this.#linkOf(sub.link);
		sub.active = false;
		sub.memory?.forget();
		if (!link.isReady) {
			link.ensureOpen();
			return;
		}
		const subscribeAgain = (): void => {
			if (this.#registry.get(sub.key) === sub) this.#send(sub, 'subscribe');
		};
		link.request('unsubscribe', sub.params, {}).then(subscribeAgain, subscribeAgain);
	}

	#markActive(params: Record<string, unknown>): void {
		const key = keyOfParams(params);
		const sub = key === undefined ? undefined : this.#registry.get(key);
		if (sub) sub.active = true;
	}

	#subscribeFailed(params: Record<string, unknown>, error: KrakenError): void {
		const krakenError = (error as { krakenError?: unknown }).krakenError;
		if (typeof krakenError === 'string' && krakenError.startsWith('Already subscribed')) {
			this.#markActive(params);
			return;
		}
		const key = keyOfParams(params);
		const sub = key === undefined ? undefined : this.#registry.get(key);
		if (sub) this.#registry.expectNoSnapshot(sub);
		this.#logger.warn('Kraken UWS subscribe failed', { channel: params.channel, error: error.message });
		this.emit('subscribe-failed', { channel: params.channel, symbol: params.symbol, error });
	}

	#deliver(link: LinkName, push: UwsPush): void {
		if (push.channel === UWS_CHANNEL.heartbeat.name) {
			this.emit('heartbeat', link);
			return;
		}
		this.#registry.route(link, push, this.#toConsumers);
	}

	readonly #toConsumers = (sub: ServerSubscription, push: UwsPush): void => {
		sub.active = true;
		sub.memory?.record(push);
		for (const listener of sub.consumers) this.#call(listener, push);
	};

	#call(listener: UwsPushListener, push: UwsPush): void {
		try {
			listener(push);
		} catch (error) {
			this.#logger.error('a Kraken UWS channel listener threw', {
				channel: push.channel,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}

	#emitError(error: KrakenError, event: 'terminal' | 'error'): void {
		if (event === 'terminal') this.emit('terminal', error);
		if (this.listenerCount('error') > 0) this.emit('error', error);
		else this.#logger.error(error.message, { code: error.code });
	}
}
