import { EventEmitter } from 'node:events';
import { instrumentPayload } from './instruments';
import { accountsPayload, wsBalances } from './engine/account-views';
import { runBatch } from './engine/batch';
import { marketOf } from './engine/context';
import { PaperApiError } from './engine/errors';
import { accountLogPage, historyPage } from './engine/history';
import { cancelAllStatus, cancelOne, editOne } from './engine/order-actions';
import { parseOrderRequest, required, text } from './engine/order-params';
import * as preferences from './engine/preferences';
import * as queries from './engine/queries';
import { Simulation } from './engine/simulation';
import { iso } from './engine/views';
import type { Account } from './engine/types';
import type { SyntheticBook } from './market/book';
import type { InstrumentMarket } from './market/instrument-market';
import { HOUR_MS } from './market/market';
import * as marketPayloads from './market/payloads';

export { PaperApiError } from './engine/errors';

/** Decoded query/form fields; a repeated key becomes a string array. */
export type Params = Record<string, string | string[]>;
/** A Kraken response body without `result` and `serverTime` (the server adds those). */
export type Payload = Record<string, unknown>;

/**
 * Read access to the engine as it is, without catching the market up or publishing: what a protocol layer
 * may call from inside an exchange event. Callers must not modify what they get.
 */
export interface EngineInspection {
	/** The engine's time of the latest step, in epoch ms. */
	current(): number;
	market(symbol: string): InstrumentMarket | undefined;
	markets(): InstrumentMarket[];
	/** The public book with resting orders. */
	displayedBook(market: InstrumentMarket): SyntheticBook;
	account(accountId: string): Account | undefined;
	/** Checks an order request the way `sendOrder` does, without placing it: undefined when valid. */
	orderRejection(params: Params): string | undefined;
}

export interface PaperExchangeOptions {
	seed?: number;
	/** Millisecond clock; defaults to `Date.now`. */
	now?: () => number;
	/** Flex collateral of a new account in USD, and the USD worth of coin in each inverse wallet. */
	startingCollateralUsd?: number;
}

const INDEX_BASES = ['XBT', 'ETH', 'SOL'];

function instrumentStatus(market: InstrumentMarket): Payload {
	return {
		tradeable: market.spec.symbol,
		experiencingDislocation: false,
		priceDislocationDirection: null,
		experiencingExtremeVolatility: false,
		extremeVolatilityInitialMarginMultiplier: 1,
	};
}

/**
 * A local Kraken Futures: seeded synthetic market, matching engine, accounts, funding and history, answering
 * with Kraken-shaped payloads (without `result`/`serverTime`). The HTTP/WebSocket servers sit on top of it.
 * Events carry WS-shaped payloads without `feed`: ticker, book, trade, fill, openOrder, positions, balances,
 * accountLog.
 */
export class PaperExchange extends EventEmitter {
	private readonly simulation: Simulation;

	constructor(options: PaperExchangeOptions = {}) {
		super();
		this.simulation = new Simulation(options, (event, ...args) => this.emit(event, ...args));
	}

	private get context() {
		return this.simulation.context;
	}

	private lookupMarket = (symbol: string) => marketOf(this.context, symbol);

	private run<T>(action: () => T): T {
		return this.simulation.run(action);
	}

	private market(symbol: string | undefined): InstrumentMarket {
		return this.simulation.marketFor(symbol);
	}

	private markets(): InstrumentMarket[] {
		return [...this.simulation.state.market.instruments.values()];
	}

	/** The paper clock in epoch ms. */
	now(): number {
		return this.simulation.now();
	}

	ensureAccount(accountId: string): void {
		this.simulation.ensureAccount(accountId);
	}

	getInstruments(): Payload {
		return this.run(() => ({
			instruments: this.simulation.state.specs.map((spec) =>
				instrumentPayload(spec, this.isTradeable(spec.symbol)),
			),
		}));
	}

	getInstrumentStatus(symbol?: string): Payload {
		return this.run(() =>
			symbol === undefined
				? { instrumentStatus: this.markets().map(instrumentStatus) }
				: instrumentStatus(this.market(symbol)),
		);
	}

