import WebSocket from 'ws';
import { startHeartbeat, type Heartbeat } from './heartbeat';
import type {} from './types';
import type { Logger } from '../logger';

export interface ConnectionOptions {
	url: string;
	pingIntervalMs: number;
	staleAfterMs: number;
	connectTimeoutMs: number;
	logger: Logger;
}

export interface ConnectionHandlers {
	onOpen(): void;
	onMessage(message: Record<string, unknown>): void;
	/** Fires exactly once per connection, whether it opened or not; `code` is the close code (1006 when none). */
	onClose(reason: string, code: number): void;
	/**
	 * An application-level ping to write beside each protocol ping, for servers that want one
	 * (Kraken's Unified WebSocket documents `{"method":"ping"}`); the legacy feed needs none.
	 */
	appPing?(): Record<string, unknown>;
}

/** How long a polite close may take before the socket is simply destroyed. */
const CLOSE_GRACE_MS = 1000;

/**
 * One WebSocket connection: open, heartbeat, JSON framing, close. Reconnecting is the client's
 * job; a connection is never reused after it closed.
 */
export class WsConnection {
	readonly #socket: WebSocket;
	readonly #logger: Logger;
	#heartbeat: Heartbeat | undefined;
	#closeReason = 'closed by the server';
	#closed = false;
	readonly #closedPromise: Promise<void>;

	constructor(options: ConnectionOptions, handlers: ConnectionHandlers) {
		this.#logger = options.logger;
		this.#socket = new WebSocket(options.url, {
			handshakeTimeout: options.connectTimeoutMs,
			perMessageDeflate: false,
		});
		this.#closedPromise = new Promise((resolve) => {
			this.#socket.on('close', (code) => {
				this.#closed = true;
				this.#heartbeat?.stop();
				resolve();
				handlers.onClose(`${this.#closeReason} (code ${code})`, code);
			});
		});
		const appPing = handlers.appPing;
		this.#socket.on('open', () => {
			this.#heartbeat = startHeartbeat(this.#socket, {
				pingIntervalMs: options.pingIntervalMs,
				staleAfterMs: options.staleAfterMs,
				...(appPing ? { onPing: () => this.send(appPing()) } : {}),
				onStale: () => {
					this.#logger.warn('Kraken WS silent for too long; replacing the connection', {
						staleAfterMs: options.staleAfterMs,
					});
					this.terminate(`no traffic for ${options.staleAfterMs} ms`);
				},
			});
			handlers.onOpen();
		});
		this.#socket.on('message', (data, isBinary) => {
			this.#heartbeat?.alive();
			if (isBinary) return;
			let parsed: unknown;
			try {
				parsed = JSON.parse(data.toString());
			} catch {
				this.#logger.warn('Kraken WS sent a frame that is not JSON; ignored');
				return;
			}
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
				handlers.onMessage(parsed as Record<string, unknown>);
			}
		});
		this.#socket.on('error', (error) => {
			this.#closeReason = error.message;
			this.#logger.warn('Kraken WS connection error', { error: error.message });
		});
	}

	get isOpen(): boolean {
		return this.#socket.readyState === WebSocket.OPEN;
	}

	send(message: Record<string, unknown>): boolean {
		if (!this.isOpen) return false;
		this.#socket.send(JSON.stringify(message));
		return true;
	}

	terminate(reason: string): void {
		if (this.#closed) return;
		this.#closeReason = reason;
		this.#socket.terminate();
	}

	/** Closes politely, destroys the socket if the server does not answer, resolves once it is gone. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closeReason = 'closed by the client';
		this.#heartbeat?.stop();
		if (this.#socket.readyState === WebSocket.CONNECTING) {
			this.#socket.terminate();
		} else {
			this.#socket.close(1000);
		}
		const grace = setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
		await this.#closedPromise;
		clearTimeout(grace);
	}
}
