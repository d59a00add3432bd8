import { EventEmitter } from 'node:events';
import { KrakenError, KrakenWsError } from '../errors';
import type { Logger } from '../logger';
import { WsConnection } from '../ws/connection';
import { classifyIncoming, type UwsAck, type UwsPush, type UwsRequestOptions } from './envelope';
import { LinkRequests } from './link-requests';
import { failAll, failWritten, notSentError, settle } from './pending';
import { ReconnectPolicy } from './reconnect-policy';
import { parseStatus, type UwsStatus } from './status';
import { ConnectionToken, type WsToken } from './token';
import { UWS_CHANNEL } from './unverified';

export type UwsLinkState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface UwsLinkOptions {
	name: 'public' | 'private';
	url: string;
	/** Private links only: a fresh token for every connection. */
	fetchToken?: () => Promise<WsToken>;
	connectTimeoutMs: number;
	pingIntervalMs: number;
	staleAfterMs: number;
	requestTimeoutMs: number;
	/** How long to wait after open for the `status` push before sending anyway. */
	statusWaitMs: number;
	backoff: { initial: number; max: number };
	maintenanceBackoffMs: number;
	maxAttemptsPer10Min: number;
	/** Checked right before a request is written: a returned error refuses it, with nothing sent. */
	gate?: (method: string, params: Record<string, unknown>) => KrakenError | undefined;
	logger: Logger;
	now: () => number;
}

/** "Policy violation": Kraken's SDK, and this client, never reconnect after it. */
export const TERMINAL_CLOSE_CODE = 1008;

/**
 * One reconnecting Unified WebSocket endpoint (public or private). Requests wait for the socket,
 * go out with a unique req_id and settle on the reply with that req_id. On every (re)connect it
 * fetches a new token (private), waits for the `status` push, then replays `subscriptions()` and
 * writes the waiting requests. Pushes go to `onPush`. Events: `state`, `status` (UwsStatus), `open`,
 * `reconnecting` ({attempt, delayMs}), `reconnected`, `terminal` (KrakenError).
 */
export class UwsLink extends EventEmitter {
	readonly #options: UwsLinkOptions;
	readonly #requests: LinkRequests;
	#state: UwsLinkState = 'idle';
	readonly #reconnects: ReconnectPolicy;
	#socket: WsConnection | undefined;
	readonly #token: ConnectionToken | undefined;
	#ready = false;
	#statusTimer: NodeJS.Timeout | undefined;
	#reconnectTimer: NodeJS.Timeout | undefined;
	#hasBeenOpen = false;
	#lastStatus: UwsStatus | undefined;
	/** What to replay on every connect; supplied by the session. */
	subscriptions: () => Record<string, unknown>[] = () => [];
	/** Whether the link must stay up even with nothing to send (the private keep-alive). */
	wanted: () => boolean = () => false;
	/** Every channel push but `status`; a plain callback, since every tick passes here. */
	onPush: (push: UwsPush) => void = () => undefined;

	constructor(options: UwsLinkOptions) {
		super();
		this.#options = options;
		this.#reconnects = new ReconnectPolicy(options);
		if (options.fetchToken) this.#token = new ConnectionToken(options.fetchToken);
		this.#requests = new LinkRequests({
			name: options.name,
			requestTimeoutMs: options.requestTimeoutMs,
			...(options.gate ? { gate: options.gate } : {}),
			token: this.#token,
			logger: options.logger,
			writable: () => (this.#ready && this.#socket?.isOpen ? this.#socket : undefined),
			wake: () => {
				if (this.#state === 'idle') void this.#connect();
			},
		});
	}

	get name(): 'public' | 'private' {
		return this.#options.name;
	}

	get state(): UwsLinkState {
		return this.#state;
	}

	get status(): UwsStatus | undefined {
		return this.#lastStatus;
	}

	/** Open, status seen (or waited for), subscriptions replayed: requests are written at once. */
	get isReady(): boolean {
		return this.#ready;
	}

	/**
	 * Sends a request (connecting first if needed) and resolves with its acknowledgement.
	 * `gatePassed`: the caller ran the gate this same turn, so a request written at once skips it.
	 */
	request(
		method: string,
		params: Record<string, unknown>,
		options: UwsRequestOptions,
		gatePassed = false,
	): Promise<UwsAck<unknown>> {
		if (this.#state === 'closed' || options.signal?.aborted) {
			const why = this.#state === 'closed' ? `the ${this.#options.name} socket is closed` : 'aborted';
			return Promise.reject(notSentError(method, why));
		}
		return this.#requests.request(method, params, options, gatePassed);
	}

