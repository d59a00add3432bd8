import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { signSpotRequest } from '../../../../core/uws/spot-sign';

export type Json = Record<string, unknown>;

/** A syntactically valid Kraken (Spot) key pair for scripted servers (never a real one). */
export const SPOT_CREDENTIALS = {
	apiKey: 'spot-test-key-' + randomBytes(6).toString('hex'),
	apiSecret: randomBytes(64).toString('base64'),
};

/** One client socket as the scripted server sees it. */
export class UwsConnection {
	readonly received: Json[] = [];
	/** When true nothing is answered: no pongs, no acks, no heartbeats (a half-open socket). */
	silent = false;

	constructor(
		readonly socket: WebSocket,
		readonly path: '/v2/public' | '/v2/private',
		readonly index: number,
	) {}

	send(message: Json): void {
		if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
	}

	/** Every request with this method, in order. */
	requests(method: string): Json[] {
		return this.received.filter((message) => message.method === method);
	}
}

export interface ScriptedUwsOptions {
	/** `system` of the status push sent on every connect (default `online`); null sends none. */
	system?: string | null;
	/** Return true when the request was handled; otherwise the default script answers. */
	onRequest?: (connection: UwsConnection, message: Json) => boolean | void;
	/** Runs after a successful subscribe ack (e.g. to send a snapshot). */
	afterSubscribe?: (connection: UwsConnection, params: Json) => void;
}

export function ack(message: Json, result: unknown = {}): Json {
	return {
		method: message.method,
		req_id: message.req_id,
		result,
		success: true,
		time_in: new Date().toISOString(),
		time_out: new Date().toISOString(),
	};
}

export function refusal(message: Json, error: string): Json {
	return { method: message.method, req_id: message.req_id, success: false, error };
}

/**
 * A loopback Kraken Unified WebSocket just big enough for the client's protocol tests: Spot REST
 * `GetWebSocketsToken` (API-Sign checked byte for byte, nonce strictly increasing), the public and
 * private sockets, a status push on connect, pongs, subscribe acks, token checks on private
 * requests, and hooks to answer, ignore, drop or close at exact moments.
 */
export class ScriptedUws extends EventEmitter {
	readonly connections: UwsConnection[] = [];
	readonly tokensIssued: string[] = [];
	/** Tokens Kraken no longer accepts (a private request carrying one is refused). */
	readonly expiredTokens = new Set<string>();
	/** The next token requests are answered with this error instead of a token. */
	tokenError: string | undefined;
	tokenRequests = 0;
	badSignatures = 0;
	#lastNonce = 0n;
	readonly #http: Server;
	readonly #wss: WebSocketServer;
	readonly restUrl: string;
	readonly publicUrl: string;
	readonly privateUrl: string;

