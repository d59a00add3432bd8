import { randomUUID } from 'node:crypto';
import type { KrakenFuturesTradingApi, RequestOptions } from '../api';
import { assertOrderAccepted } from '../error-map';
import {
	KrakenApiError,
	KrakenConfigError,
	KrakenTimeoutError,
	KrakenValidationError,
} from '../errors';
import { InstrumentCache } from '../instruments/cache';
import {
	applyInstrumentGrid,
	checkEditShape,
	checkOrderAgainstInstrument,
	checkOrderShape,
} from '../instruments/validate-order';
import { type Logger, noopLogger, redactingLogger, SecretRedactor } from '../logger';
import { budgetsFor, type RateLimitOptions } from '../rate-limit/registry';
import { KrakenSigner } from '../sign';
import {
	accountLogCost,
	batchOrderCost,
	ENDPOINTS,
	type EndpointSpec,
	FILLS_WITH_LAST_FILL_TIME_COST,
} from './endpoints';
import { encodeBatchBody, encodeForm, type FormValue } from './form';
import { assertBatchAccepted, prepareBatch } from './batch';
import {
	assertCancelAllSucceeded,
	checkCancelRequest,
	checkDeadManTimeout,
	editOrderParams,
	sendOrderParams,
} from './order-params';
import { recoverTimedOutOrder } from './order-recovery';
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

/** @see https://docs.kraken.com/api/docs/futures-api/trading/ */
export class KrakenFuturesRestClient implements KrakenFuturesTradingApi {
	readonly instruments: InstrumentCache;
	readonly #requester: RestRequester;
	readonly #transport: HttpTransport;
	readonly #ownsTransport: boolean;
	readonly #validateOrders: boolean;
	readonly #roundToGrid: boolean;

