import type { RequestOptions } from '../api';
import { describeInput } from '../describe-input';
import { KrakenApiError, KrakenValidationError } from '../errors';
import { InstrumentCache } from '../instruments/cache';
import type { Clock } from '../legacy-cutoff';
import { type Logger, noopLogger, redactingLogger, SecretRedactor } from '../logger';
import { budgetsFor, type RateLimitOptions } from '../rate-limit/registry';
import { KrakenSigner } from '../sign';
import { accountLogCost, ENDPOINTS, type EndpointSpec, FILLS_WITH_LAST_FILL_TIME_COST } from './endpoints';
import { encodeForm, type FormValue } from './form';
import { normaliseRestUrl, pagingParams, positiveMs, requireSymbol, withPath } from './request-params';
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
	/**
	 * How long a call may wait for the client-side rate budget before it fails with a
	 * KrakenRateLimitError, unsent (default 10 000 ms). An order held back longer is rarely
	 * what a trader wants.
	 */
	maxQueueWaitMs?: number;
	/**
	 * How long resolving an unknown outcome may take in all (default: the request timeout).
	 * See `core/outcome/`.
	 */
	outcomeLookupMs?: number;
	/** Retries of read-only calls after `apiLimitExceeded` (default 2 retries from 1 s). */
	rateLimitRetry?: Partial<RetryOptions>;
	/** How long the instrument list is cached (default 5 minutes). */
	instrumentsTtlMs?: number;
	/**
	 * Share the cached instrument list with every other client of the same `restUrl` that also sets
	 * this, so hosts that build a client per run do not fetch it again before every order.
	 */
	shareInstruments?: boolean;
	/** Check orders against the instrument list before sending (default true). */
	validateOrders?: boolean;
	/** Round price to tickSize and size (toward zero) to the size step instead of rejecting. */
	roundToGrid?: boolean;
	logger?: Logger;
	/** Read for the legacy cut-off date (1 March 2027); the system clock unless a test sets it. */
	clock?: Clock;
}

