import { Pool } from 'undici';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL including the query string, exactly as it must go on the wire. */
	url: string;
	headers: Record<string, string>;
	/** The form body, sent byte-for-byte (it is what was signed). */
	body?: string;
	/** The client also aborts `signal` when this elapses; transports may use it as a backstop. */
	timeoutMs: number;
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

/**
 * How the REST client reaches the exchange. The default uses undici; a host (n8n) can supply
 * its own. A transport must send `url` and `body` unchanged: re-encoding breaks the signature.
 */
export interface HttpTransport {
	request(request: HttpRequest): Promise<HttpResponse>;
	close(): Promise<void>;
}

// Kraken closes idle connections after about a minute; dropping ours earlier avoids writing a
// request onto a socket the server is closing.
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
const CONNECTIONS_PER_ORIGIN = 8;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

/**
 * Splits a URL into origin and path by hand: `new URL()` would re-encode parts of the query
 * (for example `'` becomes `%27`), and the query must reach the server as it was signed.
 */
export function splitUrl(url: string): { origin: string; path: string } {
	const schemeEnd = url.indexOf('://');
	const pathStart = url.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 3);
	if (schemeEnd === -1 || pathStart === -1) return { origin: new URL(url).origin, path: '/' };
	return { origin: url.slice(0, pathStart), path: url.slice(pathStart) };
}

/** The default transport: one keep-alive undici `Pool` per origin. */
export class UndiciTransport implements HttpTransport {
	readonly #pools = new Map<string, Pool>();
	#closed = false;

	#pool(origin: string): Pool {
		let pool = this.#pools.get(origin);
		if (pool === undefined) {
			pool = new Pool(origin, {
				connections: CONNECTIONS_PER_ORIGIN,
				keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
			});
			this.#pools.set(origin, pool);
		}
		return pool;
	}

	async request(request: HttpRequest): Promise<HttpResponse> {
		if (this.#closed) throw new Error('the HTTP transport is closed');
		const { origin, path } = splitUrl(request.url);
		const response = await this.#pool(origin).request({
			method: request.method,
			path,
			headers: request.headers,
			body: request.body,
			headersTimeout: request.timeoutMs,
			bodyTimeout: request.timeoutMs,
			signal: request.signal,
		});
		const body = await response.body.text();
		return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
	}

	async close(): Promise<void> {
		this.#closed = true;
		const pools = [...this.#pools.values()];
		this.#pools.clear();
		// destroy, not close: a request the caller abandoned must not keep the process alive.
		await Promise.all(pools.map((pool) => pool.destroy()));
	}
}
