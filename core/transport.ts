import type { KrakenFuturesTradingApi } from './api';
import { KrakenConfigError, KrakenNetworkError } from './errors';
import type { Logger } from './logger';
import { KrakenFuturesRestClient } from './rest/client';
import type { HttpTransport } from './rest/transport';
import type { KrakenStreamClient } from './stream';
import { KrakenUwsSession } from './uws/session';
import { KrakenUwsStreamClient } from './uws/stream-client';
import { KrakenUnifiedClient } from './uws/unified-client';
import { KrakenFuturesWsClient } from './ws/client';

export interface TransportKeyPair {
	apiKey: string;
	apiSecret: string;
}

/** The advanced settings both transports honour where they apply. */
export interface TransportTuning {
	/** Longest wait for rate-limit budget before a call fails, ms (legacy REST). */
	maxQueueWaitMs?: number;
	/** A socket silent this long is replaced, ms. */
	staleAfterMs?: number;
}

/** Derivatives REST v3 + WebSocket v1 (switched off by Kraken on 1 March 2027). */
export interface LegacyTransportConfig {
	api: 'legacy';
	restUrl: string;
	wsUrl: string;
	/** A Kraken Futures key pair; absent for market data only. */
	credentials?: TransportKeyPair;
	useNonce: boolean;
	tuning?: TransportTuning;
}

/** Kraken's Unified WebSocket: a public and a private socket, authenticated by a token. */
export interface UnifiedTransportConfig {
	api: 'unified';
	publicUrl: string;
	privateUrl: string;
	/** Spot REST origin that serves GetWebSocketsToken. */
	spotRestUrl: string;
	/** A Kraken (Spot) API key with WebSocket access; absent for market data only. */
	credentials?: TransportKeyPair;
	tuning?: TransportTuning;
}

export type TransportConfig = LegacyTransportConfig | UnifiedTransportConfig;

/** What the host adds: its logger and, for n8n, its HTTP helper. */
export interface TransportHostOptions {
	logger: Logger;
	/** Legacy REST only: how requests reach the exchange (n8n sends them through its own helper). */
	httpTransport?: HttpTransport;
	/** Legacy REST only: the host signs each request itself (n8n's credential), so the client must not. */
	signedByHost?: boolean;
	/** Share the public instrument list with other clients of the same REST origin. */
	shareInstruments?: boolean;
	/**
	 * Connection failures no call reports by itself (a refused WebSocket token, a socket that cannot
	 * open): the Unified WebSocket keeps retrying in the background, so a caller that wants to fail
	 * fast (Test connection) listens here.
	 */
	onConnectionError?: (error: Error) => void;
}

/**
 * One configuration's connection to Kraken, on the API its `api` names: where every node
 * gets its transport. Its trading API and stream client are made on first use and share what they
 * can: on `unified` one session (one public and one private socket), on `legacy` one REST client,
 * which also fetches the fills the WebSocket missed while it was down (the per-key nonce registry is
 * process-wide either way). `close()` closes both.
 */
export class KrakenTransport {
	#tradingApi: KrakenFuturesTradingApi | undefined;
	#session: KrakenUwsSession | undefined;
	#streamClient: KrakenStreamClient | undefined;
	#closed = false;

	constructor(
		readonly config: TransportConfig,
		private readonly host: TransportHostOptions,
	) {
		const api: unknown = config?.api;
		if (api !== 'legacy' && api !== 'unified') {
			throw new KrakenConfigError(`api must be 'legacy' or 'unified', got ${JSON.stringify(api)}`, {
				field: 'api',
			});
		}
	}

	get api(): TransportConfig['api'] {
		return this.config.api;
	}

	get tradingApi(): KrakenFuturesTradingApi {
		this.#assertOpen();
		this.#tradingApi ??= this.#openTradingApi();
		return this.#tradingApi;
	}

	get streamClient(): KrakenStreamClient {
		this.#assertOpen();
		this.#streamClient ??= this.#openStreamClient();
		return this.#streamClient;
	}

	/** The clients first, then the session they share on `unified`. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#streamClient?.close();
		await this.#tradingApi?.close();
		await this.#session?.close();
	}

	#assertOpen(): void {
		if (this.#closed) throw new KrakenConfigError('this Kraken connection was closed');
	}

	#openTradingApi(): KrakenFuturesTradingApi {
		const { config, host } = this;
		if (config.api === 'unified') {
			return new KrakenUnifiedClient({ session: this.#unifiedSession(config), ownsSession: false });
		}
		return new KrakenFuturesRestClient({
			restUrl: config.restUrl,
			...(config.credentials ? { credentials: config.credentials } : {}),
			useNonce: host.signedByHost === true ? false : config.useNonce,
			...(host.httpTransport ? { transport: host.httpTransport } : {}),
			...(host.shareInstruments === true ? { shareInstruments: true } : {}),
			...(config.tuning?.maxQueueWaitMs !== undefined
				? { maxQueueWaitMs: config.tuning.maxQueueWaitMs }
				: {}),
			logger: host.logger,
		});
	}

	#openStreamClient(): KrakenStreamClient {
		const { config, host } = this;
		if (config.api === 'unified') {
			return new KrakenUwsStreamClient({ session: this.#unifiedSession(config), logger: host.logger });
		}
		return new KrakenFuturesWsClient({
			wsUrl: config.wsUrl,
			...(config.credentials ? { credentials: config.credentials } : {}),
			restClient: this.tradingApi,
			...(config.tuning?.staleAfterMs !== undefined ? { staleAfterMs: config.tuning.staleAfterMs } : {}),
			logger: host.logger,
		});
	}

	#unifiedSession(config: UnifiedTransportConfig): KrakenUwsSession {
		if (this.#session) return this.#session;
		const session = new KrakenUwsSession({
			publicUrl: config.publicUrl,
			privateUrl: config.privateUrl,
			spotRestUrl: config.spotRestUrl,
			...(config.credentials ? { credentials: config.credentials } : {}),
			...(config.tuning?.staleAfterMs !== undefined ? { staleAfterMs: config.tuning.staleAfterMs } : {}),
			logger: this.host.logger,
		});
		const onConnectionError = this.host.onConnectionError;
		if (onConnectionError) {
			session.on('error', (error: Error) => onConnectionError(error));
			session.on('reconnecting', (link: string) => {
				const what =
					link === 'private'
						? `the token request to ${config.spotRestUrl} or the connection to ${config.privateUrl}`
						: `the connection to ${config.publicUrl}`;
				onConnectionError(new KrakenNetworkError(`${what} failed`));
			});
		}
		this.#session = session;
		return session;
	}
}

/** Opens nothing yet: the trading API and the stream client connect on first use. */
export function openTransport(config: TransportConfig, host: TransportHostOptions): KrakenTransport {
	return new KrakenTransport(config, host);
}
