import {
	createTradingApi,
	KrakenFuturesWsClient,
	KrakenNetworkError,
	KrakenUnifiedClient,
	KrakenUwsSession,
	KrakenUwsStreamClient,
	type HttpTransport,
	type KrakenFuturesTradingApi,
	type KrakenStreamClient,
	type Logger,
} from '../../core';
import type { TransportTarget, UnifiedTarget } from './transport-settings';

/** What a host adds when it opens the trading API: its logger and, for n8n, its HTTP helper. */
export interface TradingApiHostOptions {
	logger: Logger;
	/** Legacy REST only: how requests reach the exchange (n8n sends them through its own helper). */
	httpTransport?: HttpTransport;
	/** Legacy REST only: the credential signs each request itself (n8n), so the client must not. */
	signedByHost?: boolean;
	shareInstruments?: boolean;
	/**
	 * Connection failures that no call reports by itself (a refused WebSocket token, a socket that
	 * cannot open): the Unified WebSocket keeps retrying in the background, so a caller that wants to
	 * fail fast (Test connection) listens here.
	 */
	onConnectionError?: (error: Error) => void;
}

/** The Unified WebSocket session behind each unified trading API, so the stream client can share it. */
const sessions = new WeakMap<KrakenFuturesTradingApi, KrakenUwsSession>();

function openSession(target: UnifiedTarget, host: TradingApiHostOptions): KrakenUwsSession {
	const session = new KrakenUwsSession({
		publicUrl: target.publicUrl,
		privateUrl: target.privateUrl,
		spotRestUrl: target.spotRestUrl,
		...(target.credentials ? { credentials: target.credentials } : {}),
		...(target.tuning?.staleAfterMs !== undefined ? { staleAfterMs: target.tuning.staleAfterMs } : {}),
		logger: host.logger,
	});
	const onConnectionError = host.onConnectionError;
	if (onConnectionError) {
		session.on('error', (error: Error) => onConnectionError(error));
		session.on('reconnecting', (link: string) => {
			const what =
				link === 'private'
					? `the token request to ${target.spotRestUrl} or the connection to ${target.privateUrl}`
					: `the connection to ${target.publicUrl}`;
			onConnectionError(new KrakenNetworkError(`${what} failed`));
		});
	}
	return session;
}

/**
 * The one place where the adapters turn a configuration's `api` into a transport. Every adapter
 * (Node-RED config node, n8n action node, trigger and credential test) gets its trading API and
 * stream client here and never looks at `api` itself. Legacy goes through the core's
 * `createTradingApi`; unified builds the session here so that the trading API and the stream
 * client of one configuration share one pair of sockets and the host can hear connection errors.
 */
export function openTradingApi(
	target: TransportTarget,
	host: TradingApiHostOptions,
): KrakenFuturesTradingApi {
	if (target.api === 'unified') {
		const session = openSession(target, host);
		const client = new KrakenUnifiedClient({ session, ownsSession: true });
		sessions.set(client, session);
		return client;
	}
	const credentials = target.credentials;
	return createTradingApi({
		api: 'legacy',
		restUrl: target.restUrl,
		...(credentials ? { credentials } : {}),
		useNonce: host.signedByHost === true ? false : target.useNonce,
		...(host.httpTransport ? { transport: host.httpTransport } : {}),
		...(host.shareInstruments === true ? { shareInstruments: true } : {}),
		...(target.tuning?.maxQueueWaitMs !== undefined ? { maxQueueWaitMs: target.tuning.maxQueueWaitMs } : {}),
		logger: host.logger,
	});
}

/**
 * The live-feed client of the chosen transport. On legacy, `tradingApi` fetches fills missed while
 * disconnected; on unified the stream client shares `tradingApi`'s session (which that client closes)
 * and recovers missed fills from the executions snapshot itself.
 */
export function openStreamClient(
	target: TransportTarget,
	host: { logger: Logger; tradingApi?: KrakenFuturesTradingApi; withKeys?: boolean },
): KrakenStreamClient {
	if (target.api === 'unified') {
		const shared = host.tradingApi ? sessions.get(host.tradingApi) : undefined;
		if (shared) return new KrakenUwsStreamClient({ session: shared, logger: host.logger });
		const credentials = host.withKeys === false ? undefined : target.credentials;
		return new KrakenUwsStreamClient({
			sessionOptions: {
				publicUrl: target.publicUrl,
				privateUrl: target.privateUrl,
				spotRestUrl: target.spotRestUrl,
				...(credentials ? { credentials } : {}),
				...(target.tuning?.staleAfterMs !== undefined ? { staleAfterMs: target.tuning.staleAfterMs } : {}),
				logger: host.logger,
			},
			logger: host.logger,
		});
	}
	const credentials = host.withKeys === false ? undefined : target.credentials;
	return new KrakenFuturesWsClient({
		wsUrl: target.wsUrl,
		...(credentials ? { credentials } : {}),
		...(host.tradingApi ? { restClient: host.tradingApi } : {}),
		...(target.tuning?.staleAfterMs !== undefined ? { staleAfterMs: target.tuning.staleAfterMs } : {}),
		logger: host.logger,
	});
}
