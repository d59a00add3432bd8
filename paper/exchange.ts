import { EventEmitter } from 'node:events';
import type { InstrumentSpec } from './instruments';
import { buildInstruments, instrumentPayload } from './instruments';
import { accountsPayload, wsBalances } from './engine/account-views';
import { runBatch } from './engine/batch';
import type { EngineContext } from './engine/context';
import { marketOf } from './engine/context';
import { PaperApiError } from './engine/errors';
import { accountLogPage, historyPage } from './engine/history';
import { chargeFunding, matchAfterStep } from './engine/market-step';
import { cancelAllStatus, cancelMany, cancelOne, editOne } from './engine/order-actions';
import type { Fields } from './engine/order-params';
import { number, parseOrderRequest, required, text } from './engine/order-params';
import { newOrder, placeOrder, rejectOrder, sendStatus } from './engine/placement';
import * as preferences from './engine/preferences';
import * as queries from './engine/queries';
import type { Account } from './engine/types';
import { newAccount } from './engine/types';
import { iso } from './engine/views';
import { HOUR_MS, SyntheticMarket } from './market/market';
import type { InstrumentMarket } from './market/instrument-market';
import * as marketPayloads from './market/payloads';
import { publishMarket } from './market/publisher';
import { SeededRandom, deriveSeed } from './random';

export { PaperApiError } from './engine/errors';

/** Decoded query/form fields; a repeated key becomes a string array. */
export type Params = Record<string, string | string[]>;
/** A Kraken response body without `result` and `serverTime` (the server adds those). */
export type Payload = Record<string, unknown>;

export interface PaperExchangeOptions {
	seed?: number;
	/** Millisecond clock; defaults to `Date.now`. */
	now?: () => number;
	startingCollateralUsd?: number;
}

interface ExchangeState {
	specs: InstrumentSpec[];
	market: SyntheticMarket;
	context: EngineContext;
	accountUids: Map<string, string>;
	rejectNext: string | null;
	current: number;
	stepped: boolean;
}

/**
 * A local Kraken Futures: seeded synthetic market, matching engine, accounts, funding and history, answering
 * with Kraken-shaped payloads. The HTTP/WebSocket servers sit on top of it.
 */
export class PaperExchange extends EventEmitter {
	private readonly seed: number;
	private readonly clock: () => number;
	private readonly startingCollateralUsd: number;
	private offset = 0;
	private state!: ExchangeState;
	private ticker: NodeJS.Timeout | undefined;
	private readonly deadManTimers = new Map<string, NodeJS.Timeout>();
	private speed = 1;

	constructor(options: PaperExchangeOptions = {}) {
		super();
		this.seed = options.seed ?? 1;
		this.clock = options.now ?? Date.now;
		this.startingCollateralUsd = options.startingCollateralUsd ?? 100_000;
		this.initialize();
	}

	private initialize(): void {
		const startMs = this.clock() + this.offset;
		const specs = buildInstruments(startMs);
		const market = new SyntheticMarket(this.seed, specs, startMs);
		const context: EngineContext = {
			now: () => this.state.current,
			ids: new SeededRandom(deriveSeed(this.seed, 'ids')),
			market,
			accounts: new Map(),
			emit: (event, ...args) => this.emit(event, ...args),
			dirty: new Set(),
		};
		this.state = { specs, market, context, accountUids: new Map(), rejectNext: null, current: startMs, stepped: false };
	}

	private get context(): EngineContext {
		return this.state.context;
	}

	/** The paper clock: the injected clock plus time advanced by `advanceTime` or an accelerated clock. */
	now(): number {
		return this.clock() + this.offset;
	}

	/** Catches the market up with the clock: steps, resting fills, triggers, funding, the dead man's switch. */
	private sync(): void {
		const target = Math.max(this.state.current, this.now());
		this.state.market.advanceTo(target, {
			afterStep: (time) => {
				this.state.current = time;
				this.state.stepped = true;
				this.fireDeadManSwitches(time);
				matchAfterStep(this.context);
			},
			onHour: (hourMs) => {
				this.state.current = hourMs;
				chargeFunding(this.context);
			},
		});
		this.state.current = target;
		this.fireDeadManSwitches(target);
	}