	private constructor(
		http: Server,
		wss: WebSocketServer,
		readonly options: ScriptedUwsOptions,
	) {
		super();
		this.#http = http;
		this.#wss = wss;
		const port = (http.address() as AddressInfo).port;
		this.restUrl = `http://127.0.0.1:${port}`;
		this.publicUrl = `ws://127.0.0.1:${port}/v2/public`;
		this.privateUrl = `ws://127.0.0.1:${port}/v2/private`;
		http.on('request', (request, response) => this.#onHttp(request, response));
		http.on('upgrade', (request, socket, head) => {
			const path = request.url === '/v2/private' ? '/v2/private' : '/v2/public';
			wss.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, path));
		});
	}

	static async start(options: ScriptedUwsOptions = {}): Promise<ScriptedUws> {
		const http = createServer();
		const wss = new WebSocketServer({ noServer: true, autoPong: false });
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
		return new ScriptedUws(http, wss, options);
	}

	of(path: 'public' | 'private'): UwsConnection[] {
		return this.connections.filter((connection) => connection.path === `/v2/${path}`);
	}

	lastOf(path: 'public' | 'private'): UwsConnection {
		const connection = this.of(path).at(-1);
		if (!connection) throw new Error(`no ${path} connection yet`);
		return connection;
	}

	allReceived(method?: string): Json[] {
		const all = this.connections.flatMap((connection) => connection.received);
		return method === undefined ? all : all.filter((message) => message.method === method);
	}

	/** Drops every open socket without a close frame (code 1006 on the client). */
	dropAll(): void {
		for (const connection of this.connections) connection.socket.terminate();
	}

	broadcast(path: 'public' | 'private', message: Json): void {
		for (const connection of this.of(path)) connection.send(message);
	}

	async stop(): Promise<void> {
		for (const connection of this.connections) connection.socket.terminate();
		this.#wss.close();
		this.#http.closeAllConnections();
		await new Promise<void>((resolve) => this.#http.close(() => resolve()));
	}

	#onHttp(request: IncomingMessage, response: ServerResponse): void {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const reply = (payload: Json) => {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify(payload));
			};
			this.tokenRequests++;
			if (request.method !== 'POST' || request.url !== '/0/private/GetWebSocketsToken') {
				reply({ error: ['EGeneral:Unknown method'] });
				return;
			}
			const nonceText = /^nonce=(\d+)$/.exec(body)?.[1];
			const expected = nonceText
				? signSpotRequest('/0/private/GetWebSocketsToken', nonceText, body, SPOT_CREDENTIALS.apiSecret)
				: undefined;
			if (request.headers['api-key'] !== SPOT_CREDENTIALS.apiKey) {
				reply({ error: ['EAPI:Invalid key'] });
				return;
			}
			if (!nonceText || request.headers['api-sign'] !== expected) {
				this.badSignatures++;
				reply({ error: ['EAPI:Invalid signature'] });
				return;
			}
			if (BigInt(nonceText) <= this.#lastNonce) {
				reply({ error: ['EAPI:Invalid nonce'] });
				return;
			}
			this.#lastNonce = BigInt(nonceText);
			if (this.tokenError) {
				reply({ error: [this.tokenError] });
				return;
			}
			const token = `token-${this.tokensIssued.length + 1}-${randomBytes(6).toString('hex')}`;
			this.tokensIssued.push(token);
			reply({ error: [], result: { token, expires: 900 } });
		});
	}

	#onConnection(socket: WebSocket, path: '/v2/public' | '/v2/private'): void {
		const connection = new UwsConnection(socket, path, this.connections.length);
		this.connections.push(connection);
		socket.on('ping', (data) => {
			if (!connection.silent) socket.pong(data);
		});
		socket.on('message', (data) => {
			const message = JSON.parse(data.toString()) as Json;
			connection.received.push(message);
			this.emit('message', connection, message);
			if (connection.silent) return;
			if (this.options.onRequest?.(connection, message) === true) return;
			this.#defaultScript(connection, message);
		});
		socket.on('close', () => this.emit('disconnect', connection));
		if (this.options.system !== null) {
			connection.send({
				channel: 'status',
				type: 'update',
				data: [
					{ api_version: 'v2', connection_id: 1, system: this.options.system ?? 'online', version: '2.0.0' },
				],
			});
		}
		this.emit('connection', connection);
	}

	#defaultScript(connection: UwsConnection, message: Json): void {
		const params = (message.params ?? {}) as Json;
		if (message.method === 'ping') {
			connection.send({ method: 'pong', req_id: message.req_id, time_in: '', time_out: '' });
			return;
		}
		if (connection.path === '/v2/private') {
			const token = params.token;
			if (typeof token !== 'string' || !this.tokensIssued.includes(token) || this.expiredTokens.has(token)) {
				connection.send(refusal(message, 'EAPI:Invalid token'));
				return;
			}
		}
		if (message.method === 'subscribe' || message.method === 'unsubscribe') {
			const { token: _token, ...echo } = params;
			connection.send(ack(message, echo));
			if (message.method === 'subscribe') this.options.afterSubscribe?.(connection, params);
			return;
		}
		connection.send(ack(message, { order_id: `order-${String(message.req_id)}` }));
	}
}

export { waitFor } from '../../../faults/support/capture';
export { delay } from '../../ws/support/scripted-server';

/** Session options for a stream client with a Kraken key against `server`, reconnecting quickly. */
export function keyedSessionOptions(server: ScriptedUws) {
	return {
		publicUrl: server.publicUrl,
		privateUrl: server.privateUrl,
		spotRestUrl: server.restUrl,
		credentials: SPOT_CREDENTIALS,
		statusWaitMs: 300,
		reconnectDelayMs: { initial: 5, max: 20 },
	};
}
