import {
	KrakenConfigError,
	KrakenFuturesRestClient,
	KrakenFuturesWsClient,
	type HttpTransport,
	type KrakenFuturesTradingApi,
	type Logger,
} from '../../core';
import type { TransportTarget } from './transport-settings';

/** What a host adds when it opens the trading API: its logger and, for n8n, its HTTP helper. */
export interface TradingApiHostOptions {
	logger: Logger;
	/** Legacy REST only: how requests reach the exchange (n8n sends them through its own helper). */
	httpTransport?: HttpTransport;
	/** Legacy REST only: the credential signs each request itself (n8n), so the client must not. */
	signedByHost?: boolean;
	shareInstruments?: boolean;
}

/** Thrown on `api: unified` while this build has no Unified WebSocket client. */
function unifiedUnavailable(): KrakenConfigError {
	return new KrakenConfigError(
		'this version has no Unified WebSocket client yet; set api to "legacy" until it is installed',
		{ field: 'api' },
	);
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
	if (target.api === 'unified') throw unifiedUnavailable();
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
