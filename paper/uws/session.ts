import { WebSocket, type RawData } from 'ws';
import type { Account } from '../engine/types';
import type { Json } from './envelope';

export type Endpoint = 'public' | 'private';

/** A private subscription: the account of the token it was made with, and its options. */
export interface AccountSubscription {
	accountId: string;
	options: Json;
}

/** A market subscription: per symbol, its options (book depth). */
export type MarketSubscription = Map<string, Json>;

let nextConnectionId = 1;

/**
 * One Unified WebSocket connection: its endpoint, its subscriptions, its per-channel sequence numbers and
 * the tokens it used. The protocol itself is handled by the server's request handlers.
 */
export class UwsSession {
	/** A silent session answers nothing and sends nothing, as a half-open connection looks to a client. */
	silent = false;
	readonly connectionId = nextConnectionId++;
	readonly markets = new Map<string, MarketSubscription>();
	readonly accounts = new Map<string, AccountSubscription>();
	readonly tokensUsed = new Set<string>();
	#sequences = new Map<string, number>();
	/** Per symbol, what this connection was last told about the position. */
	#positions = new Map<string, string>();
	#lastSentAt = Date.now();
	#idleTimer: NodeJS.Timeout | undefined;

	constructor(
		readonly socket: WebSocket,
		readonly endpoint: Endpoint,
		onMessage: (session: UwsSession, text: string | undefined) => void,
	) {
		socket.on('message', (data: RawData, isBinary: boolean) => {
			if (!this.silent) onMessage(this, isBinary ? undefined : data.toString());
		});
		socket.on('ping', (data: Buffer) => {
			if (!this.silent && socket.readyState === WebSocket.OPEN) socket.pong(data);
		});
		socket.on('error', () => undefined);
	}

	get subscriptionCount(): number {
		let count = this.accounts.size;
		for (const symbols of this.markets.values()) count += symbols.size;
		return count;
	}

	/** Milliseconds since this session last sent anything. */
	idleFor(now: number): number {
		return now - this.#lastSentAt;
	}

	send(message: Json): void {
		if (this.silent || this.socket.readyState !== WebSocket.OPEN) return;
		this.#lastSentAt = Date.now();
		this.socket.send(JSON.stringify(message));
	}

	/** The next `sequence` of a private channel on this connection (Kraken numbers them per connection). */
	nextSequence(channel: string): number {
		const next = (this.#sequences.get(channel) ?? 0) + 1;
		this.#sequences.set(channel, next);
		return next;
	}

	/** The symbols whose position changed since this connection was last told (a closed one included). */
	positionSymbols(account: Account): string[] {
		const now = new Map<string, string>();
		for (const position of account.positions.values()) {
			now.set(position.symbol, `${position.size}:${position.entryPrice}:${position.unrealizedFunding}`);
		}
		const changed = [...new Set([...now.keys(), ...this.#positions.keys()])].filter(
			(symbol) => now.get(symbol) !== this.#positions.get(symbol),
		);
		this.#positions = now;
		return changed;
	}

	/** Arms (or disarms) the close of a private socket that holds no subscription. */
	watchIdle(delayMs: number, code: number, reason: string): void {
		clearTimeout(this.#idleTimer);
		this.#idleTimer = undefined;
		if (this.endpoint !== 'private' || this.accounts.size > 0) return;
		this.#idleTimer = setTimeout(() => {
			if (this.accounts.size === 0 && this.socket.readyState === WebSocket.OPEN)
				this.socket.close(code, reason);
		}, delayMs);
		this.#idleTimer.unref();
	}

	dispose(): void {
		clearTimeout(this.#idleTimer);
	}
}
