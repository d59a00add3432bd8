import type { InstrumentSpec } from '../instruments';
import { buildInstruments } from '../instruments';
import type { InstrumentMarket } from '../market/instrument-market';
import { HOUR_MS, SyntheticMarket } from '../market/market';
import { displayedBook, type RestingLiquidity, type SyntheticBook } from '../market/book';
import { publishMarket } from '../market/publisher';
import { idSource } from '../random';
import { wsBalances } from './account-views';
import type { EngineContext } from './context';
import { marketOf } from './context';
import { PaperApiError } from './errors';
import { chargeFunding, matchAfterStep } from './market-step';
import { cancelMany } from './order-actions';
import type { Fields } from './order-params';
import { number, parseOrderRequest, required, text } from './order-params';
import { newOrder, placeOrder, rejectOrder, sendStatus } from './placement';
import type { Account } from './types';
import { newAccount } from './types';
import { iso } from './views';

type Payload = Record<string, unknown>;

export interface SimulationOptions {
	/** Seeds the market (default 1) and, only when given, the ids. */
	seed?: number;
	/** How many times this account's state was started before: keeps seeded ids unique per state file. */
	idRun?: number;
	now?: () => number;
	startingCollateralUsd?: number;
}

export interface SimulationState {
	specs: InstrumentSpec[];
	market: SyntheticMarket;
	context: EngineContext;
	accountUids: Map<string, string>;
	rejectNext: string | null;
	current: number;
	stepped: boolean;
}

/**
 * The paper exchange's moving parts behind the facade: the clock (injected, advanced or accelerated), the
 * market catch-up with matching, funding and the dead man's switch, event publishing, accounts and order entry.
 */
export class Simulation {
	private readonly seed: number;
	private readonly idSeed: number | undefined;
	private readonly idRun: number;
	private readonly clock: () => number;
	private startingCollateralUsd: number;
	private offset = 0;
	state!: SimulationState;
	private ticker: NodeJS.Timeout | undefined;
	private readonly deadManTimers = new Map<string, NodeJS.Timeout>();
	private speed = 1;
	private running = false;