	/** Opens the socket if it is not open or opening. */
	ensureOpen(): void {
		if (this.#state === 'idle') void this.#connect();
		else if (this.#ready) this.#requests.flush();
	}

	async close(): Promise<void> {
		if (this.#state === 'closed') return;
		this.#setState('closed');
		clearTimeout(this.#reconnectTimer);
		clearTimeout(this.#statusTimer);
		failAll(this.#requests.table, 'the session was closed', 'was not answered before close');
		const socket = this.#socket;
		this.#socket = undefined;
		await socket?.close();
	}

	#setState(state: UwsLinkState): void {
		if (this.#state === state) return;
		this.#state = state;
		this.emit('state', state);
	}

	async #connect(): Promise<void> {
		this.#setState(this.#hasBeenOpen ? 'reconnecting' : 'connecting');
		this.#ready = false;
		this.#reconnects.recordAttempt();
		if (this.#token) {
			try {
				await this.#token.renew();
			} catch (error) {
				this.#onTokenFailure(error);
				return;
			}
			if (this.#state === 'closed') return;
		}
		const socket = new WsConnection(
			{
				url: this.#options.url,
				connectTimeoutMs: this.#options.connectTimeoutMs,
				pingIntervalMs: this.#options.pingIntervalMs,
				staleAfterMs: this.#options.staleAfterMs,
				logger: this.#options.logger,
			},
			{
				onOpen: () => this.#onOpen(socket),
				onMessage: (message) => this.#onMessage(socket, message),
				appPing: () => ({ method: 'ping', req_id: this.#requests.nextReqId() }),
				onClose: (reason, code) => this.#onClose(socket, code, reason),
			},
		);
		this.#socket = socket;
	}

	#onTokenFailure(error: unknown): void {
		const krakenError =
			error instanceof KrakenError ? error : new KrakenWsError('could not fetch a WebSocket token');
		this.#options.logger.warn('Kraken UWS token fetch failed', { error: krakenError.message });
		if (this.#state === 'closed') return;
		if (!krakenError.retryable) {
			// A refused key will be refused again: fail what waits instead of hammering Kraken.
			for (const request of this.#requests.table.takeWaiting()) settle(request, { error: krakenError });
			this.emit('error', krakenError);
			this.#setState('idle');
			return;
		}
		this.#scheduleReconnect(krakenError.message);
	}

	#onOpen(socket: WsConnection): void {
		if (this.#socket !== socket) return;
		this.#reconnects.succeeded();
		this.#statusTimer = setTimeout(() => this.#becomeReady(socket), this.#options.statusWaitMs);
	}

	#becomeReady(socket: WsConnection): void {
		if (this.#socket !== socket || this.#ready) return;
		clearTimeout(this.#statusTimer);
		// Subscriptions go out before anything that waited: the private socket needs one to stay open.
		const waiting = this.#requests.table.takeWaiting();
		this.#ready = true;
		this.#setState('open');
		for (const params of this.subscriptions()) {
			this.request('subscribe', params, {}).then(
				(ack) => this.emit('subscribed', params, ack),
				(error: unknown) => this.emit('subscribe-failed', params, error),
			);
		}
		for (const request of waiting) this.#requests.table.enqueue(request);
		this.#requests.flush();
		this.emit('open');
		if (this.#hasBeenOpen) this.emit('reconnected');
		this.#hasBeenOpen = true;
	}

	#onMessage(socket: WsConnection, message: Record<string, unknown>): void {
		if (this.#socket !== socket) return;
		const incoming = classifyIncoming(message);
		if (incoming.kind === 'reply') this.#requests.onReply(incoming.reply);
		else if (incoming.kind === 'push') this.#onPush(socket, incoming.push);
	}

	#onPush(socket: WsConnection, push: UwsPush): void {
		if (push.channel === UWS_CHANNEL.status.name) {
			const status = parseStatus(push.data[0], this.#options.now());
			if (status) {
				this.#lastStatus = status;
				this.emit('status', status);
			}
			this.#becomeReady(socket);
			return;
		}
		this.onPush(push);
	}

	#onClose(socket: WsConnection, code: number, reason: string): void {
		if (this.#socket !== socket) return;
		this.#socket = undefined;
		this.#ready = false;
		this.#token?.clear();
		clearTimeout(this.#statusTimer);
		failWritten(this.#requests.table, 'lost its connection before the reply');
		if (this.#state === 'closed') return;
		if (code === TERMINAL_CLOSE_CODE) {
			const error = new KrakenWsError(
				`Kraken closed the ${this.#options.name} Unified WebSocket with code 1008 (policy violation: ${reason}); not reconnecting`,
			);
			for (const request of this.#requests.table.takeWaiting()) settle(request, { error });
			this.#setState('closed');
			this.emit('terminal', error);
			return;
		}
		if (this.#requests.table.size === 0 && !this.wanted()) {
			this.#setState('idle');
			return;
		}
		this.#scheduleReconnect(`${reason} (code ${code})`);
	}

	#scheduleReconnect(reason: string): void {
		const delayMs = this.#reconnects.nextDelay(this.#lastStatus?.system === 'maintenance');
		const attempt = this.#reconnects.attempt;
		this.#options.logger.info('Kraken UWS disconnected; reconnecting', {
			link: this.#options.name,
			reason,
			attempt,
			delayMs,
		});
		this.#setState('reconnecting');
		this.emit('reconnecting', { attempt, delayMs });
		this.#reconnectTimer = setTimeout(() => {
			this.#reconnectTimer = undefined;
			if (this.#state !== 'closed') void this.#connect();
		}, delayMs);
	}
}
