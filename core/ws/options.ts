import { KrakenConfigError } from '../errors';
import type { Clock } from '../legacy-cutoff';
import { noopLogger, redactingLogger, SecretRedactor } from '../logger';
import type { Logger } from '../logger';
import { KrakenSigner } from '../sign';
import type { FillsQuery, WsClientOptions } from './types';

/** WsClientOptions with every default applied and every value checked. */
export interface ResolvedWsOptions {
	url: string;
	pingIntervalMs: number;
	staleAfterMs: number;
	connectTimeoutMs: number;
	backoff: { initial: number; max: number };
	/** Redacts the secret from everything written through it. */
	logger: Logger;
	signer?: KrakenSigner;
	fetchFills?: (query: FillsQuery) => Promise<unknown[]>;
	fillMemory: number;
	clock?: Clock;
}

/** A configured duration or count, or its default; anything but a positive number is refused. */
export function positive(field: string, value: number | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new KrakenConfigError(`${field} must be a positive number of milliseconds`, { field });
	}
	return value;
}

/** REST `fills` answers `{ result, fills, serverTime }`; a narrower fetcher may return the array. */
function fillsArray(response: unknown): unknown[] {
	if (Array.isArray(response)) return response;
	const fills = (response as { fills?: unknown } | null)?.fills;
	return Array.isArray(fills) ? fills : [];
}

export function resolveWsOptions(options: WsClientOptions): ResolvedWsOptions {
	if (typeof options?.wsUrl !== 'string' || !/^wss?:\/\//.test(options.wsUrl)) {
		throw new KrakenConfigError('wsUrl must be a ws:// or wss:// URL', { field: 'wsUrl' });
	}
	const initial = positive('reconnectDelayMs.initial', options.reconnectDelayMs?.initial, 500);
	const staleAfterMs = positive('staleAfterMs', options.staleAfterMs, 30_000);
	const resolved: ResolvedWsOptions = {
		url: options.wsUrl,
		// A quiet but healthy socket (a private feed with nothing to report) must draw a pong well
		// before it would count as silent.
		pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, Math.min(30_000, staleAfterMs / 3)),
		staleAfterMs,
		connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 10_000),
		backoff: {
			initial,
			max: Math.max(initial, positive('reconnectDelayMs.max', options.reconnectDelayMs?.max, 30_000)),
		},
		logger: redactingLogger(
			options.logger ?? noopLogger,
			new SecretRedactor([options.credentials?.apiSecret ?? '']),
		),
		fillMemory: positive('fillMemory', options.fillMemory, 10_000),
	};
	if (options.clock) resolved.clock = options.clock;
	if (options.credentials) {
		resolved.signer = new KrakenSigner(options.credentials.apiKey, options.credentials.apiSecret);
	}
	const restClient = options.restClient;
	const fetchFills =
		options.fetchFills ?? (restClient ? (query: FillsQuery) => restClient.getFills(query) : undefined);
	if (fetchFills) resolved.fetchFills = async (query) => fillsArray(await fetchFills(query));
	return resolved;
}
