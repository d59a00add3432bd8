import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { WebSocket } from 'ws';

/**
 * A deliberately tiny Kraken Futures client for the paper exchange's own tests: it signs with
 * node:crypto directly (so the server is checked against the algorithm, not against our core) and
 * can sign wrongly on purpose.
 */
export interface SignOptions {
	apiKey: string;
	apiSecret: string;
	nonce?: string;
	/** Sign this path instead of the correct one (e.g. with `/derivatives` left in). */
	signedPath?: string;
	/** `hex` hashes the hex text of the SHA-256 digest: a classic client bug. */
	digest?: 'raw' | 'hex';
	/** Sign this postData instead of what is sent. */
	signedData?: string;
}

export interface CallOptions {
	method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
	query?: string;
	body?: string;
	sign?: SignOptions;
	headers?: Record<string, string>;
}

export interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: () => Record<string, unknown>;
}

export function authent(
	postData: string,
	nonce: string,
	path: string,
	secret: string,
	digest: 'raw' | 'hex' = 'raw',
): string {
	const hash = createHash('sha256').update(postData + nonce + path, 'utf8');
	const message = digest === 'raw' ? hash.digest() : hash.digest('hex');
	return createHmac('sha512', Buffer.from(secret, 'base64')).update(message).digest('base64');
}

export function signChallenge(challenge: string, secret: string): string {
	const digest = createHash('sha256').update(challenge, 'utf8').digest();
	return createHmac('sha512', Buffer.from(secret, 'base64')).update(digest).digest('base64');
}

/** Sends exactly the bytes given (no re-encoding) and signs them as Kraken expects unless told otherwise. */
export function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult> {
	const method = options.method ?? 'GET';
	const query = options.query ?? '';
	const body = options.body ?? '';
	const headers: Record<string, string> = { ...options.headers };
	const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (body !== '' && !typed) headers['content-type'] = 'application/x-www-form-urlencoded';
	const sign = options.sign;
	if (sign !== undefined) {
		const signedPath = sign.signedPath ?? path.replace(/^\/derivatives/, '');
		headers.APIKey = sign.apiKey;
		headers.Authent = authent(
			sign.signedData ?? query + body,
			sign.nonce ?? '',
			signedPath,
			sign.apiSecret,
			sign.digest,
		);
		if (sign.nonce !== undefined) headers.Nonce = sign.nonce;
	}
	const url = new URL(baseUrl);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				method,
				path: query === '' ? path : `${path}?${query}`,
				headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text,
						json: () => JSON.parse(text) as Record<string, unknown>,
					});
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** A WebSocket test client that records every message and can wait for one. */
export class WsProbe {
	readonly messages: Record<string, unknown>[] = [];
	#cursor = 0;
	readonly #waiters: {
		match: (m: Record<string, unknown>) => boolean;
		resolve: (m: Record<string, unknown>) => void;
	}[] = [];

	private constructor(readonly socket: WebSocket) {
		socket.on('message', (data) => {
			const message = JSON.parse(data.toString()) as Record<string, unknown>;
			this.messages.push(message);
			for (const waiter of [...this.#waiters]) {
				if (waiter.match(message)) {
					this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
					waiter.resolve(message);
				}
			}
		});
	}

	static open(url: string): Promise<WsProbe> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url);
			const probe = new WsProbe(socket);
			socket.once('open', () => resolve(probe));
			socket.once('error', reject);
		});
	}

	send(message: unknown): void {
		this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
	}

	/** The first message (already received or still to come) that matches, within `timeoutMs`. */
	waitFor(
		match: (m: Record<string, unknown>) => boolean,
		timeoutMs = 3000,
	): Promise<Record<string, unknown>> {
		const seen = this.messages.find(match);
		if (seen !== undefined) return Promise.resolve(seen);
		return this.#wait(match, timeoutMs);
	}

	/**
	 * The next matching message after the last one `next` returned: messages are read in order, so
	 * a message that arrived in the same packet as the previous one is not missed.
	 */
	async next(
		match: (m: Record<string, unknown>) => boolean,
		timeoutMs = 3000,
	): Promise<Record<string, unknown>> {
		const index = this.messages.findIndex((m, i) => i >= this.#cursor && match(m));
		const message =
			index !== -1
				? this.messages[index]
				: await this.#wait((m) => this.messages.indexOf(m) >= this.#cursor && match(m), timeoutMs);
		this.#cursor = this.messages.indexOf(message) + 1;
		return message;
	}

	/** Skips everything received so far: `next` only sees later messages. */
	skipReceived(): void {
		this.#cursor = this.messages.length;
	}

	#wait(match: (m: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
				reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
			}, timeoutMs);
			const waiter = {
				match,
				resolve: (m: Record<string, unknown>) => {
					clearTimeout(timer);
					resolve(m);
				},
			};
			this.#waiters.push(waiter);
		});
	}

	/** Requests a challenge and returns the fields every private subscribe carries. */
	async authenticate(apiKey: string, apiSecret: string): Promise<Record<string, string>> {
		this.send({ event: 'challenge', api_key: apiKey });
		const reply = await this.next((m) => m.event === 'challenge');
		const challenge = String(reply.message);
		return {
			api_key: apiKey,
			original_challenge: challenge,
			signed_challenge: signChallenge(challenge, apiSecret),
		};
	}

	close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise((resolve) => {
			this.socket.once('close', () => resolve());
			this.socket.terminate();
		});
	}
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