	private publish(): void {
		const now = this.state.current;
		const nextFunding = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
		for (const market of this.state.market.instruments.values()) {
			publishMarket(market, now, nextFunding, this.state.stepped, (event, ...args) => this.emit(event, ...args));
		}
		this.state.stepped = false;
		for (const accountId of this.context.dirty) {
			const account = this.context.accounts.get(accountId);
			if (account) this.emit('balances', accountId, wsBalances(account, (symbol) => marketOf(this.context, symbol), now));
		}
		this.context.dirty.clear();
	}

	private run<T>(action: () => T): T {
		this.sync();
		try {
			return action();
		} finally {
			this.publish();
		}
	}

	private fireDeadManSwitches(time: number): void {
		for (const account of this.context.accounts.values()) {
			if (account.deadManDeadline === null || account.deadManDeadline > time) continue;
			account.deadManDeadline = null;
			cancelMany(this.context, account, undefined, 'dead_man_switch');
		}
	}

	private lookup = (symbol: string): InstrumentSpec | undefined => this.state.market.get(symbol)?.spec;

	private marketFor(symbol: string | undefined): InstrumentMarket {
		const market = symbol === undefined ? undefined : this.state.market.get(symbol);
		if (!market) throw new PaperApiError('contractNotFound');
		return market;
	}

	private account(accountId: string): Account {
		this.ensureAccount(accountId);
		return this.context.accounts.get(accountId) as Account;
	}

	ensureAccount(accountId: string): void {
		if (this.context.accounts.has(accountId)) return;
		const coins: Record<string, number> = {};
		for (const base of ['XBT', 'ETH']) {
			const index = this.state.market.indexOf(base);
			coins[`fi_${base.toLowerCase()}usd`] = Number((this.startingCollateralUsd / index).toFixed(8));
		}
		this.context.accounts.set(accountId, newAccount(accountId, this.startingCollateralUsd, coins));
		this.state.accountUids.set(accountId, this.context.ids.uuid());
	}

	// Public REST

	getInstruments(): Payload {
		return this.run(() => ({
			instruments: this.state.specs.map((spec) => instrumentPayload(spec, this.isTradeable(spec.symbol))),
		}));
	}

	getInstrumentStatus(symbol?: string): Payload {
		return this.run(() => {
			const status = (market: InstrumentMarket) => ({
				tradeable: market.spec.symbol,
				experiencingDislocation: false,
				priceDislocationDirection: null,
				experiencingExtremeVolatility: false,
				extremeVolatilityInitialMarginMultiplier: 1,
			});
			if (symbol !== undefined) return status(this.marketFor(symbol));
			return { instrumentStatus: [...this.state.market.instruments.values()].map(status) };
		});
	}

	getTickers(symbol?: string): Payload {
		return this.run(() => {
			if (symbol !== undefined) return { ticker: marketPayloads.restTicker(this.marketFor(symbol)) };
			const tickers: Payload[] = [...this.state.market.instruments.values()].map(marketPayloads.restTicker);
			for (const base of ['XBT', 'ETH', 'SOL']) {
				const last = this.state.market.indexOf(base);
				const lastTime = iso(this.state.current);
				tickers.push({ symbol: `in_${base.toLowerCase()}usd`, last, lastTime });
				tickers.push({ symbol: `rr_${base.toLowerCase()}usd`, last, lastTime });
			}
			return { tickers };
		});
	}

	getOrderBook(symbol: string): Payload {
		return this.run(() => marketPayloads.restOrderBook(this.marketFor(symbol)));
	}

	getTradeHistory(params: Params): Payload {
		return this.run(() => {
			const market = this.marketFor(required(params, 'symbol'));
			const lastTime = text(params, 'lastTime');
			const before = lastTime === undefined ? undefined : Date.parse(lastTime);
			if (before !== undefined && Number.isNaN(before)) throw new PaperApiError('invalidArgument');
			return marketPayloads.restTradeHistory(market, before);
		});
	}

	getHistoricalFundingRates(params: Params): Payload {
		return this.run(() => {
			const market = this.state.market.get(required(params, 'symbol'));
			if (!market || !market.spec.perpetual) {
				throw new PaperApiError('invalidArgument', 400, {
					errors: ['Symbol is invalid or does not reference a perpetual market'],
				});
			}
			return marketPayloads.restFundingRates(market);
		});
	}

	// Private REST

