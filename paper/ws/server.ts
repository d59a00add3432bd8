import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../core/logger';
import type { PaperExchange, Payload } from '../exchange';
import type { KeyRing } from '../http/keyring';
import { feedMessage, onlyInstruments } from './feeds';
import { WsSession } from './session';

export const WS_PATH = '/ws/v1';
/** Every v1 request is a small JSON object; anything far larger is not a client talking Kraken. */
const MAX_FRAME_BYTES = 64 * 1024;

export interface WsDependencies {
	exchange: PaperExchange;
	keys: KeyRing;
	logger: Logger;
	/** The exchange clock, for heartbeat times. */
	now: () => number;
	heartbeatMs: number;
}

// Exchange events carry different arguments per event name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/**
 * The WebSocket v1 endpoint: accepts connections on `/ws/v1`, and turns the exchange's events into
 * feed messages for the sessions that follow them.
 */
export class PaperWsServer {
	readonly #wss = new WebSocketServer({ noServer: true, autoPong: false, maxPayload: MAX_FRAME_BYTES });
	readonly #sessions = new Set<WsSession>();
	readonly #listeners: [string, Listener][] = [];
	readonly #heartbeat: NodeJS.Timeout;

	constructor(private readonly deps: WsDependencies) {
		this.#wss.on('connection', (socket) => {
			const session = new WsSession(socket, deps);
			this.#sessions.add(session);
			socket.on('close', () => this.#sessions.delete(session));
		});
		this.#subscribeToExchange();
		this.#heartbeat = setInterval(() => {
			const message = { feed: 'heartbeat', time: deps.now() };
			for (const session of this.#sessions) if (session.heartbeat) session.send(message);
		}, deps.heartbeatMs);
	}

	/** Takes over an HTTP upgrade request; anything but `/ws/v1` is refused. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => undefined);
		const path = (req.url ?? '').split('?')[0];
		if (path !== WS_PATH) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit('connection', ws, req));
	}

	get connectionCount(): number {
		return this.#sessions.size;
	}

	/** Connections subscribed to the private `feed`; each has been sent its snapshot. */
	accountSubscriberCount(feed: string): number {
		return [...this.#sessions].filter((session) => session.accounts.has(feed)).length;
	}

	dropConnections(): void {
		for (const session of this.#sessions) session.socket.terminate();
	}

	silenceConnections(on: boolean): void {
		for (const session of this.#sessions) session.silent = on;
	}

	/** Closes every connection and stops listening to the exchange. */
	close(): Promise<void> {
		clearInterval(this.#heartbeat);
		for (const [event, listener] of this.#listeners) this.deps.exchange.off(event, listener);
		this.#listeners.length = 0;
		this.dropConnections();
		return new Promise((resolve) => this.#wss.close(() => resolve()));
	}

	#on(event: string, listener: Listener): void {
		this.#listeners.push([event, listener]);
		this.deps.exchange.on(event, listener);
	}

	#broadcast(feed: string, subject: string, build: () => Payload, products?: boolean): void {
		let message: Payload | undefined;
		for (const session of this.#sessions) {
			if (!session.follows(feed, subject)) continue;
			try {
				message ??= build();
			} catch (error) {
				this.deps.logger.warn('paper websocket update failed', { feed, error: String(error) });
				return;
			}
			if (!products) {
				session.send(message);
				continue;
			}
			// A fill of an instrument the subscriber did not ask for is not news to it.
			const filtered = onlyInstruments(message, session.accounts.get(feed)?.products);
			if ((filtered.fills as unknown[]).length > 0) session.send(filtered);
		}
	}

	#subscribeToExchange(): void {
		const { exchange } = this.deps;
		this.#on('ticker', (symbol: string, payload: Payload) => {
			this.#broadcast('ticker', symbol, () => feedMessage('ticker', payload));
			this.#broadcast('ticker_lite', symbol, () => feedMessage('ticker_lite', exchange.wsTickerLite(symbol)));
		});
		this.#on('book', (symbol: string, delta: Payload) =>
			this.#broadcast('book', symbol, () => feedMessage('book', delta)),
		);
		this.#on('trade', (symbol: string, trade: Payload) =>
			this.#broadcast('trade', symbol, () => feedMessage('trade', trade)),
		);
		this.#on('fill', (accountId: string, fill: Payload) =>
			this.#broadcast('fills', accountId, () => ({ feed: 'fills', account: accountId, fills: [fill] }), true),
		);
		this.#on('openOrder', (accountId: string, update: Payload) => {
			this.#broadcast('open_orders', accountId, () => feedMessage('open_orders', update));
			this.#broadcast('open_orders_verbose', accountId, () => feedMessage('open_orders_verbose', update));
		});
		this.#on('positions', (accountId: string) =>
			this.#broadcast('open_positions', accountId, () =>
				feedMessage('open_positions', exchange.wsOpenPositions(accountId)),
			),
		);
		this.#on('balances', (accountId: string, delta: Payload) =>
			this.#broadcast('balances', accountId, () => feedMessage('balances', delta)),
		);
		this.#on('accountLog', (accountId: string, entry: Payload) =>
			this.#broadcast('account_log', accountId, () => ({ feed: 'account_log', new_entry: entry })),
		);
	}
}
