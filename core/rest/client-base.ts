import type { RequestOptions } from '../api';
import { KrakenApiError, KrakenConfigError, KrakenValidationError } from '../errors';
import { InstrumentCache } from '../instruments/cache';
import { type Logger, noopLogger, redactingLogger, SecretRedactor } from '../logger';
import { budgetsFor, type RateLimitOptions } from '../rate-limit/registry';
import { KrakenSigner } from '../sign';
import { accountLogCost, ENDPOINTS, type EndpointSpec, FILLS_WITH_LAST_FILL_TIME_COST } from './endpoints';
import { encodeForm, type FormValue } from './form';
import { RestRequester, type RetryOptions } from './requester';
import { type HttpTransport, UndiciTransport } from './transport';
import type * as T from './types';

export interface RestClientOptions {
	/** Origin, e.g. `https://futures.kraken.com` or a paper exchange's `http://127.0.0.1:PORT`. */
	restUrl: string;
	/** Omit for public endpoints only; private calls then fail with a KrakenConfigError naming apiKey. */
	credentials?: { apiKey: string; apiSecret: string };
	/** Send a Nonce header (strictly increasing per key in this process). Off by default. */
	useNonce?: boolean;
	/** Per-request timeout in ms (default 10 000). */
	timeoutMs?: number;
	/** How requests reach the exchange; default an undici Pool per origin. */
	transport?: HttpTransport;
	/** Client-side budget per API key; `false` turns it off. Defaults are Kraken's limits. */
	rateLimit?: false | RateLimitOptions;
	/** Retries of read-only calls after `apiLimitExceeded` (default 2 retries from 1 s). */
	rateLimitRetry?: Partial<RetryOptions>;
	/** How long the instrument list is cached (default 5 minutes). */
	instrumentsTtlMs?: number;
	/** Check orders against the instrument list before sending (default true). */
	validateOrders?: boolean;
	/** Round price to tickSize and size (toward zero) to the size step instead of rejecting. */
	roundToGrid?: boolean;
	logger?: Logger;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY: RetryOptions = { attempts: 2, initialDelayMs: 1000, maxDelayMs: 30_000 };
const V3 = '/derivatives/api/v3';

function normaliseRestUrl(restUrl: string): string {
	let url: URL;
	try {
		url = new URL(restUrl);
	} catch {
		throw new KrakenConfigError('restUrl is not a valid URL', { field: 'restUrl' });
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new KrakenConfigError('restUrl must start with http:// or https://', { field: 'restUrl' });
	}
	return url.origin;
}

function withPath(spec: EndpointSpec, path: string): EndpointSpec {
	return { ...spec, path };
}

/** Connection, signing and the read-only endpoints; the order endpoints are in KrakenFuturesRestClient. */
export abstract class RestClientBase {
	readonly instruments: InstrumentCache;
	readonly #requester: RestRequester;
	protected readonly transport: HttpTransport;
	protected readonly ownsTransport: boolean;

