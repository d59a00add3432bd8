/**
 * Request and response types of the Kraken Futures REST endpoints, in Kraken's wire spelling.
 * Responses list the fields the core relies on; everything Kraken sends is kept on the object.
 * Numbers may arrive as strings on some endpoints: parse them with `toNumber`.
 */

export type Numeric = number | string;

export interface KrakenEnvelope {
	result: 'success';
	serverTime?: string;
	[field: string]: unknown;
}

export type OrderType = 'lmt' | 'post' | 'ioc' | 'mkt' | 'stp' | 'take_profit' | 'trailing_stop' | 'fok';
export type OrderSide = 'buy' | 'sell';
export type TriggerSignal = 'mark' | 'index' | 'last';
export type DeviationUnit = 'PERCENT' | 'QUOTE_CURRENCY';

export const ORDER_TYPES: readonly OrderType[] = [
	'lmt',
	'post',
	'ioc',
	'mkt',
	'stp',
	'take_profit',
	'trailing_stop',
	'fok',
];

export interface SendOrderRequest {
	orderType: OrderType;
	symbol: string;
	side: OrderSide;
	size: number;
	limitPrice?: number;
	stopPrice?: number;
	/** Generated (a UUID) when omitted, so a timed-out order can be looked up instead of re-sent. */
	cliOrdId?: string;
	triggerSignal?: TriggerSignal;
	reduceOnly?: boolean;
	trailingStopMaxDeviation?: number;
	trailingStopDeviationUnit?: DeviationUnit;
	limitPriceOffsetValue?: number;
	limitPriceOffsetUnit?: DeviationUnit;
	/** ISO time; Kraken rejects the order (`wouldProcessAfterSpecifiedTime`) if it is processed later. */
	processBefore?: string;
	/** Broker IIBAN; Kraken documents it as available in its pre-production environments only. */
	broker?: string;
}

export interface OrderEvent {
	type: string;
	[field: string]: unknown;
}

export interface SendStatus {
	order_id?: string;
	cliOrdId?: string | null;
	status: string;
	receivedTime?: string;
	orderEvents?: OrderEvent[];
	[field: string]: unknown;
}

export interface SendOrderResponse extends KrakenEnvelope {
	sendStatus: SendStatus;
}

/** How a timed-out order was found again (present only after a timeout). */
export interface OrderRecovery {
	source: 'orders/status' | 'openorders' | 'fills' | 'executions';
	entry: Record<string, unknown>;
}

export interface SendOrderResult extends SendOrderResponse {
	recoveredAfterTimeout?: OrderRecovery;
}

export interface EditOrderRequest {
	orderId?: string;
	cliOrdId?: string;
	size?: number;
	limitPrice?: number;
	stopPrice?: number;
	trailingStopMaxDeviation?: number;
	trailingStopDeviationUnit?: DeviationUnit;
	qtyMode?: 'ABSOLUTE' | 'RELATIVE';
	processBefore?: string;
	/** Not sent: when given, price and size are checked against this instrument's grid. */
	symbol?: string;
}

export interface EditOrderResponse extends KrakenEnvelope {
	editStatus: { status: string; orderId?: string; cliOrdId?: string | null; orderEvents?: OrderEvent[] };
}

export type CancelOrderRequest =
	| { order_id: string; cliOrdId?: undefined; processBefore?: string }
	| { cliOrdId: string; order_id?: undefined; processBefore?: string };

export interface CancelOrderResponse extends KrakenEnvelope {
	cancelStatus: { status: string; order_id?: string; cliOrdId?: string | null; orderEvents?: OrderEvent[] };
}

export interface CancelAllOrdersResponse extends KrakenEnvelope {
	cancelStatus: {
		status: 'cancelled' | 'noOrdersToCancel' | string;
		cancelOnly?: string;
		cancelledOrders?: { order_id: string; cliOrdId?: string | null }[];
		orderEvents?: OrderEvent[];
	};
}

export interface CancelAllOrdersAfterResponse extends KrakenEnvelope {
	status: { currentTime: string; triggerTime: string };
}

export type BatchInstruction =
	| ({ order: 'send'; order_tag?: string } & SendOrderRequest)
	| ({ order: 'edit' } & Omit<EditOrderRequest, 'orderId'> & { order_id?: string })
	| { order: 'cancel'; order_id?: string; cliOrdId?: string };

export interface BatchStatusEntry {
	status: string;
	order_tag?: string;
	order_id?: string;
	cliOrdId?: string | null;
	orderEvents?: OrderEvent[];
	[field: string]: unknown;
}