	getTickers(symbol?: string): Payload {
		return this.run(() => {
			if (symbol !== undefined) return { ticker: marketPayloads.restTicker(this.market(symbol)) };
			const tickers: Payload[] = this.markets().map(marketPayloads.restTicker);
			const lastTime = iso(this.simulation.state.current);
			for (const base of INDEX_BASES) {
				const last = this.simulation.state.market.indexOf(base);
				tickers.push({ symbol: `in_${base.toLowerCase()}usd`, last, lastTime });
				tickers.push({ symbol: `rr_${base.toLowerCase()}usd`, last, lastTime });
			}
			return { tickers };
		});
	}

	getOrderBook(symbol: string): Payload {
		return this.run(() => marketPayloads.restOrderBook(this.simulation.displayedBook(this.market(symbol))));
	}

	getTradeHistory(params: Params): Payload {
		return this.run(() => {
			const market = this.market(required(params, 'symbol'));
			const lastTime = text(params, 'lastTime');
			const before = lastTime === undefined ? undefined : Date.parse(lastTime);
			if (before !== undefined && Number.isNaN(before)) throw new PaperApiError('invalidArgument');
			return marketPayloads.restTradeHistory(market, before);
		});
	}

	getHistoricalFundingRates(params: Params): Payload {
		return this.run(() => {
			const market = this.simulation.state.market.get(required(params, 'symbol'));
			if (!market || !market.spec.perpetual) {
				throw new PaperApiError('invalidArgument', 400, {
					errors: ['Symbol is invalid or does not reference a perpetual market'],
				});
			}
			return marketPayloads.restFundingRates(market);
		});
	}

	sendOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({ sendStatus: this.simulation.sendOne(accountId, params) }));
	}

	editOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({
			editStatus: editOne(this.context, this.simulation.account(accountId), params),
		}));
	}

	cancelOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({
			cancelStatus: cancelOne(this.context, this.simulation.account(accountId), params),
		}));
	}

	cancelAllOrders(accountId: string, params: Params): Payload {
		return this.run(() => {
			const symbol = text(params, 'symbol');
			if (symbol !== undefined && !this.isKnownSymbol(symbol)) throw new PaperApiError('contractNotFound');
			return { cancelStatus: cancelAllStatus(this.context, this.simulation.account(accountId), symbol) };
		});
	}

	cancelAllOrdersAfter(accountId: string, params: Params): Payload {
		return this.run(() => this.simulation.armDeadManSwitch(accountId, params));
	}

	batchOrder(accountId: string, params: Params): Payload {
		return this.run(() =>
			runBatch(text(params, 'json'), {
				send: (fields) => this.simulation.sendOne(accountId, fields),
				edit: (fields) => editOne(this.context, this.simulation.account(accountId), fields),
				cancel: (fields) => cancelOne(this.context, this.simulation.account(accountId), fields),
			}),
		);
	}

	getOpenOrders(accountId: string): Payload {
		return this.run(() => queries.openOrders(this.simulation.account(accountId)));
	}

	getOrderStatus(accountId: string, params: Params): Payload {
		return this.run(() => queries.orderStatus(this.context, this.simulation.account(accountId), params));
	}

	getOpenPositions(accountId: string): Payload {
		return this.run(() => queries.openPositions(this.context, this.simulation.account(accountId)));
	}

	getFills(accountId: string, params: Params): Payload {
		return this.run(() => queries.fills(this.simulation.account(accountId), params));
	}

	getAccounts(accountId: string): Payload {
		return this.run(() => accountsPayload(this.simulation.account(accountId), this.lookupMarket));
	}

	getLeveragePreferences(accountId: string, params: Params): Payload {
		return this.run(() => preferences.leveragePreferences(this.simulation.account(accountId), params));
	}

	setLeveragePreference(accountId: string, params: Params): Payload {
		return this.run(() =>
			preferences.setLeverage(this.simulation.account(accountId), params, this.simulation.lookup),
		);
	}

	getPnlPreferences(accountId: string): Payload {
		return this.run(() => preferences.pnlPreferences(this.simulation.account(accountId)));
	}

	setPnlPreference(accountId: string, params: Params): Payload {
		return this.run(() =>
			preferences.setPnlPreference(this.simulation.account(accountId), params, this.simulation.lookup),
		);
	}

	getAccountLog(accountId: string, params: Params): Payload {
		return this.run(() =>
			accountLogPage(this.simulation.accountUid(accountId), this.simulation.account(accountId).log, params),
		);
	}

	getExecutionHistory(accountId: string, params: Params): Payload {
		return this.run(() => historyPage(this.simulation.account(accountId).executionHistory, params));
	}

	getOrderHistory(accountId: string, params: Params): Payload {
		return this.run(() => historyPage(this.simulation.account(accountId).orderHistory, params));
	}

	wsTicker(symbol: string): Payload {
		return this.run(() => {
			const now = this.simulation.state.current;
			return marketPayloads.wsTicker(this.market(symbol), now, Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS);
		});
	}

	wsTickerLite(symbol: string): Payload {
		return this.run(() => marketPayloads.wsTickerLite(this.market(symbol), this.simulation.state.current));
	}

	wsBookSnapshot(symbol: string): Payload {
		return this.run(() => {
			const market = this.market(symbol);
			return marketPayloads.wsBookSnapshot(
				market,
				this.simulation.displayedBook(market),
				this.simulation.state.current,
			);
		});
	}

	wsTradeSnapshot(symbol: string): Payload {
		return this.run(() => marketPayloads.wsTradeSnapshot(this.market(symbol)));
	}

	wsFillsSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsFillsSnapshot(this.simulation.account(accountId)));
	}

	wsOpenOrdersSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsOpenOrdersSnapshot(this.simulation.account(accountId)));
	}

	wsOpenPositions(accountId: string): Payload {
		return this.run(() => queries.wsOpenPositions(this.context, this.simulation.account(accountId)));
	}

	wsBalancesSnapshot(accountId: string): Payload {
		return this.run(() =>
			wsBalances(this.simulation.account(accountId), this.lookupMarket, this.simulation.state.current),
		);
	}

	wsAccountLogSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsAccountLogSnapshot(this.simulation.account(accountId)));
	}

	wsNotifications(): Payload {
		const effective_time = this.simulation.state.current;
		const note = 'Paper exchange: simulated market, no real funds.';
		return { notifications: [{ id: 1, type: 'general', priority: 'low', note, effective_time }] };
	}

	isKnownSymbol(symbol: string): boolean {
		return this.simulation.state.market.get(symbol) !== undefined;
	}

	isTradeable(symbol: string): boolean {
		const market = this.simulation.state.market.get(symbol);
		if (!market || market.suspended) return false;
		return (
			market.spec.lastTradingTime === undefined || market.spec.lastTradingTime > this.simulation.state.current
		);
	}

	/** Fault injection: suspends or resumes a market (new orders get `marketSuspended`). */
	setMarketSuspended(symbol: string, suspended: boolean): void {
		this.market(symbol).suspended = suspended;
	}

	/** Steps the market by `ms`: resting fills, triggers, the dead man's switch and hourly funding happen on the way. */
	advanceTime(ms: number): void {
		this.simulation.advanceTime(ms);
	}

	/** Real-time ticking (`speed` > 1 runs the paper clock faster); the timer is unref'd. */
	startClock(options?: { tickMs?: number; speed?: number }): void {
		this.simulation.startClock(options);
	}

	/** Stops the ticking and the dead man's switch timers; leaves no timer behind. */
	stopClock(): void {
		this.simulation.stopClock();
	}

	/** Back to the seeded start on the current clock, with no accounts. */
	reset(): void {
		this.simulation.reset();
	}

	inspect(): EngineInspection {
		const simulation = this.simulation;
		return {
			current: () => simulation.state.current,
			market: (symbol) => simulation.state.market.get(symbol),
			markets: () => this.markets(),
			displayedBook: (market) => simulation.displayedBook(market),
			account: (accountId) => simulation.context.accounts.get(accountId),
			orderRejection: (params) => {
				const validation = parseOrderRequest(params, simulation.lookup);
				return validation.ok ? undefined : validation.status;
			},
		};
	}

	/** Fault injection: the next sendorder is answered success-with-rejection with `status` and a REJECT event. */
	rejectNextOrder(status: string): void {
		this.simulation.rejectNextOrder(status);
	}
}
