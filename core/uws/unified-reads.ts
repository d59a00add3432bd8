import type { RequestOptions } from '../api';
import { KrakenValidationError } from '../errors';
import { requireSymbol } from '../rest/request-params';
import type * as T from '../rest/types';
import { type FeedSession, UwsAccountFeeds } from './methods/account-feeds';
import { UwsInstrumentFeed } from './methods/instruments';
import { readOrderBook, readTicker, readTrades } from './methods/market-reads';
import type { AckLike } from './methods/results';
import { uwsUnsupported } from './methods/unsupported';
import { DERIVATIVES } from './methods/wire';

/** The session calls the unified client makes (KrakenUwsSession provides them). */
export interface UnifiedSession extends FeedSession {
	request(
		method: string,
		params: Record<string, unknown>,
		options?: { timeoutMs?: number; signal?: AbortSignal },
	): Promise<AckLike>;
	/** Whether the exchange's last `status` lets this order call through. */
	orderCallVerdict(method: string, params?: Record<string, unknown>): { allowed: boolean; reason?: string };
	readonly status: { system: string } | undefined;
	close(): Promise<void>;
}

/**
 * The reads of the trading API over the Unified WebSocket: market data from one-off public
 * snapshots, account state from the private channels (kept while the client lives), and a
 * `KrakenUnsupportedError` for every read UWS does not offer (reference §4).
 */
export abstract class UwsReads {
	protected readonly feeds: UwsAccountFeeds;
	readonly #instrumentFeed: UwsInstrumentFeed;

	constructor(
		protected readonly session: UnifiedSession,
		private readonly readTimeoutMs: number,
	) {
		this.feeds = new UwsAccountFeeds(session, readTimeoutMs);
		this.#instrumentFeed = new UwsInstrumentFeed(session, readTimeoutMs);
	}

	/** Every contract of the `instrument` channel, with tick size, size step and minimum size. */
	async getInstruments(_options?: RequestOptions): Promise<T.InstrumentsResponse> {
		return this.#instrumentFeed.fetch();
	}

	async getInstrumentStatus(
		_symbol?: string,
		_options?: RequestOptions,
	): Promise<T.InstrumentStatusResponse> {
		throw uwsUnsupported('getInstrumentStatus');
	}

	/** The ticker of every listed contract (one `ticker` snapshot each). */
	async getTickers(_options?: RequestOptions): Promise<T.TickersResponse> {
		const { instruments } = await this.getInstruments();
		const tickers = await Promise.all(
			instruments.map(async (i) => (await readTicker(this.session, i.symbol, this.readTimeoutMs)).ticker),
		);
		return { result: 'success', tickers };
	}

	async getTicker(symbol: string, _options?: RequestOptions): Promise<T.TickerResponse> {
		return readTicker(this.session, requireSymbol(symbol).toUpperCase(), this.readTimeoutMs);
	}

	async getOrderBook(request: { symbol: string }, _options?: RequestOptions): Promise<T.OrderBookResponse> {
		return readOrderBook(this.session, requireSymbol(request?.symbol).toUpperCase(), this.readTimeoutMs);
	}

	/** The last 50 public trades (the `trade` snapshot); UWS has no older trades. */
	async getTradeHistory(
		request: { symbol: string; lastTime?: string },
		_options?: RequestOptions,
	): Promise<T.TradeHistoryResponse> {
		const symbol = requireSymbol(request?.symbol).toUpperCase();
		if (request.lastTime !== undefined) throw uwsUnsupported('tradeHistoryBefore');
		return readTrades(this.session, symbol, this.readTimeoutMs);
	}

	async getHistoricalFundingRates(
		_request: { symbol: string },
		_options?: RequestOptions,
	): Promise<T.HistoricalFundingRatesResponse> {
		throw uwsUnsupported('getHistoricalFundingRates');
	}

	/** The open orders of the `executions` channel. */
	async getOpenOrders(options?: RequestOptions): Promise<T.OpenOrdersResponse> {
		const book = await this.feeds.read(this.feeds.orders, 'executions', options?.signal);
		return { result: 'success', openOrders: book.list() };
	}

	async getOrderStatus(
		_request: T.OrderStatusRequest,
		_options?: RequestOptions,
	): Promise<T.OrderStatusResponse> {
		throw uwsUnsupported('getOrderStatus');
	}

	async getOpenPositions(options?: RequestOptions): Promise<T.OpenPositionsResponse> {
		const book = await this.feeds.read(this.feeds.positions, 'positions', options?.signal);
		return { result: 'success', openPositions: book.list() };
	}

	/** The last 50 fills of the `executions` snapshot and every fill since, newest first. */
	async getFills(
		request: { lastFillTime?: string } = {},
		options?: RequestOptions,
	): Promise<T.FillsResponse> {
		if (request.lastFillTime !== undefined) throw uwsUnsupported('fillsBefore');
		await this.feeds.read(this.feeds.orders, 'executions', options?.signal);
		return { result: 'success', fills: this.feeds.fills.list() };
	}

	/** `cash` from the `balances` channel, `flex` and the single-collateral wallets from `margin`. */
	async getAccounts(options?: RequestOptions): Promise<T.AccountsResponse> {
		const [balances, margin] = await Promise.all([
			this.feeds.read(this.feeds.balances, 'balances', options?.signal),
			this.feeds.read(this.feeds.margin, 'margin', options?.signal),
		]);
		return { result: 'success', accounts: { cash: balances.cashAccount(), ...margin.accounts() } };
	}

	async getLeveragePreferences(_options?: RequestOptions): Promise<T.LeveragePreferencesResponse> {
		throw uwsUnsupported('getLeveragePreferences');
	}

	/** `set_preference` `leverage_mode`; no `maxLeverage` means cross margin (sent as `null`). */
	async setLeveragePreference(
		request: { symbol: string; maxLeverage?: number },
		options?: RequestOptions,
	): Promise<T.KrakenEnvelope> {
		const symbol = requireSymbol(request?.symbol).toUpperCase();
		const { maxLeverage } = request;
		if (maxLeverage !== undefined && !(Number.isFinite(maxLeverage) && maxLeverage > 0)) {
			throw new KrakenValidationError(
				'maxLeverage',
				`must be a number greater than 0, got ${String(maxLeverage)}`,
			);
		}
		const ack = await this.session.request(
			'set_preference',
			{ asset_class: DERIVATIVES, leverage_mode: { symbol, max_leverage: maxLeverage ?? null } },
			options,
		);
		return { result: 'success', uwsReply: ack.raw };
	}

	async getPnlPreferences(_options?: RequestOptions): Promise<T.PnlPreferencesResponse> {
		throw uwsUnsupported('getPnlPreferences');
	}

	async setPnlPreference(
		_request: { symbol: string; pnlPreference: string },
		_options?: RequestOptions,
	): Promise<T.KrakenEnvelope> {
		throw uwsUnsupported('setPnlPreference');
	}

	async getAccountLog(
		_request?: T.AccountLogRequest,
		_options?: RequestOptions,
	): Promise<T.AccountLogResponse> {
		throw uwsUnsupported('getAccountLog');
	}

	async getExecutionHistory(
		_request?: T.HistoryPaging,
		_options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		throw uwsUnsupported('getExecutionHistory');
	}

	async getOrderHistory(
		_request?: T.HistoryPaging,
		_options?: RequestOptions,
	): Promise<T.HistoryElementsResponse> {
		throw uwsUnsupported('getOrderHistory');
	}

	protected closeReads(): void {
		this.feeds.close();
		this.#instrumentFeed.close();
	}
}