export interface BatchOrderResponse extends KrakenEnvelope {
	batchStatus: BatchStatusEntry[];
}

export interface OpenOrder {
	order_id: string;
	cliOrdId?: string;
	status: string;
	side: OrderSide;
	orderType: string;
	symbol: string;
	limitPrice?: Numeric;
	stopPrice?: Numeric;
	filledSize?: Numeric;
	unfilledSize?: Numeric;
	reduceOnly?: boolean;
	triggerSignal?: string;
	lastUpdateTime?: string;
	receivedTime?: string;
}

export interface OpenOrdersResponse extends KrakenEnvelope {
	openOrders: OpenOrder[];
}

export interface OrderStatusRequest {
	orderIds?: string[];
	cliOrdIds?: string[];
}

export interface OrderStatusEntry {
	order?: { orderId?: string; cliOrdId?: string | null; [field: string]: unknown };
	status?: string;
	updateReason?: string | null;
	error?: string | null;
	[field: string]: unknown;
}

export interface OrderStatusResponse extends KrakenEnvelope {
	orders: OrderStatusEntry[];
}

export interface OpenPosition {
	side: 'long' | 'short';
	symbol: string;
	price: Numeric;
	size: Numeric;
	fillTime?: string;
	unrealizedFunding?: Numeric | null;
	pnlCurrency?: string;
	maxFixedLeverage?: Numeric;
}

export interface OpenPositionsResponse extends KrakenEnvelope {
	openPositions: OpenPosition[];
}

export interface Fill {
	fill_id: string;
	symbol: string;
	side: OrderSide;
	order_id: string;
	cliOrdId?: string;
	size: Numeric;
	price: Numeric;
	fillTime: string;
	fillType: string;
}

export interface FillsResponse extends KrakenEnvelope {
	fills: Fill[];
}

export interface AccountsResponse extends KrakenEnvelope {
	accounts: Record<string, { type: string; [field: string]: unknown }>;
}

export interface Instrument {
	symbol: string;
	type?: string;
	tradeable?: boolean;
	tickSize?: Numeric;
	contractSize?: Numeric;
	contractValueTradePrecision?: Numeric;
	postOnly?: boolean;
	[field: string]: unknown;
}

export interface InstrumentsResponse extends KrakenEnvelope {
	instruments: Instrument[];
}

export interface InstrumentStatusResponse extends KrakenEnvelope {
	instrumentStatus?: unknown;
}

export interface Ticker {
	symbol: string;
	last?: Numeric;
	markPrice?: Numeric;
	bid?: Numeric;
	ask?: Numeric;
	fundingRate?: Numeric;
	[field: string]: unknown;
}

export interface TickersResponse extends KrakenEnvelope {
	tickers: Ticker[];
}

export interface TickerResponse extends KrakenEnvelope {
	ticker: Ticker;
}

export interface OrderBookResponse extends KrakenEnvelope {
	orderBook: { bids: [Numeric, Numeric][]; asks: [Numeric, Numeric][] };
}

export interface TradeHistoryResponse extends KrakenEnvelope {
	history: { time: string; trade_id?: number; price: Numeric; size: Numeric; side?: string; type?: string }[];
}

export interface HistoricalFundingRatesResponse extends KrakenEnvelope {
	rates: { timestamp: string; fundingRate: Numeric; relativeFundingRate: Numeric }[];
}

export interface LeveragePreferencesResponse extends KrakenEnvelope {
	leveragePreferences: { symbol: string; maxLeverage: Numeric }[];
}

export interface PnlPreferencesResponse extends KrakenEnvelope {
	preferences: { symbol: string; pnlCurrency: string }[];
}

export interface HistoryPaging {
	since?: number;
	before?: number;
	sort?: 'asc' | 'desc';
	count?: number;
	continuation_token?: string;
	tradeable?: string;
}

export interface AccountLogRequest {
	since?: number;
	before?: number;
	from?: number;
	to?: number;
	sort?: 'asc' | 'desc';
	info?: string | string[];
	count?: number;
	conversion_details?: boolean;
}

/** History endpoints answer without the `result` envelope. */
export interface AccountLogResponse {
	accountUid?: string;
	logs: Record<string, unknown>[];
	[field: string]: unknown;
}

export interface HistoryElementsResponse {
	elements: { uid: string; timestamp: Numeric; event: Record<string, unknown> }[];
	len?: number;
	continuationToken?: string;
	[field: string]: unknown;
}
