import { KrakenNetworkError, KrakenRateLimitError } from '../errors';

/** Aborted while waiting for rate-limit budget: nothing was sent (same family as an aborted request). */
export class RateLimitWaitAbortedError extends KrakenNetworkError {
	constructor() {
		super('the call was aborted while waiting for rate-limit budget; nothing was sent');
	}
}

/** Waited longer than its maximum queue wait: the call fails here and is never sent. */
export class RateLimitQueueTimeoutError extends KrakenRateLimitError {
	constructor(readonly waitedMs: number) {
		super(
			`rate limit: the call waited ${waitedMs} ms for the client's request budget (the maximum queue wait) and was NOT sent`,
		);
	}
}

/** Called once the granted call has its answer (or failed); see `RollingWindowBudget`. */
export type SettleGrant = () => void;

const settleNothing: SettleGrant = () => undefined;

export interface AcquireOptions {
	signal?: AbortSignal;
	/** Goes ahead of every ordinary waiter (outcome lookups); the cost still counts. */
	priority?: boolean;
	/** Fails with `RateLimitQueueTimeoutError` after waiting this long; no bound when absent. */
	maxWaitMs?: number;
}

interface Waiter {
	cost: number;
	priority: boolean;
	resolve: (settle: SettleGrant) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
	deadline?: NodeJS.Timeout;
}

type Clock = () => number;

/**
 * A budget that makes calls over the limit wait their turn, first come first served (priority
 * calls first), instead of failing. Subclasses say how much is available; this class keeps the
 * queue, one wake-up timer while someone waits, and one deadline timer per bounded waiter.
 */
export abstract class FifoLimiter {
	readonly #queue: Waiter[] = [];
	#timer: NodeJS.Timeout | undefined;

	protected constructor(protected readonly clock: Clock) {}

	/** Takes `cost` now when it fits, otherwise returns how many ms until it might. */
	protected abstract tryTake(cost: number, now: number): number;

	/** The largest single cost this budget can ever grant. */
	protected abstract get capacity(): number;

	/** The settle function for the grant `tryTake` just made. */
	protected settlerForLastGrant(): SettleGrant {
		return settleNothing;
	}

	/** Subclasses call this when budget may have come free other than by time passing. */
	protected wake(): void {
		this.#schedule();
	}

	/**
	 * Resolves once `cost` units are granted, with a function to call when the call has its answer.
	 * Rejects if `signal` aborts or `maxWaitMs` passes first.
	 */
	acquire(cost: number, options: AcquireOptions | AbortSignal = {}): Promise<SettleGrant> {
		const {
			signal,
			priority = false,
			maxWaitMs,
		} = options instanceof AbortSignal ? { signal: options } : options;
		if (signal?.aborted) return Promise.reject(new RateLimitWaitAbortedError());
		// A single call larger than the whole budget could never run; let it take the full budget.
		const granted = Math.min(Math.max(cost, 0), this.capacity);
		const ahead = priority ? this.#queue.filter((waiter) => waiter.priority).length : this.#queue.length;
		if (ahead === 0 && this.tryTake(granted, this.clock()) === 0) {
			return Promise.resolve(this.settlerForLastGrant());
		}
		return new Promise<SettleGrant>((resolve, reject) => {
			const waiter: Waiter = { cost: granted, priority, resolve, reject, signal };
			if (signal !== undefined) {
				waiter.onAbort = () => this.#abandon(waiter, new RateLimitWaitAbortedError());
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			if (maxWaitMs !== undefined) {
				waiter.deadline = setTimeout(
					() => this.#abandon(waiter, new RateLimitQueueTimeoutError(maxWaitMs)),
					maxWaitMs,
				);
			}
			this.#queue.splice(ahead, 0, waiter);
			this.#schedule();
		});
	}

	/** How many calls are waiting (for tests and diagnostics). */
	get waiting(): number {
		return this.#queue.length;
	}

	#release(waiter: Waiter): void {
		if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
		if (waiter.deadline !== undefined) clearTimeout(waiter.deadline);
	}

	#abandon(waiter: Waiter, error: Error): void {
		const index = this.#queue.indexOf(waiter);
		if (index === -1) return;
		this.#queue.splice(index, 1);
		this.#release(waiter);
		waiter.reject(error);
		this.#schedule();
	}

	#grantHead(): void {
		const head = this.#queue.shift() as Waiter;
		this.#release(head);
		head.resolve(this.settlerForLastGrant());
	}

	#schedule(): void {
		if (this.#timer !== undefined) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		let waitMs = 0;
		while (this.#queue.length > 0) {
			waitMs = this.tryTake(this.#queue[0].cost, this.clock());
			if (waitMs !== 0) break;
			this.#grantHead();
		}
		if (this.#queue.length === 0) return;
		this.#timer = setTimeout(
			() => {
				this.#timer = undefined;
				this.#schedule();
			},
			Math.max(1, Math.ceil(waitMs)),
		);
	}
}
