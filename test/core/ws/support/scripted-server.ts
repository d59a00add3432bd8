import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type Json = Record<string, unknown>;

/** One client connection as the scripted server sees it. */
export class ScriptedConnection {
	readonly received: Json[] = [];
	/** The challenge UUID this connection handed out last. */
	challenge: string | undefined;
	/** When true the connection answers nothing: no pongs, no acks (a half-open socket). */
	silent = false;

	constructor(
		readonly socket: WebSocket,
		readonly index: number,
	) {}

	send(message: Json): void {
		if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
	}
}

export interface ScriptedServerOptions {
	/**
	 * Called for every client message after it is recorded. Return true when handled; otherwise the
	 * default script runs: a challenge UUID for `challenge`, an ack for `subscribe`/`unsubscribe`.
	 */
	onMessage?: (connection: ScriptedConnection, message: Json) => boolean | void;
	/** Sent right after a subscribe ack (e.g. a snapshot). */
	afterSubscribe?: (connection: ScriptedConnection, message: Json) => void;
}

/**
 * A WebSocket server on 127.0.0.1:0 that speaks just enough Kraken WS v1 for the client's tests
 * and lets a test send anything (duplicate fills, alerts) at an exact moment.
 */
export class ScriptedServer extends EventEmitter {
	readonly connections: ScriptedConnection[] = [];
	readonly #wss: WebSocketServer;
	readonly url: string;

	private constructor(wss: WebSocketServer, options: ScriptedServerOptions) {
		super();
		this.#wss = wss;
		this.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws/v1`;
		wss.on('connection', (socket) => {
			const connection = new ScriptedConnection(socket, this.connections.length);
			this.connections.push(connection);
			socket.on('ping', (data) => {
				if (!connection.silent) socket.pong(data);
			});
			socket.on('message', (data) => {
				const message = JSON.parse(data.toString()) as Json;
				connection.received.push(message);
				this.emit('message', connection, message);
				if (connection.silent || options.onMessage?.(connection, message) === true) return;
				this.#defaultScript(connection, message, options);
			});
			socket.on('close', () => this.emit('disconnect', connection));
			connection.send({ event: 'info', version: 1 });
			this.emit('connection', connection);
		});
	}

	static async start(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
		const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
		await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
		return new ScriptedServer(wss, options);
	}

	get last(): ScriptedConnection {
		const connection = this.connections.at(-1);
		if (!connection) throw new Error('no connection yet');
		return connection;
	}

	/** Every message the clients sent, over all connections. */
	allReceived(): Json[] {
		return this.connections.flatMap((connection) => connection.received);
	}

	/** Resolves with the `count`-th connection (1-based), waiting for it if needed. */
	connection(count: number, timeoutMs = 3000): Promise<ScriptedConnection> {
		return waitUntil(() => this.connections[count - 1], timeoutMs, `connection #${count}`);
	}

	/** Resolves with the first message (on any connection) matching `predicate`, waiting if needed. */
	message(
		predicate: (message: Json, connection: ScriptedConnection) => boolean,
		timeoutMs = 3000,
	): Promise<Json> {
		return waitUntil(
			() => {
				for (const connection of this.connections) {
					const found = connection.received.find((message) => predicate(message, connection));
					if (found) return found;
				}
				return undefined;
			},
			timeoutMs,
			'a matching client message',
		);
	}

	broadcast(message: Json): void {
		for (const connection of this.connections) connection.send(message);
	}

	dropAll(): void {
		for (const connection of this.connections) connection.socket.terminate();
	}

	async close(): Promise<void> {
		this.dropAll();
		await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
	}

	#defaultScript(connection: ScriptedConnection, message: Json, options: ScriptedServerOptions): void {
		if (message.event === 'challenge') {
			connection.challenge = randomUUID();
			connection.send({ event: 'challenge', message: connection.challenge });
			return;
		}
		if (message.event === 'subscribe' || message.event === 'unsubscribe') {
			const ack: Json = { ...message, event: message.event === 'subscribe' ? 'subscribed' : 'unsubscribed' };
			connection.send(ack);
			if (message.event === 'subscribe') options.afterSubscribe?.(connection, message);
		}
	}
}

/** Polls `read` every few ms until it returns something, or rejects after `timeoutMs`. */
export async function waitUntil<T>(
	read: () => T | undefined | false,
	timeoutMs = 3000,
	what = 'condition',
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
