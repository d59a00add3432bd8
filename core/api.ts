import type { InstrumentCache } from './instruments/cache';
import type * as T from './rest/types';

export type * from './rest/types';

/** Per-call options every trading API method accepts. */
export interface RequestOptions {
	/** Aborts the call (also while it waits for rate-limit budget). */
	signal?: AbortSignal;
	/** Overrides the client's per-request timeout for this call. */
	timeoutMs?: number;
	/**
	 * Goes ahead of calls waiting for rate-limit budget, and is exempt from the maximum queue wait
	 * (still counted in the budget). Outcome lookups use it; a bound comes from `signal`.
	 */
	priority?: boolean;
}

/** Options of the calls that place, change or cancel orders. */
export interface OrderCallOptions extends RequestOptions {
	/**
	 * Kraken's dry run: the order is checked by Kraken and not placed (UWS `validate: true`, on
	 * `add_order` and `batch_add` only). A transport or call without a dry run refuses it with
	 * `KrakenUnsupportedError` rather than placing a real order.
	 */
	validate?: boolean;
}

/**
 * What the node adapters call to trade on Kraken Futures. `KrakenFuturesRestClient` implements it
 * over Derivatives REST v3; a successor transport (Kraken's Unified WebSocket, which replaces
 * REST v3 in March 2027) can implement the same interface without any change to the nodes.
 * Every method resolves to Kraken's parsed response or rejects with a `KrakenError`.
 */
export interface KrakenFuturesTradingApi {
	readonly instruments: InstrumentCache;

	getInstruments(options?: RequestOptions): Promise<T.InstrumentsResponse>;
	getInstrumentStatus(symbol?: string, options?: RequestOptions): Promise<T.InstrumentStatusResponse>;
	getTickers(options?: RequestOptions): Promise<T.TickersResponse>;
	getTicker(symbol: string, options?: RequestOptions): Promise<T.TickerResponse>;
	getOrderBook(request: { symbol: string }, options?: RequestOptions): Promise<T.OrderBookResponse>;
	getTradeHistory(
		request: { symbol: string; lastTime?: string },
		options?: RequestOptions,
	): Promise<T.TradeHistoryResponse>;
	getHistoricalFundingRates(
		request: { symbol: string },
		options?: RequestOptions,
	): Promise<T.HistoricalFundingRatesResponse>;

	/** Runs the checks `sendOrder` runs and returns the order as it would be sent. */
	validateOrder(request: T.SendOrderRequest): Promise<T.SendOrderRequest>;
	sendOrder(request: T.SendOrderRequest, options?: OrderCallOptions): Promise<T.SendOrderResult>;
	editOrder(request: T.EditOrderRequest, options?: OrderCallOptions): Promise<T.EditOrderResponse>;
	cancelOrder(request: T.CancelOrderRequest, options?: OrderCallOptions): Promise<T.CancelOrderResponse>;
	cancelAllOrders(
		request?: { symbol?: string },
		options?: OrderCallOptions,
	): Promise<T.CancelAllOrdersResponse>;
	cancelAllOrdersAfter(
		request: { timeout: number },
		options?: OrderCallOptions,
	): Promise<T.CancelAllOrdersAfterResponse>;
	batchOrder(
		instructions: T.BatchInstruction[],
		options?: OrderCallOptions & { processBefore?: string },
	): Promise<T.BatchOrderResponse>;

	getOpenOrders(options?: RequestOptions): Promise<T.OpenOrdersResponse>;
	getOrderStatus(request: T.OrderStatusRequest, options?: RequestOptions): Promise<T.OrderStatusResponse>;
	getOpenPositions(options?: RequestOptions): Promise<T.OpenPositionsResponse>;
	getFills(request?: { lastFillTime?: string }, options?: RequestOptions): Promise<T.FillsResponse>;
	getAccounts(options?: RequestOptions): Promise<T.AccountsResponse>;
	getLeveragePreferences(options?: RequestOptions): Promise<T.LeveragePreferencesResponse>;
	setLeveragePreference(
		request: { symbol: string; maxLeverage?: number },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope>;
	getPnlPreferences(options?: RequestOptions): Promise<T.PnlPreferencesResponse>;
	setPnlPreference(
		request: { symbol: string; pnlPreference: string },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope>;
	getAccountLog(request?: T.AccountLogRequest, options?: RequestOptions): Promise<T.AccountLogResponse>;
	getExecutionHistory(
		request?: T.HistoryPaging,
		options?: RequestOptions,
	): Promise<T.HistoryElementsResponse>;
	getOrderHistory(request?: T.HistoryPaging, options?: RequestOptions): Promise<T.HistoryElementsResponse>;

	close(): Promise<void>;
}