	constructor(options: RestClientOptions) {
		const restUrl = normaliseRestUrl(options.restUrl);
		const redactor = new SecretRedactor();
		let signer: KrakenSigner | undefined;
		if (options.credentials !== undefined) {
			const { apiKey, apiSecret } = options.credentials;
			signer = new KrakenSigner(apiKey, apiSecret);
			redactor.addApiSecret(apiSecret);
		}
		this.transport = options.transport ?? new UndiciTransport();
		this.ownsTransport = options.transport === undefined;
		const budgets =
			signer !== undefined && options.rateLimit !== false
				? budgetsFor(signer.apiKey, options.rateLimit ?? {})
				: undefined;
		this.#requester = new RestRequester({
			restUrl,
			transport: this.transport,
			timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			useNonce: options.useNonce === true,
			retry: { ...DEFAULT_RETRY, ...options.rateLimitRetry },
			logger: redactingLogger(options.logger ?? noopLogger, redactor),
			redactor,
			...(signer !== undefined ? { signer } : {}),
			...(budgets !== undefined ? { budgets } : {}),
		});
		this.instruments = new InstrumentCache(() => this.getInstruments(), options.instrumentsTtlMs);
	}

	protected callGet<R>(
		spec: EndpointSpec,
		params: Record<string, FormValue> = {},
		options: RequestOptions = {},
		cost?: number,
	): Promise<R> {
		const query = encodeForm(params);
		return this.#requester.call(spec, {
			...options,
			query,
			...(cost !== undefined ? { cost } : {}),
		}) as Promise<R>;
	}

	protected callPost<R>(
		spec: EndpointSpec,
		body: string,
		options: RequestOptions = {},
		cost?: number,
	): Promise<R> {
		return this.#requester.call(spec, {
			...options,
			body,
			...(cost !== undefined ? { cost } : {}),
		}) as Promise<R>;
	}

	async getInstruments(options?: RequestOptions): Promise<T.InstrumentsResponse> {
		return this.callGet(ENDPOINTS.instruments, {}, options);
	}

	async getInstrumentStatus(symbol?: string, options?: RequestOptions): Promise<T.InstrumentStatusResponse> {
		const spec =
			symbol === undefined
				? ENDPOINTS.instrumentsStatus
				: withPath(
						ENDPOINTS.instrumentsStatus,
						`${V3}/instruments/${encodeURIComponent(symbol.toUpperCase())}/status`,
					);
		return this.callGet(spec, {}, options);
	}

	async getTickers(options?: RequestOptions): Promise<T.TickersResponse> {
		return this.callGet(ENDPOINTS.tickers, {}, options);
	}

	async getTicker(symbol: string, options?: RequestOptions): Promise<T.TickerResponse> {
		const path = `${V3}/tickers/${encodeURIComponent(requireSymbol(symbol))}`;
		return this.callGet(withPath(ENDPOINTS.tickers, path), {}, options);
	}

	async getOrderBook(request: { symbol: string }, options?: RequestOptions): Promise<T.OrderBookResponse> {
		return this.callGet(ENDPOINTS.orderbook, { symbol: requireSymbol(request?.symbol) }, options);
	}

	async getTradeHistory(
		request: { symbol: string; lastTime?: string },
		options?: RequestOptions,
	): Promise<T.TradeHistoryResponse> {
		return this.callGet(
			ENDPOINTS.tradeHistory,
			{ symbol: requireSymbol(request?.symbol), lastTime: request.lastTime },
			options,
		);
	}

	/** v4 is what production serves today; the documented v3 path is the fallback on 404. */
	async getHistoricalFundingRates(
		request: { symbol: string },
		options?: RequestOptions,
	): Promise<T.HistoricalFundingRatesResponse> {
		const params = { symbol: requireSymbol(request?.symbol) };
		try {
			return await this.callGet(ENDPOINTS.historicalFundingRatesV4, params, options);
		} catch (error) {
			if (!(error instanceof KrakenApiError) || error.httpStatus !== 404) throw error;
			return this.callGet(ENDPOINTS.historicalFundingRatesV3, params, options);
		}
	}

	async getOpenOrders(options?: RequestOptions): Promise<T.OpenOrdersResponse> {
		return this.callGet(ENDPOINTS.openorders, {}, options);
	}

	async getOrderStatus(
		request: T.OrderStatusRequest,
		options?: RequestOptions,
	): Promise<T.OrderStatusResponse> {
		const orderIds = request?.orderIds ?? [];
		const cliOrdIds = request?.cliOrdIds ?? [];
		if (orderIds.length === 0 && cliOrdIds.length === 0) {
			throw new KrakenValidationError('orderIds', 'give at least one orderId or cliOrdId');
		}
		return this.callPost(ENDPOINTS.ordersStatus, encodeForm({ orderIds, cliOrdIds }), options);
	}

	async getOpenPositions(options?: RequestOptions): Promise<T.OpenPositionsResponse> {
		return this.callGet(ENDPOINTS.openpositions, {}, options);
	}

	async getFills(
		request: { lastFillTime?: string } = {},
		options?: RequestOptions,
	): Promise<T.FillsResponse> {
		const { lastFillTime } = request;
		const cost = lastFillTime === undefined ? undefined : FILLS_WITH_LAST_FILL_TIME_COST;
		return this.callGet(ENDPOINTS.fills, { lastFillTime }, options, cost);
	}

	async getAccounts(options?: RequestOptions): Promise<T.AccountsResponse> {
		return this.callGet(ENDPOINTS.accounts, {}, options);
	}

	async getLeveragePreferences(options?: RequestOptions): Promise<T.LeveragePreferencesResponse> {
		return this.callGet(ENDPOINTS.leveragePreferencesGet, {}, options);
	}

	/** Omit maxLeverage to switch the symbol to cross margin. Kraken takes PUT parameters in the query. */
	async setLeveragePreference(
		request: { symbol: string; maxLeverage?: number },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope> {
		if (
			request?.maxLeverage !== undefined &&
			!(Number.isFinite(request.maxLeverage) && request.maxLeverage > 0)
		) {
			throw new KrakenValidationError(
				'maxLeverage',
				`must be a number greater than 0, got ${String(request.maxLeverage)}`,
			);
		}
		return this.callGet(
			ENDPOINTS.leveragePreferencesSet,
			{ symbol: requireSymbol(request?.symbol), maxLeverage: request.maxLeverage },
			options,
		);
	}

	async getPnlPreferences(options?: RequestOptions): Promise<T.PnlPreferencesResponse> {
		return this.callGet(ENDPOINTS.pnlPreferencesGet, {}, options);
	}

	async setPnlPreference(
		request: { symbol: string; pnlPreference: string },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope> {
		if (typeof request?.pnlPreference !== 'string' || request.pnlPreference.trim() === '') {
			throw new KrakenValidationError('pnlPreference', 'is required (a currency such as USD)');
		}
		return this.callGet(
			ENDPOINTS.pnlPreferencesSet,
			{ symbol: requireSymbol(request.symbol), pnlPreference: request.pnlPreference },
			options,
		);
	}

	async getAccountLog(
		request: T.AccountLogRequest = {},
		options?: RequestOptions,
	): Promise<T.AccountLogResponse> {
		const { since, before, from, to, sort, info, count, conversion_details } = request;
		const params = { since, before, from, to, sort, info, count, conversion_details };
		return this.callGet(
			ENDPOINTS.accountLog,
			params as Record<string, FormValue>,
			options,
			accountLogCost(count),
		);
	}

	async getExecutionHistory(
		request: T.HistoryPaging = {},
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		return this.callGet(ENDPOINTS.executions, pagingParams(request), options);
	}

	async getOrderHistory(
		request: T.HistoryPaging = {},
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		return this.callGet(ENDPOINTS.orders, pagingParams(request), options);
	}
}

function pagingParams(request: T.HistoryPaging): Record<string, FormValue> {
	const { since, before, sort, count, continuation_token, tradeable } = request;
	return { since, before, sort, count, continuation_token, tradeable };
}

export function requireSymbol(symbol: unknown): string {
	if (typeof symbol !== 'string' || symbol.trim() === '')
		throw new KrakenValidationError('symbol', 'is required');
	return symbol.trim().toUpperCase();
}