	constructor(
		options: SimulationOptions,
		private readonly emit: (event: string, ...args: unknown[]) => void,
	) {
		this.seed = options.seed ?? 1;
		this.idSeed = options.seed;
		this.idRun = options.idRun ?? 0;
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
			ids: idSource(this.idSeed, this.idRun),
			market,
			accounts: new Map(),
			emit: (event, ...args) => this.emit(event, ...args),
			dirty: new Set(),
		};
		this.state = {
			specs,
			market,
			context,
			accountUids: new Map(),
			rejectNext: null,
			current: startMs,
			stepped: false,
		};
	}

	get context(): EngineContext {
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
			publishMarket(
				market,
				this.displayedBook(market),
				now,
				nextFunding,
				this.state.stepped,
				(event, ...args) => this.emit(event, ...args),
			);
		}
		this.state.stepped = false;
		for (const accountId of this.context.dirty) {
			const account = this.context.accounts.get(accountId);
			if (account)
				this.emit(
					'balances',
					accountId,
					wsBalances(account, (symbol) => marketOf(this.context, symbol), now),
				);
		}
		this.context.dirty.clear();
	}

	/** The synthetic book plus every account's resting limit orders on that market. */
	displayedBook(market: InstrumentMarket): SyntheticBook {
		const resting: RestingLiquidity[] = [];
		for (const account of this.context.accounts.values()) {
			for (const order of account.orders.values()) {
				const isResting = order.orderType === 'lmt' || order.orderType === 'post';
				if (!isResting || order.symbol !== market.spec.symbol || order.limitPrice === null) continue;
				const qty = order.quantity - order.filled;
				if (qty > 0) resting.push({ side: order.side, price: order.limitPrice, qty });
			}
		}
		return displayedBook(market.book, resting);
	}

	/**
	 * Catches up, acts, publishes. A listener of a published event may read from the exchange again
	 * (a `ticker_lite` subscriber builds its message on each `ticker`): such a nested call only reads,
	 * so that publishing never starts another publish.
	 */
	run<T>(action: () => T): T {
		if (this.running) return action();
		this.running = true;
		try {
			this.sync();
			try {
				return action();
			} finally {
				this.publish();
			}
		} finally {
			this.running = false;
		}
	}

	private fireDeadManSwitches(time: number): void {
		for (const account of this.context.accounts.values()) {
			if (account.deadManDeadline === null || account.deadManDeadline > time) continue;
			account.deadManDeadline = null;
			cancelMany(this.context, account, undefined, 'dead_man_switch');
		}
	}

	readonly lookup = (symbol: string): InstrumentSpec | undefined => this.state.market.get(symbol)?.spec;

	marketFor(symbol: string | undefined): InstrumentMarket {
		const market = symbol === undefined ? undefined : this.state.market.get(symbol);
		if (!market) throw new PaperApiError('contractNotFound');
		return market;
	}

	account(accountId: string): Account {
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

	sendOne(accountId: string, fields: Fields): Payload {
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
			return sendStatus(
				rejectOrder(this.context, account, newOrder(this.context, account, validation.value), forced),
				receivedTime,
			);
		}
		if (processBefore !== undefined && Date.parse(processBefore) < receivedTime) {
			const order = newOrder(this.context, account, validation.value);
			return sendStatus(
				rejectOrder(this.context, account, order, 'wouldProcessAfterSpecifiedTime'),
				receivedTime,
			);
		}
		return sendStatus(placeOrder(this.context, account, validation.value), receivedTime);
	}

	/** cancelallordersafter (§3.7): `timeout` seconds from now, 0 disarms. */
	armDeadManSwitch(accountId: string, params: Fields): Payload {
		const timeout = number(required(params, 'timeout'));
		if (timeout === null || !Number.isInteger(timeout) || timeout < 0)
			throw new PaperApiError('invalidArgument');
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
	}

	/** A real timer, so the switch fires on time even when nobody calls in; unref'd so it never holds the process. */
	private armDeadManTimer(accountId: string, delayMs: number): void {
		const timer = setTimeout(
			() => {
				this.deadManTimers.delete(accountId);
				this.run(() => undefined);
			},
			delayMs / this.speed + 5,
		);
		timer.unref();
		this.deadManTimers.set(accountId, timer);
	}

	private clearDeadManTimer(accountId: string): void {
		const timer = this.deadManTimers.get(accountId);
		if (timer) clearTimeout(timer);
		this.deadManTimers.delete(accountId);
	}

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

	/** Puts saved accounts back (see paper/state) and re-arms their dead man's switches. */
	restoreAccount(account: Account, uid: string): void {
		this.clearDeadManTimer(account.id);
		this.context.accounts.set(account.id, account);
		this.state.accountUids.set(account.id, uid);
		if (account.deadManDeadline !== null)
			this.armDeadManTimer(account.id, Math.max(0, account.deadManDeadline - this.state.current));
	}

	/** Every account back to a fresh start with `startingCollateralUsd` (kept for accounts opened later). */
	resetAccounts(startingCollateralUsd = this.startingCollateralUsd): void {
		for (const accountId of [...this.deadManTimers.keys()]) this.clearDeadManTimer(accountId);
		this.startingCollateralUsd = startingCollateralUsd;
		this.context.accounts.clear();
		this.state.accountUids.clear();
		this.context.dirty.clear();
	}

	get startingBalanceUsd(): number {
		return this.startingCollateralUsd;
	}

	rejectNextOrder(status: string): void {
		this.state.rejectNext = status;
	}

	accountUid(accountId: string): string {
		this.ensureAccount(accountId);
		return this.state.accountUids.get(accountId) ?? accountId;
	}
}
