import { KrakenNetworkError } from '../errors';

/** Aborted while waiting for rate-limit budget: nothing was sent (same family as an aborted request). */
export class RateLimitWaitAbortedError extends KrakenNetworkError {
	constructor() {
		super('the call was aborted while waiting for rate-limit budget; nothing was sent');
	}
}

/** Called once the granted call has its answer (or failed); see `RollingWindowBudget`. */
export type SettleGrant = () => void;

const settleNothing: SettleGrant = () => undefined;

interface Waiter {
	cost: number;
	resolve: (settle: SettleGrant) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

type Clock = () => number;

/**
 * A budget that makes calls over the limit wait their turn, first come first served, instead of
 * failing. Subclasses say how much is available; this class keeps the queue and at most one
 * timer, which exists only while someone is waiting.
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

	/**
	 * Resolves once `cost` units are granted, with a function to call when the call has its answer.
	 * Rejects if `signal` aborts first.
	 */
	acquire(cost: number, signal?: AbortSignal): Promise<SettleGrant> {
		if (signal?.aborted) return Promise.reject(new RateLimitWaitAbortedError());
		// A single call larger than the whole budget could never run; let it take the full budget.
		const granted = Math.min(Math.max(cost, 0), this.capacity);
		if (this.#queue.length === 0 && this.tryTake(granted, this.clock()) === 0) {
			return Promise.resolve(this.settlerForLastGrant());
		}
		return new Promise<SettleGrant>((resolve, reject) => {
			const waiter: Waiter = { cost: granted, resolve, reject, signal };
			if (signal !== undefined) {
				waiter.onAbort = () => this.#abandon(waiter);
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.#queue.push(waiter);
			this.#schedule();
		});
	}

	/** How many calls are waiting (for tests and diagnostics). */
	get waiting(): number {
		return this.#queue.length;
	}

	#abandon(waiter: Waiter): void {
		const index = this.#queue.indexOf(waiter);
		if (index === -1) return;
		this.#queue.splice(index, 1);
		waiter.reject(new RateLimitWaitAbortedError());
		this.#schedule();
	}

	#drain(): void {
		this.#timer = undefined;
		while (this.#queue.length > 0) {
			const head = this.#queue[0];
			if (this.tryTake(head.cost, this.clock()) !== 0) break;
			this.#queue.shift();
			if (head.onAbort !== undefined) head.signal?.removeEventListener('abort', head.onAbort);
			head.resolve(this.settlerForLastGrant());
		}
		this.#schedule();
	}

	#schedule(): void {
		if (this.#timer !== undefined) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		if (this.#queue.length === 0) return;
		const waitMs = this.tryTake(this.#queue[0].cost, this.clock());
		if (waitMs === 0) {
			// Granted right away (the budget refilled): hand it over and look at the next one.
			const head = this.#queue.shift() as Waiter;
			if (head.onAbort !== undefined) head.signal?.removeEventListener('abort', head.onAbort);
			head.resolve(this.settlerForLastGrant());
			this.#schedule();
			return;
		}
		this.#timer = setTimeout(() => this.#drain(), Math.max(1, Math.ceil(waitMs)));
	}
}
