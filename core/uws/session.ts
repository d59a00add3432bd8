import { EventEmitter } from 'node:events';
import { KrakenConfigError, KrakenValidationError, KrakenWsError, type KrakenError } from '../errors';
import { noopLogger, redactingLogger, SecretRedactor, type Logger } from '../logger';
import type { UwsAck, UwsPush, UwsRequester, UwsRequestOptions } from './envelope';
import { UwsLink, type UwsLinkState } from './link';
import { forbiddenByStatusError, orderCallVerdict, type OrderCallVerdict, type UwsStatus } from './status';
import { SessionChannels, type UwsChannelSubscription } from './session-channels';
import { type ChannelSpec, type LinkName, PRIVATE_CHANNELS, type UwsPushListener } from './subscriptions';
import { checkedWsUrl, resolveLinkTimings, type UwsSessionOptions } from './session-options';
import { TokenFetcher, type WsToken } from './token';

export type { UwsSessionOptions } from './session-options';
export { PRIVATE_KEEPALIVE, type UwsChannelSubscription } from './session-channels';

const LOWER_A = 97;
const LOWER_Z = 122;
const UNDERSCORE = 95;

/**
 * Whether `text` can be a UWS method name: lower-case letters and underscores. A loop over the
 * characters rather than a RegExp: every order passes here, and where an order follows a tick,
 * entering the RegExp engine cost 1-2 µs of the 3-6 µs the request's checks took in all.
 */
function isMethodName(text: string): boolean {
	if (text.length === 0) return false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if ((code < LOWER_A || code > LOWER_Z) && code !== UNDERSCORE) return false;
	}
	return true;
}

/**
 * One Kraken Unified WebSocket session: a public and a private socket, each opened on first use.
 * Implements `UwsRequester` for trading code; channel consumers use `subscribe`. Events: `status`
 * (UwsStatus), `state` ({link, state}), `open`/`reconnecting`/`reconnected` (link name first),
 * `terminal` (KrakenWsError after close code 1008), `error` (KrakenError), `link-failed` (link
 * name, KrakenError: the socket gave up, after 1008 or a refused token), `subscribe-failed`,
 * `heartbeat` (link name). Channel subscriptions are kept by SessionChannels.
 */
export class KrakenUwsSession extends EventEmitter implements UwsRequester {
	readonly #public: UwsLink;
	readonly #private: UwsLink | undefined;
	readonly #tokens: TokenFetcher | undefined;
	readonly #channels: SessionChannels;
	readonly #logger: Logger;
	#status: UwsStatus | undefined;
	#closed = false;

	constructor(options: UwsSessionOptions) {
		super();
		const redactor = new SecretRedactor();
		if (options.credentials) redactor.addApiSecret(options.credentials.apiSecret ?? '');
		this.#logger = redactingLogger(options.logger ?? noopLogger, redactor);
		this.#channels = new SessionChannels({
			linkOf: (name) => this.#linkOf(name),
			logger: this.#logger,
			emit: (event, detail) => this.emit(event, detail),
		});
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
		const privateChannel = PRIVATE_CHANNELS.has(spec.channel);
		if (privateChannel) this.#requirePrivate(spec.channel);
		return this.#channels.subscribe(spec, listener, privateChannel);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await Promise.all([this.#public.close(), this.#private?.close()]);
		await this.#tokens?.close();
		this.emit('close');
	}

	#wire(link: UwsLink): UwsLink {
		link.subscriptions = () => this.#channels.replayFor(link.name);
		link.wanted = () => this.#channels.hasAny(link.name);
		link.on('state', (state: UwsLinkState) => {
			if (state === 'reconnecting') this.#channels.markAllInactive(link.name);
			this.emit('state', { link: link.name, state });
		});
		link.on('status', (status: UwsStatus) => {
			this.#status = status;
			this.emit('status', status);
		});
		link.onPush = (push: UwsPush) => this.#channels.deliver(link.name, push);
		link.on('subscribed', (params: Record<string, unknown>) => this.#channels.markActive(params));
		link.on('subscribe-failed', (params: Record<string, unknown>, error: KrakenError) =>
			this.#channels.subscribeFailed(params, error),
		);
		for (const event of ['open', 'reconnected'] as const) {
			link.on(event, () => this.emit(event, link.name));
		}
		link.on('reconnecting', (info: unknown) => this.emit('reconnecting', link.name, info));
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
		if (typeof method !== 'string' || !isMethodName(method)) {
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
		this.#channels.pinKeepalive();
		return link;
	}

	#refusal(method: string, params: Record<string, unknown>): KrakenError | undefined {
		const verdict = orderCallVerdict(this.#status, method, params);
		return verdict.allowed ? undefined : forbiddenByStatusError(method, verdict, this.#status?.system ?? '');
	}

	#emitError(error: KrakenError, event: 'terminal' | 'error'): void {
		if (event === 'terminal') this.emit('terminal', error);
		if (this.listenerCount('error') > 0) this.emit('error', error);
		else this.#logger.error(error.message, { code: error.code });
	}
}
