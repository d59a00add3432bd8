import {
	KrakenConfigError,
	KrakenNetworkError,
	KrakenFuturesRestClient,
	KrakenFuturesWsClient,
	type HttpTransport,
	type KrakenFuturesTradingApi,
	KrakenUwsSession,
	type Logger,
} from '../../core';
import { KrakenUnifiedClient } from '../../core/uws/unified-client';
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
	 * fail fast (Test connection) or show them (status rings) listens here.
	 */
	onConnectionError?: (error: Error) => void;
}

/** Thrown on `api: unified` for a stream while this build has no Unified WebSocket stream client. */
function unifiedUnavailable(): KrakenConfigError {
	return new KrakenConfigError(
		'this version has no Unified WebSocket stream client yet; set api to "legacy" for live feeds',
		{ field: 'api' },
	);
}

function openUnified(target: UnifiedTarget, host: TradingApiHostOptions): KrakenFuturesTradingApi {
	const session = new KrakenUwsSession({
		publicUrl: target.publicUrl,
		privateUrl: target.privateUrl,
		spotRestUrl: target.spotRestUrl,
		...(target.credentials ? { credentials: target.credentials } : {}),
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
	return new KrakenUnifiedClient({ session });
}

/**
 * The one place where the configuration's `api` picks a transport. Every adapter (Node-RED config
 * node, n8n action node, trigger and credential test) gets its trading API here and never looks at
 * `api` itself.
 */
export function openTradingApi(
	target: TransportTarget,
	host: TradingApiHostOptions,
): KrakenFuturesTradingApi {
	if (target.api === 'unified') return openUnified(target, host);
	const credentials = target.credentials;
	return new KrakenFuturesRestClient({
		restUrl: target.restUrl,
		...(credentials ? { credentials } : {}),
		useNonce: host.signedByHost === true ? false : target.useNonce,
		...(host.httpTransport ? { transport: host.httpTransport } : {}),
		...(host.shareInstruments === true ? { shareInstruments: true } : {}),
		logger: host.logger,
	});
}

/** The streaming client of the chosen transport; `tradingApi` recovers fills missed while disconnected. */
export function openStreamClient(
	target: TransportTarget,
	host: { logger: Logger; tradingApi?: KrakenFuturesTradingApi; withKeys?: boolean },
): KrakenFuturesWsClient {
	if (target.api === 'unified') throw unifiedUnavailable();
	const credentials = host.withKeys === false ? undefined : target.credentials;
	return new KrakenFuturesWsClient({
		wsUrl: target.wsUrl,
		...(credentials ? { credentials } : {}),
		...(host.tradingApi ? { restClient: host.tradingApi } : {}),
		logger: host.logger,
	});
}
