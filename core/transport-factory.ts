import type { KrakenFuturesTradingApi } from './api';
import { KrakenConfigError } from './errors';
import { KrakenFuturesRestClient, type RestClientOptions } from './rest/client';
import { KrakenUwsSession, type UwsSessionOptions } from './uws/session';
import { KrakenUnifiedClient, type UnifiedClientOptions } from './uws/unified-client';

/** Which of Kraken's APIs a credential trades over. */
export type KrakenApiChoice = 'legacy' | 'unified';

/** Derivatives REST v3 (switched off by Kraken on 1 March 2027), with a Kraken Futures key pair. */
export interface LegacyTradingConfig extends RestClientOptions {
	api?: 'legacy';
}

/** Kraken's Unified WebSocket, with a Kraken (Spot) API key that has "Access WebSocket API". */
export interface UnifiedTradingConfig
	extends UwsSessionOptions,
		Omit<UnifiedClientOptions, 'session' | 'ownsSession'> {
	api: 'unified';
}

export type TradingApiConfig = LegacyTradingConfig | UnifiedTradingConfig;

/**
 * A trading API on its own, for code that streams nothing: the REST v3 client for `api: 'legacy'`
 * (the default), the unified client over a session of its own for `api: 'unified'`. The returned
 * client owns what it created and releases it in `close()`. The nodes use `openTransport` instead,
 * which shares one connection between trading and streams.
 */
export function createTradingApi(config: TradingApiConfig): KrakenFuturesTradingApi {
	const api: unknown = config.api ?? 'legacy';
	if (api === 'legacy') return new KrakenFuturesRestClient(config as LegacyTradingConfig);
	if (api === 'unified') {
		const {
			api: _api,
			validateOrders,
			roundToGrid,
			instrumentsTtlMs,
			readTimeoutMs,
			lostOrderWaitMs,
			...sessionOptions
		} = config as UnifiedTradingConfig;
		return new KrakenUnifiedClient({
			session: new KrakenUwsSession(sessionOptions),
			ownsSession: true,
			...(validateOrders !== undefined ? { validateOrders } : {}),
			...(roundToGrid !== undefined ? { roundToGrid } : {}),
			...(instrumentsTtlMs !== undefined ? { instrumentsTtlMs } : {}),
			...(readTimeoutMs !== undefined ? { readTimeoutMs } : {}),
			...(lostOrderWaitMs !== undefined ? { lostOrderWaitMs } : {}),
		});
	}
	throw new KrakenConfigError(`api must be 'legacy' or 'unified', got ${JSON.stringify(api)}`, {
		field: 'api',
	});
}