	constructor(options: RestClientOptions) {
		const restUrl = normaliseRestUrl(options.restUrl);
		const redactor = new SecretRedactor();
		let signer: KrakenSigner | undefined;
		if (options.credentials !== undefined) {
			const { apiKey, apiSecret } = options.credentials;
			signer = new KrakenSigner(apiKey, apiSecret);
			redactor.addApiSecret(apiSecret);
		}
		this.#transport = options.transport ?? new UndiciTransport();
		this.#ownsTransport = options.transport === undefined;
		this.#validateOrders = options.validateOrders !== false;
		this.#roundToGrid = options.roundToGrid === true;
		const budgets =
			signer !== undefined && options.rateLimit !== false
				? budgetsFor(signer.apiKey, options.rateLimit ?? {})
				: undefined;
		this.#requester = new RestRequester({
			restUrl,
			transport: this.#transport,
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

	#get<R>(
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

	#post<R>(spec: EndpointSpec, body: string, options: RequestOptions = {}, cost?: number): Promise<R> {
		return this.#requester.call(spec, {
			...options,
			body,
			...(cost !== undefined ? { cost } : {}),
		}) as Promise<R>;
	}

	async getInstruments(options?: RequestOptions): Promise<T.InstrumentsResponse> {
		return this.#get(ENDPOINTS.instruments, {}, options);
	}

	async getInstrumentStatus(symbol?: string, options?: RequestOptions): Promise<T.InstrumentStatusResponse> {
		const spec =
			symbol === undefined
				? ENDPOINTS.instrumentsStatus
				: withPath(
						ENDPOINTS.instrumentsStatus,
						`${V3}/instruments/${encodeURIComponent(symbol.toUpperCase())}/status`,
					);
		return this.#get(spec, {}, options);
	}

	async getTickers(options?: RequestOptions): Promise<T.TickersResponse> {
		return this.#get(ENDPOINTS.tickers, {}, options);
	}

	async getTicker(symbol: string, options?: RequestOptions): Promise<T.TickerResponse> {
		const path = `${V3}/tickers/${encodeURIComponent(requireSymbol(symbol))}`;
		return this.#get(withPath(ENDPOINTS.tickers, path), {}, options);
	}

	async getOrderBook(request: { symbol: string }, options?: RequestOptions): Promise<T.OrderBookResponse> {
		return this.#get(ENDPOINTS.orderbook, { symbol: requireSymbol(request?.symbol) }, options);
	}

	async getTradeHistory(
		request: { symbol: string; lastTime?: string },
		options?: RequestOptions,
	): Promise<T.TradeHistoryResponse> {
		return this.#get(
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
			return await this.#get(ENDPOINTS.historicalFundingRatesV4, params, options);
		} catch (error) {
			if (!(error instanceof KrakenApiError) || error.httpStatus !== 404) throw error;
			return this.#get(ENDPOINTS.historicalFundingRatesV3, params, options);
		}
	}

	/** The local checks sendOrder runs: shape, then symbol, tick size and size step. */
	async validateOrder(request: T.SendOrderRequest): Promise<T.SendOrderRequest> {
		const shaped = checkOrderShape(request);
		if (!this.#validateOrders) return shaped;
		return checkOrderAgainstInstrument(shaped, await this.instruments.get(shaped.symbol), this.#roundToGrid);
	}

	/** Places an order. Throws KrakenOrderRejectedError when Kraken answers success but did not place it. */
	async sendOrder(request: T.SendOrderRequest, options?: RequestOptions): Promise<T.SendOrderResult> {
		const validated = await this.validateOrder(request);
		const order = { ...validated, cliOrdId: validated.cliOrdId ?? randomUUID() };
		let response: T.SendOrderResponse;
		try {
			response = await this.#post(ENDPOINTS.sendorder, encodeForm(sendOrderParams(order)), options);
		} catch (error) {
			if (error instanceof KrakenTimeoutError) return recoverTimedOutOrder(this, order, error);
			throw error;
		}
		assertOrderAccepted('send', response.sendStatus, ENDPOINTS.sendorder.path);
		return response;
	}

	async editOrder(request: T.EditOrderRequest, options?: RequestOptions): Promise<T.EditOrderResponse> {
		let edit = checkEditShape(request);
		if (this.#validateOrders && edit.symbol !== undefined) {
			const instrument = await this.instruments.get(edit.symbol);
			if (instrument === undefined)
				throw new KrakenValidationError('symbol', `${edit.symbol} is not a Kraken Futures instrument`);
			edit = applyInstrumentGrid(edit, instrument, this.#roundToGrid);
		}
		const response = await this.#post<T.EditOrderResponse>(
			ENDPOINTS.editorder,
			encodeForm(editOrderParams(edit)),
			options,
		);
		assertOrderAccepted('edit', response.editStatus, ENDPOINTS.editorder.path);
		return response;
	}

	/** `filled` and `notFound` are rejections: the order was not cancelled by this call. */
	async cancelOrder(request: T.CancelOrderRequest, options?: RequestOptions): Promise<T.CancelOrderResponse> {
		const response = await this.#post<T.CancelOrderResponse>(
			ENDPOINTS.cancelorder,
			encodeForm(checkCancelRequest(request)),
			options,
		);
		assertOrderAccepted('cancel', response.cancelStatus, ENDPOINTS.cancelorder.path);
		return response;
	}

	async cancelAllOrders(
		request: { symbol?: string } = {},
		options?: RequestOptions,
	): Promise<T.CancelAllOrdersResponse> {
		const symbol = request.symbol === undefined ? undefined : requireSymbol(request.symbol);
		const response = await this.#post<T.CancelAllOrdersResponse>(
			ENDPOINTS.cancelallorders,
			encodeForm({ symbol }),
			options,
		);
		assertCancelAllSucceeded(response, ENDPOINTS.cancelallorders.path);
		return response;
	}

	/** Dead man's switch: cancel everything after `timeout` seconds unless called again; 0 turns it off. */
	async cancelAllOrdersAfter(
		request: { timeout: number },
		options?: RequestOptions,
	): Promise<T.CancelAllOrdersAfterResponse> {
		const timeout = checkDeadManTimeout(request?.timeout);
		return this.#post(ENDPOINTS.cancelallordersafter, encodeForm({ timeout }), options);
	}

	async batchOrder(
		instructions: T.BatchInstruction[],
		options?: RequestOptions & { processBefore?: string },
	): Promise<T.BatchOrderResponse> {
		const elements = await prepareBatch(instructions, (order) => this.validateOrder(order));
		const body = encodeBatchBody(elements, options?.processBefore);
		const cost = batchOrderCost(elements.length);
		const response = await this.#post<T.BatchOrderResponse>(ENDPOINTS.batchorder, body, options, cost);
		assertBatchAccepted(response, ENDPOINTS.batchorder.path);
		return response;
	}

	async getOpenOrders(options?: RequestOptions): Promise<T.OpenOrdersResponse> {
		return this.#get(ENDPOINTS.openorders, {}, options);
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
		return this.#post(ENDPOINTS.ordersStatus, encodeForm({ orderIds, cliOrdIds }), options);
	}

	async getOpenPositions(options?: RequestOptions): Promise<T.OpenPositionsResponse> {
		return this.#get(ENDPOINTS.openpositions, {}, options);
	}

	async getFills(
		request: { lastFillTime?: string } = {},
		options?: RequestOptions,
	): Promise<T.FillsResponse> {
		const { lastFillTime } = request;
		const cost = lastFillTime === undefined ? undefined : FILLS_WITH_LAST_FILL_TIME_COST;
		return this.#get(ENDPOINTS.fills, { lastFillTime }, options, cost);
	}

	async getAccounts(options?: RequestOptions): Promise<T.AccountsResponse> {
		return this.#get(ENDPOINTS.accounts, {}, options);
	}

	async getLeveragePreferences(options?: RequestOptions): Promise<T.LeveragePreferencesResponse> {
		return this.#get(ENDPOINTS.leveragePreferencesGet, {}, options);
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
		return this.#get(
			ENDPOINTS.leveragePreferencesSet,
			{ symbol: requireSymbol(request?.symbol), maxLeverage: request.maxLeverage },
			options,
		);
	}

	async getPnlPreferences(options?: RequestOptions): Promise<T.PnlPreferencesResponse> {
		return this.#get(ENDPOINTS.pnlPreferencesGet, {}, options);
	}

	async setPnlPreference(
		request: { symbol: string; pnlPreference: string },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope> {
		if (typeof request?.pnlPreference !== 'string' || request.pnlPreference.trim() === '') {
			throw new KrakenValidationError('pnlPreference', 'is required (a currency such as USD)');
		}
		return this.#get(
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
		return this.#get(
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
		return this.#get(ENDPOINTS.executions, pagingParams(request), options);
	}

	async getOrderHistory(
		request: T.HistoryPaging = {},
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		return this.#get(ENDPOINTS.orders, pagingParams(request), options);
	}

	async close(): Promise<void> {
		this.instruments.clear();
		if (this.#ownsTransport) await this.#transport.close();
	}
}

function pagingParams(request: T.HistoryPaging): Record<string, FormValue> {
	const { since, before, sort, count, continuation_token, tradeable } = request;
	return { since, before, sort, count, continuation_token, tradeable };
}

function requireSymbol(symbol: unknown): string {
	if (typeof symbol !== 'string' || symbol.trim() === '')
		throw new KrakenValidationError('symbol', 'is required');
	return symbol.trim().toUpperCase();
}
