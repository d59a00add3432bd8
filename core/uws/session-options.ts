import { KrakenConfigError } from '../errors';
import type { Logger } from '../logger';
import type { HttpTransport } from '../rest/transport';
import { positive } from '../ws/options';
import type { UwsLinkOptions } from './link';
import type { SpotCredentials } from './token';

export interface UwsSessionOptions {
	/** `wss://uws.kraken.com/v2/public`, or a paper exchange's UWS public URL. */
	publicUrl: string;
	/** `wss://uws.kraken.com/v2/private`, or a paper exchange's UWS private URL. */
	privateUrl?: string;
	/** Kraken Spot REST base URL for `GetWebSocketsToken` (`https://api.kraken.com`). */
	spotRestUrl?: string;
	/** A Kraken API key with "Access WebSocket API"; needed for private channels and trading. */
	credentials?: SpotCredentials;
	transport?: HttpTransport;
	requestTimeoutMs?: number;
	connectTimeoutMs?: number;
	/** Application `ping` interval (Kraken closes sockets idle for about a minute). */
	pingIntervalMs?: number;
	/** A socket silent this long is replaced (heartbeats come about once a second once subscribed). */
	staleAfterMs?: number;
	/** How long to wait after connecting for the `status` push before sending anyway. */
	statusWaitMs?: number;
	reconnectDelayMs?: { initial?: number; max?: number };
	/** Least delay between attempts after maintenance (Kraken: 5 s). */
	maintenanceBackoffMs?: number;
	/** Connection attempts per rolling 10 minutes (Kraken's edge bans an IP after about 150). */
	maxAttemptsPer10Min?: number;
	logger?: Logger;
	now?: () => number;
}

export type SharedLinkOptions = Omit<UwsLinkOptions, 'name' | 'url' | 'fetchToken' | 'gate' | 'logger'>;

export function checkedWsUrl(field: string, value: unknown): string {
	if (typeof value !== 'string' || !/^wss?:\/\//.test(value)) {
		throw new KrakenConfigError(`${field} must be a ws:// or wss:// URL`, { field });
	}
	return value;
}

function attemptsPer10Min(value: number | undefined): number {
	if (value === undefined) return 100;
	if (!Number.isInteger(value) || value < 1) {
		throw new KrakenConfigError('maxAttemptsPer10Min must be a whole number of at least 1', {
			field: 'maxAttemptsPer10Min',
		});
	}
	return value;
}

/** The timings both sockets share, with Kraken-friendly defaults; bad values are refused by name. */
export function resolveLinkTimings(options: UwsSessionOptions): SharedLinkOptions {
	const initial = positive('reconnectDelayMs.initial', options.reconnectDelayMs?.initial, 500);
	return {
		connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 10_000),
		pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 10_000),
		staleAfterMs: positive('staleAfterMs', options.staleAfterMs, 25_000),
		requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs, 10_000),
		statusWaitMs: positive('statusWaitMs', options.statusWaitMs, 2_000),
		backoff: {
			initial,
			max: Math.max(initial, positive('reconnectDelayMs.max', options.reconnectDelayMs?.max, 30_000)),
		},
		maintenanceBackoffMs: positive('maintenanceBackoffMs', options.maintenanceBackoffMs, 5_000),
		maxAttemptsPer10Min: attemptsPer10Min(options.maxAttemptsPer10Min),
		now: options.now ?? Date.now,
	};
}
