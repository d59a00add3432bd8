import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { computeAuthent } from '../../../core/sign';

/** A request exactly as it reached the server. */
export interface RecordedRequest {
	method: string;
	path: string;
	/** The raw query string after `?`, undecoded ('' when absent). */
	query: string;
	/** The raw body, undecoded ('' when absent). */
	body: string;
	headers: Record<string, string | string[] | undefined>;
	/** Whether Authent matched computeAuthent(query + body, nonce, path); undefined when unsigned. */
	signatureValid?: boolean;
	/** Which connection carried it (1, 2, ...). */
	connection: number;
}

export interface CannedResponse {
	status?: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON; a string is sent as is. */
	body?: unknown;
	/** Never answer (for timeout tests). */
	hang?: boolean;
	/** Wait this long before answering. */
	delayMs?: number;
}

export type Responder = (request: RecordedRequest) => CannedResponse | Promise<CannedResponse>;

export interface RecordingServerOptions {
	apiSecret?: string;
	/** Reject a nonce that is not unique, or not above the previous one on the same connection. */
	enforceNonce?: boolean;
}

export const SERVER_TIME = '2026-11-21T12:00:00.000Z';

/**
 * A loopback HTTP server that records every request, checks its signature with core/sign.ts,
 * and answers with Kraken-shaped JSON chosen per route (`'POST /derivatives/api/v3/sendorder'`).
 */
export class RecordingServer {
	readonly requests: RecordedRequest[] = [];
	readonly #routes = new Map<string, Responder>();
	readonly #queued = new Map<string, CannedResponse[]>();
	readonly #sockets = new Set<Socket>();
	readonly #seenNonces = new Set<string>();
	readonly #lastNonceByConnection = new Map<number, bigint>();
	#connections = 0;
	#server: Server | undefined;
	url = '';

	constructor(readonly options: RecordingServerOptions = {}) {}

	async start(): Promise<this> {
		const server = createServer((req, res) => void this.#handle(req, res));
		server.on('connection', (socket) => {
			this.#connections += 1;
			(socket as Socket & { connectionNumber?: number }).connectionNumber = this.#connections;
			this.#sockets.add(socket);
			socket.on('close', () => this.#sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.#server = server;
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return this;
	}

	/** Answers `route` ("METHOD /path") with `responder` every time. */
	on(route: string, responder: Responder | CannedResponse): this {
		this.#routes.set(route, typeof responder === 'function' ? responder : () => responder);
		return this;
	}

	/** Answers the next calls to `route` with these responses, one each, then falls back. */
	queue(route: string, ...responses: CannedResponse[]): this {
		this.#queued.set(route, [...(this.#queued.get(route) ?? []), ...responses]);
		return this;
	}

	/** The last request to `path`. */
	last(path?: string): RecordedRequest {
		const matching = path === undefined ? this.requests : this.requests.filter((r) => r.path === path);
		const request = matching[matching.length - 1];
		if (request === undefined) throw new Error(`no request to ${path ?? 'any path'} was recorded`);
		return request;
	}

	async close(): Promise<void> {
		for (const socket of this.#sockets) socket.destroy();
		const server = this.#server;
		this.#server = undefined;
		if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawUrl = req.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
		const query = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
		const body = Buffer.concat(chunks).toString('utf8');
		const connection = (req.socket as Socket & { connectionNumber?: number }).connectionNumber ?? 0;
		const recorded: RecordedRequest = {
			method: req.method ?? '',
			path,
			query,
			body,
			headers: req.headers,
			connection,
		};
		const authent = req.headers.authent;
		const nonce = typeof req.headers.nonce === 'string' ? req.headers.nonce : '';
		if (typeof authent === 'string' && this.options.apiSecret !== undefined) {
			recorded.signatureValid = computeAuthent(query + body, nonce, path, this.options.apiSecret) === authent;
		}
		this.requests.push(recorded);
		const nonceError = this.options.enforceNonce ? this.#checkNonce(nonce, connection) : undefined;
		let response: CannedResponse;
		if (recorded.signatureValid === false) response = { body: krakenError('authenticationError') };
		else if (nonceError !== undefined) response = { body: krakenError(nonceError) };
		else response = await this.#respond(`${recorded.method} ${path}`, recorded);
		if (response.hang) return;
		if (response.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
		if (res.destroyed) return;
		const payload = response.body ?? { result: 'success', serverTime: SERVER_TIME };
		const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
		res.writeHead(response.status ?? 200, {
			'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json',
			...response.headers,
		});
		res.end(text);
	}

	#checkNonce(nonce: string, connection: number): string | undefined {
		if (!/^\d+$/.test(nonce)) return 'nonceBelowThreshold';
		if (this.#seenNonces.has(nonce)) return 'nonceDuplicate';
		this.#seenNonces.add(nonce);
		const value = BigInt(nonce);
		const last = this.#lastNonceByConnection.get(connection) ?? 0n;
		if (value <= last) return 'nonceBelowThreshold';
		this.#lastNonceByConnection.set(connection, value);
		return undefined;
	}

	async #respond(route: string, request: RecordedRequest): Promise<CannedResponse> {
		const queued = this.#queued.get(route)?.shift();
		if (queued !== undefined) return queued;
		const responder = this.#routes.get(route);
		return responder === undefined ? {} : responder(request);
	}
}

export function krakenError(error: string): Record<string, unknown> {
	return { result: 'error', serverTime: SERVER_TIME, error };
}

export function krakenSuccess(payload: Record<string, unknown> = {}): Record<string, unknown> {
	return { result: 'success', serverTime: SERVER_TIME, ...payload };
}

export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
	return new RecordingServer(options).start();
}
