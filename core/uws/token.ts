import {
	KrakenApiError,
	KrakenConfigError,
	KrakenError,
	KrakenNetworkError,
	KrakenRateLimitError,
	KrakenTimeoutError,
	KrakenUnavailableError,
} from '../errors';
import { nextNonce } from '../nonce';
import { type HttpTransport, UndiciTransport } from '../rest/transport';
import { uwsErrorToKrakenError } from './error-map';
import { decodeSpotSecret, signSpotRequest } from './spot-sign';

/**
 * WebSocket tokens from Kraken Spot REST `GetWebSocketsToken`. A token must be used within 15
 * minutes of creation and then lives as long as the private subscription it opened, so the
 * session fetches a fresh one right before every private connection and never shares one
 * between connections.
 */

export const WEBSOCKETS_ENDPOINT_PATH = '/0/private/GetWebSocketsToken';
/** Kraken's stated window ("should be used within 15 minutes of creation"), whatever `expires` says. */
export const TOKEN_USE_WINDOW_MS = 15 * 60_000;

export interface SpotCredentials {
	/** A Kraken (Spot) API key with the "Access WebSocket API" permission. */
	apiKey: string;
	/** Its private key, base64 as Kraken shows it. */
	apiSecret: string;
}

export interface TokenFetcherOptions {
	/** Kraken Spot REST base URL, e.g. `https://api.kraken.com` or a paper exchange's HTTP URL. */
	spotRestUrl: string;
	credentials: SpotCredentials;
	/** Defaults to an undici pool owned (and closed) by the fetcher. */
	transport?: HttpTransport;
	timeoutMs?: number;
	now?: () => number;
}

export interface WsToken {
	readonly token: string;
	readonly obtainedAt: number;
	/** After this instant the token may no longer open a private subscription. */
	readonly useBy: number;
}

export function isTokenUsable(token: WsToken, now: number): boolean {
	return now < token.useBy;
}

function parseJson(body: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(body);
		return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export class TokenFetcher {
	readonly #url: string;
	readonly #credentials: SpotCredentials;
	readonly #transport: HttpTransport;
	readonly #ownsTransport: boolean;
	readonly #timeoutMs: number;
	readonly #now: () => number;

	constructor(options: TokenFetcherOptions) {
		if (typeof options.spotRestUrl !== 'string' || !/^https?:\/\//.test(options.spotRestUrl)) {
			throw new KrakenConfigError('spotRestUrl must be an http:// or https:// URL', { field: 'spotRestUrl' });
		}
		const apiKey = options.credentials?.apiKey;
		if (typeof apiKey !== 'string' || apiKey.trim() === '') {
			throw new KrakenConfigError('spotApiKey is missing: the Unified WebSocket needs a Kraken API key', {
				field: 'spotApiKey',
			});
		}
		decodeSpotSecret(options.credentials.apiSecret);
		this.#url = options.spotRestUrl.replace(/\/+$/, '') + WEBSOCKETS_ENDPOINT_PATH;
		this.#credentials = { apiKey, apiSecret: options.credentials.apiSecret };
		this.#ownsTransport = options.transport === undefined;
		this.#transport = options.transport ?? new UndiciTransport();
		this.#timeoutMs = options.timeoutMs ?? 10_000;
		this.#now = options.now ?? Date.now;
	}

	/** A new token; retries once with a fresh nonce when Kraken refuses the nonce. */
	async fetch(signal?: AbortSignal): Promise<WsToken> {
		try {
			return await this.#fetchOnce(signal);
		} catch (error) {
			if (error instanceof KrakenApiError && error.krakenError === 'EAPI:Invalid nonce') {
				return this.#fetchOnce(signal);
			}
			throw error;
		}
	}

	async close(): Promise<void> {
		if (this.#ownsTransport) await this.#transport.close();
	}

	async #fetchOnce(signal?: AbortSignal): Promise<WsToken> {
		const nonce = nextNonce(this.#credentials.apiKey);
		const body = `nonce=${nonce}`;
		const headers = {
			'API-Key': this.#credentials.apiKey,
			'API-Sign': signSpotRequest(WEBSOCKETS_ENDPOINT_PATH, nonce, body, this.#credentials.apiSecret),
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
		};
		const requestedAt = this.#now();
		let response;
		try {
			response = await this.#transport.request({
				method: 'POST',
				url: this.#url,
				headers,
				body,
				timeoutMs: this.#timeoutMs,
				...(signal ? { signal } : {}),
			});
		} catch (error) {
			throw this.#networkError(error);
		}
		const parsed = parseJson(response.body);
		const errors = Array.isArray(parsed?.error) ? parsed.error.filter((e) => typeof e === 'string') : [];
		if (errors.length > 0) {
			throw uwsErrorToKrakenError(errors[0], { method: 'GetWebSocketsToken' });
		}
		if (response.status === 429) {
			throw new KrakenRateLimitError('GetWebSocketsToken failed: HTTP 429', { httpStatus: 429 });
		}
		if (response.status >= 500) {
			throw new KrakenUnavailableError(`GetWebSocketsToken failed: HTTP ${response.status}`, {
				httpStatus: response.status,
			});
		}
		const result = parsed?.result as { token?: unknown } | undefined;
		if (response.status !== 200 || typeof result?.token !== 'string' || result.token === '') {
			throw new KrakenApiError(`GetWebSocketsToken returned no token (HTTP ${response.status})`, {
				httpStatus: response.status,
				endpoint: WEBSOCKETS_ENDPOINT_PATH,
			});
		}
		// Measured from the request, not the answer: the server's 15 minutes began before we heard back.
		return { token: result.token, obtainedAt: requestedAt, useBy: requestedAt + TOKEN_USE_WINDOW_MS };
	}

	#networkError(error: unknown): KrakenError {
		if (error instanceof KrakenError) return error;
		const code = (error as { code?: unknown } | null)?.code;
		const name = (error as { name?: unknown } | null)?.name;
		// Only the error's kind is kept: its text may quote the request, and the request holds the key.
		if (name === 'AbortError' || (typeof code === 'string' && code.includes('TIMEOUT'))) {
			return new KrakenTimeoutError(`GetWebSocketsToken: no answer within ${this.#timeoutMs} ms`);
		}
		return new KrakenNetworkError(
			`GetWebSocketsToken: could not reach ${this.#url}${typeof code === 'string' ? ` (${code})` : ''}`,
		);
	}
}

/**
 * The token of one private connection: fetched fresh before each connection, renewed when Kraken
 * refuses it mid-session. Requests refused at the same moment share one renewal.
 */
export class ConnectionToken {
	#current: WsToken | undefined;
	#renewal: Promise<WsToken> | undefined;

	constructor(private readonly fetchToken: () => Promise<WsToken>) {}

	get value(): string | undefined {
		return this.#current?.token;
	}

	async renew(): Promise<void> {
		this.#renewal ??= this.fetchToken().finally(() => {
			this.#renewal = undefined;
		});
		this.#current = await this.#renewal;
	}

	/** The connection is gone: its token is never used again. */
	clear(): void {
		this.#current = undefined;
	}
}