	private sendOne(accountId: string, fields: Fields): Payload {
		const account = this.account(accountId);
		const receivedTime = this.state.current;
		const processBefore = text(fields, 'processBefore') ?? text(fields, 'ProcessBefore');
		const validation = parseOrderRequest(fields, this.lookup);
		if (!validation.ok) {
			const answer: Payload = { status: validation.status, receivedTime: iso(receivedTime), orderEvents: [] };
			const cliOrdId = text(fields, 'cliOrdId');
			if (cliOrdId !== undefined) answer.cliOrdId = cliOrdId;
			return answer;
		}
		const forced = this.state.rejectNext;
		if (forced !== null) {
			this.state.rejectNext = null;
			return sendStatus(rejectOrder(this.context, account, newOrder(this.context, account, validation.value), forced), receivedTime);
		}
		if (processBefore !== undefined && Date.parse(processBefore) < receivedTime) {
			const order = newOrder(this.context, account, validation.value);
			return sendStatus(rejectOrder(this.context, account, order, 'wouldProcessAfterSpecifiedTime'), receivedTime);
		}
		return sendStatus(placeOrder(this.context, account, validation.value), receivedTime);
	}

	sendOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({ sendStatus: this.sendOne(accountId, params) }));
	}

	editOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({ editStatus: editOne(this.context, this.account(accountId), params) }));
	}

	cancelOrder(accountId: string, params: Params): Payload {
		return this.run(() => ({ cancelStatus: cancelOne(this.context, this.account(accountId), params) }));
	}

	cancelAllOrders(accountId: string, params: Params): Payload {
		return this.run(() => {
			const symbol = text(params, 'symbol');
			if (symbol !== undefined && !this.isKnownSymbol(symbol)) throw new PaperApiError('contractNotFound');
			return { cancelStatus: cancelAllStatus(this.context, this.account(accountId), symbol) };
		});
	}

	cancelAllOrdersAfter(accountId: string, params: Params): Payload {
		return this.run(() => {
			const timeout = number(required(params, 'timeout'));
			if (timeout === null || !Number.isInteger(timeout) || timeout < 0) throw new PaperApiError('invalidArgument');
			const account = this.account(accountId);
			const now = this.state.current;
			this.clearDeadManTimer(accountId);
			account.deadManDeadline = timeout === 0 ? null : now + timeout * 1000;
			if (account.deadManDeadline !== null) this.armDeadManTimer(accountId, timeout * 1000);
			return {
				status: {
					currentTime: iso(now),
					triggerTime: account.deadManDeadline === null ? '0' : iso(account.deadManDeadline),
				},
			};
		});
	}

	/** A real timer, so the switch fires on time even when nobody calls in; unref'd so it never holds the process. */
	private armDeadManTimer(accountId: string, delayMs: number): void {
		const timer = setTimeout(() => {
			this.deadManTimers.delete(accountId);
			this.run(() => undefined);
		}, delayMs / this.speed + 5);
		timer.unref();
		this.deadManTimers.set(accountId, timer);
	}

	private clearDeadManTimer(accountId: string): void {
		const timer = this.deadManTimers.get(accountId);
		if (timer) clearTimeout(timer);
		this.deadManTimers.delete(accountId);
	}

	batchOrder(accountId: string, params: Params): Payload {
		return this.run(() =>
			runBatch(text(params, 'json'), {
				send: (fields) => this.sendOne(accountId, fields),
				edit: (fields) => editOne(this.context, this.account(accountId), fields),
				cancel: (fields) => cancelOne(this.context, this.account(accountId), fields),
			}),
		);
	}

	getOpenOrders(accountId: string): Payload {
		return this.run(() => queries.openOrders(this.account(accountId)));
	}

	getOrderStatus(accountId: string, params: Params): Payload {
		return this.run(() => queries.orderStatus(this.context, this.account(accountId), params));
	}

	getOpenPositions(accountId: string): Payload {
		return this.run(() => queries.openPositions(this.context, this.account(accountId)));
	}

	getFills(accountId: string, params: Params): Payload {
		return this.run(() => queries.fills(this.account(accountId), params));
	}

	getAccounts(accountId: string): Payload {
		return this.run(() => accountsPayload(this.account(accountId), (symbol) => marketOf(this.context, symbol)));
	}

	getLeveragePreferences(accountId: string, params: Params): Payload {
		return this.run(() => preferences.leveragePreferences(this.account(accountId), params));
	}

	setLeveragePreference(accountId: string, params: Params): Payload {
		return this.run(() => preferences.setLeverage(this.account(accountId), params, this.lookup));
	}

	getPnlPreferences(accountId: string): Payload {
		return this.run(() => preferences.pnlPreferences(this.account(accountId)));
	}

	setPnlPreference(accountId: string, params: Params): Payload {
		return this.run(() => preferences.setPnlPreference(this.account(accountId), params, this.lookup));
	}

	getAccountLog(accountId: string, params: Params): Payload {
		return this.run(() => {
			const account = this.account(accountId);
			return accountLogPage(this.state.accountUids.get(accountId) ?? accountId, account.log, params);
		});
	}

	getExecutionHistory(accountId: string, params: Params): Payload {
		return this.run(() => historyPage(this.account(accountId).executionHistory, params));
	}

	getOrderHistory(accountId: string, params: Params): Payload {
		return this.run(() => historyPage(this.account(accountId).orderHistory, params));
	}

	// WebSocket-shaped snapshots (without `feed`)

	wsTicker(symbol: string): Payload {
		return this.run(() => {
			const now = this.state.current;
			return marketPayloads.wsTicker(this.marketFor(symbol), now, Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS);
		});
	}

	wsTickerLite(symbol: string): Payload {
		return this.run(() => marketPayloads.wsTickerLite(this.marketFor(symbol), this.state.current));
	}

	wsBookSnapshot(symbol: string): Payload {
		return this.run(() => marketPayloads.wsBookSnapshot(this.marketFor(symbol), this.state.current));
	}

	wsTradeSnapshot(symbol: string): Payload {
		return this.run(() => marketPayloads.wsTradeSnapshot(this.marketFor(symbol)));
	}

	wsFillsSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsFillsSnapshot(this.account(accountId)));
	}

	wsOpenOrdersSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsOpenOrdersSnapshot(this.account(accountId)));
	}

	wsOpenPositions(accountId: string): Payload {
		return this.run(() => queries.wsOpenPositions(this.context, this.account(accountId)));
	}

	wsBalancesSnapshot(accountId: string): Payload {
		return this.run(() =>
			wsBalances(this.account(accountId), (symbol) => marketOf(this.context, symbol), this.state.current),
		);
	}

	wsAccountLogSnapshot(accountId: string): Payload {
		return this.run(() => queries.wsAccountLogSnapshot(this.account(accountId)));
	}

	wsNotifications(): Payload {
		return {
			notifications: [
				{
					id: 1,
					type: 'general',
					priority: 'low',
					note: 'Paper exchange: simulated market, no real funds.',
					effective_time: this.state.current,
				},
			],
		};
	}

	isKnownSymbol(symbol: string): boolean {
		return this.state.market.get(symbol) !== undefined;
	}

	isTradeable(symbol: string): boolean {
		const market = this.state.market.get(symbol);
		if (!market || market.suspended) return false;
		return market.spec.lastTradingTime === undefined || market.spec.lastTradingTime > this.state.current;
	}

	/** Fault injection: suspends or resumes a market (orders get `marketSuspended`). */
	setMarketSuspended(symbol: string, suspended: boolean): void {
		this.marketFor(symbol).suspended = suspended;
	}

	// Time

	advanceTime(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceTime needs a non-negative number of ms');
		this.offset += ms;
		this.run(() => undefined);
	}

	startClock(options: { tickMs?: number; speed?: number } = {}): void {
		this.stopClock();
		const tickMs = options.tickMs ?? 1_000;
		this.speed = Math.max(1, options.speed ?? 1);
		let lastReal = Date.now();
		this.ticker = setInterval(() => {
			const real = Date.now();
			this.offset += (real - lastReal) * (this.speed - 1);
			lastReal = real;
			this.run(() => undefined);
		}, tickMs);
		this.ticker.unref();
	}

	stopClock(): void {
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = undefined;
		this.speed = 1;
		for (const accountId of [...this.deadManTimers.keys()]) this.clearDeadManTimer(accountId);
	}

	reset(): void {
		this.stopClock();
		this.offset = 0;
		this.initialize();
	}

	rejectNextOrder(status: string): void {
		this.state.rejectNext = status;
	}
}