/** Kraken's account log filters by one `info` type per request. */
function accountLogInfo(info: unknown): string | undefined {
	const values = (Array.isArray(info) ? info : [info]).filter((value) => value !== undefined && value !== '');
	if (values.length === 0) return undefined;
	if (values.length > 1 || typeof values[0] !== 'string') {
		throw new KrakenValidationError(
			'info',
			`Kraken filters the account log by one type per request, got ${describeInput(info)}`,
		);
	}
	return values[0];
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUEUE_WAIT_MS = 10_000;
const V3 = '/derivatives/api/v3';
const DEFAULT_RETRY: RetryOptions = { attempts: 2, initialDelayMs: 1000, maxDelayMs: 30_000 };

/** Connection, signing and the read-only endpoints; the order endpoints are in KrakenFuturesRestClient. */
export abstract class RestClientBase {
	readonly instruments: InstrumentCache;
	readonly #requester: RestRequester;
	protected readonly transport: HttpTransport;
	/** Writes through a redactor: no line can contain the API secret. */
	protected readonly logger: Logger;
	protected readonly ownsTransport: boolean;
	/** The whole time an outcome lookup may take after an order-changing call gave no clear answer. */
	protected readonly outcomeLookupMs: number;

	constructor(options: RestClientOptions) {
		const restUrl = normaliseRestUrl(options.restUrl);
		const redactor = new SecretRedactor();
		this.logger = redactingLogger(options.logger ?? noopLogger, redactor);
		let signer: KrakenSigner | undefined;
		if (options.credentials !== undefined) {
			const { apiKey, apiSecret } = options.credentials;
			signer = new KrakenSigner(apiKey, apiSecret);
			redactor.addApiSecret(apiSecret);
		}
		this.transport = options.transport ?? new UndiciTransport();
		this.ownsTransport = options.transport === undefined;
		const timeoutMs = positiveMs('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
		this.outcomeLookupMs = positiveMs('outcomeLookupMs', options.outcomeLookupMs, timeoutMs);
		const budgets =
			signer !== undefined && options.rateLimit !== false
				? budgetsFor(signer.apiKey, options.rateLimit ?? {})
				: undefined;
		this.#requester = new RestRequester({
			restUrl,
			transport: this.transport,
			timeoutMs,
			maxQueueWaitMs: positiveMs('maxQueueWaitMs', options.maxQueueWaitMs, DEFAULT_MAX_QUEUE_WAIT_MS),
			useNonce: options.useNonce === true,
			retry: { ...DEFAULT_RETRY, ...options.rateLimitRetry },
			logger: this.logger,
			redactor,
			...(options.clock !== undefined ? { clock: options.clock } : {}),
			...(signer !== undefined ? { signer } : {}),
			...(budgets !== undefined ? { budgets } : {}),
		});
		this.instruments = new InstrumentCache(
			() => this.getInstruments(),
			options.instrumentsTtlMs,
			Date.now,
			options.shareInstruments === true ? restUrl : undefined,
		);
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

	/**
	 * Lists every contract with its tick size and size precision.
	 * @see https://docs.kraken.com/api-reference/instrument-details/get-instruments
	 */
	async getInstruments(options?: RequestOptions): Promise<T.InstrumentsResponse> {
		return this.callGet(ENDPOINTS.instruments, {}, options);
	}

	/**
	 * Trading status of all instruments, or of one.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-instrument-status-list
	 */
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

	/**
	 * Tickers of every contract and index.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-tickers
	 */
	async getTickers(options?: RequestOptions): Promise<T.TickersResponse> {
		return this.callGet(ENDPOINTS.tickers, {}, options);
	}

	/**
	 * The ticker of one symbol.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-ticker
	 */
	async getTicker(symbol: string, options?: RequestOptions): Promise<T.TickerResponse> {
		const path = `${V3}/tickers/${encodeURIComponent(requireSymbol(symbol))}`;
		return this.callGet(withPath(ENDPOINTS.tickers, path), {}, options);
	}

	/**
	 * The full, non-cumulative order book of a symbol.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-orderbook
	 */
	async getOrderBook(request: { symbol: string }, options?: RequestOptions): Promise<T.OrderBookResponse> {
		return this.callGet(ENDPOINTS.orderbook, { symbol: requireSymbol(request?.symbol) }, options);
	}

	/**
	 * The last 100 public trades before `lastTime`.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-history
	 */
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

	/**
	 * v4 is what production serves today; the documented v3 path is the fallback on 404.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/historical-funding-rates
	 */
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

	/** @see https://docs.kraken.com/api/docs/futures-api/trading/get-open-orders */
	async getOpenOrders(options?: RequestOptions): Promise<T.OpenOrdersResponse> {
		return this.callGet(ENDPOINTS.openorders, {}, options);
	}

	/**
	 * Orders that are open or finished in the last seconds, by id or cliOrdId.
	 * @see https://docs.kraken.com/api-reference/order-management/get-specific-orders-status
	 */
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

	/** @see https://docs.kraken.com/api/docs/futures-api/trading/get-open-positions */
	async getOpenPositions(options?: RequestOptions): Promise<T.OpenPositionsResponse> {
		return this.callGet(ENDPOINTS.openpositions, {}, options);
	}

	/**
	 * The 100 fills before `lastFillTime` (or the latest 100).
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/get-fills
	 */
	async getFills(
		request: { lastFillTime?: string } = {},
		options?: RequestOptions,
	): Promise<T.FillsResponse> {
		const { lastFillTime } = request;
		const cost = lastFillTime === undefined ? undefined : FILLS_WITH_LAST_FILL_TIME_COST;
		return this.callGet(ENDPOINTS.fills, { lastFillTime }, options, cost);
	}

	/** @see https://docs.kraken.com/api/docs/futures-api/trading/get-accounts */
	async getAccounts(options?: RequestOptions): Promise<T.AccountsResponse> {
		return this.callGet(ENDPOINTS.accounts, {}, options);
	}

	/** @see https://docs.kraken.com/api-reference/multi-collateral/get-leverage-settings */
	async getLeveragePreferences(options?: RequestOptions): Promise<T.LeveragePreferencesResponse> {
		return this.callGet(ENDPOINTS.leveragePreferencesGet, {}, options);
	}

	/**
	 * Omit maxLeverage to switch the symbol to cross margin. Kraken takes PUT parameters in the query.
	 * @see https://docs.kraken.com/api-reference/multi-collateral/set-leverage-settings
	 */
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

	/** @see https://docs.kraken.com/api-reference/multi-collateral/get-pnl-currency-preference */
	async getPnlPreferences(options?: RequestOptions): Promise<T.PnlPreferencesResponse> {
		return this.callGet(ENDPOINTS.pnlPreferencesGet, {}, options);
	}

	/**
	 * Sets the currency PnL of a multi-collateral contract is settled in.
	 * @see https://docs.kraken.com/api-reference/multi-collateral/set-pnl-currency-preference
	 */
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

	/**
	 * The account log (history pool; the cost grows with `count`).
	 * @see https://docs.kraken.com/api/docs/futures-api/history/account-log
	 */
	async getAccountLog(
		request: T.AccountLogRequest = {},
		options?: RequestOptions,
	): Promise<T.AccountLogResponse> {
		const { since, before, from, to, sort, count, conversion_details } = request;
		const info = accountLogInfo(request.info);
		const params = { since, before, from, to, sort, info, count, conversion_details };
		return this.callGet(
			ENDPOINTS.accountLog,
			params as Record<string, FormValue>,
			options,
			accountLogCost(count),
		);
	}

	/** @see https://docs.kraken.com/api/docs/futures-api/history/account-history */
	async getExecutionHistory(
		request: T.HistoryPaging = {},
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		return this.callGet(ENDPOINTS.executions, pagingParams(request), options);
	}

	/** @see https://docs.kraken.com/api/docs/futures-api/history/account-history */
	async getOrderHistory(
		request: T.HistoryPaging = {},
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		return this.callGet(ENDPOINTS.orders, pagingParams(request), options);
	}
}
