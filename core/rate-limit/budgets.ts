import { FifoLimiter } from './fifo-limiter';

type Clock = () => number;

/**
 * Kraken's `/derivatives` budget: `capacity` cost units per rolling window (500 per 10 s).
 * A call's cost counts against the budget until `windowMs` after it was granted.
 */
export class RollingWindowBudget extends FifoLimiter {
	readonly #spent: { at: number; cost: number }[] = [];
	#used = 0;

	constructor(
		readonly budget: number,
		readonly windowMs: number,
		clock: Clock = Date.now,
	) {
		super(clock);
	}

	protected get capacity(): number {
		return this.budget;
	}

	protected tryTake(cost: number, now: number): number {
		while (this.#spent.length > 0 && this.#spent[0].at + this.windowMs <= now) {
			this.#used -= (this.#spent.shift() as { cost: number }).cost;
		}
		if (this.#used + cost <= this.budget) {
			this.#spent.push({ at: now, cost });
			this.#used += cost;
			return 0;
		}
		// Wait until enough old calls leave the window.
		let freed = this.budget - this.#used;
		for (const entry of this.#spent) {
			freed += entry.cost;
			if (freed >= cost) return entry.at + this.windowMs - now;
		}
		return this.windowMs;
	}
}

/**
 * Kraken's history pool: `capacity` tokens, refilled continuously at `capacity` per `refillMs`
 * (100 tokens per 10 minutes).
 */
export class TokenBucketBudget extends FifoLimiter {
	#tokens: number;
	#updatedAt: number;

	constructor(
		readonly tokens: number,
		readonly refillMs: number,
		clock: Clock = Date.now,
	) {
		super(clock);
		this.#tokens = tokens;
		this.#updatedAt = clock();
	}

	protected get capacity(): number {
		return this.tokens;
	}

	protected tryTake(cost: number, now: number): number {
		const refilled = ((now - this.#updatedAt) * this.tokens) / this.refillMs;
		this.#tokens = Math.min(this.tokens, this.#tokens + Math.max(0, refilled));
		this.#updatedAt = now;
		if (this.#tokens >= cost) {
			this.#tokens -= cost;
			return 0;
		}
		return ((cost - this.#tokens) * this.refillMs) / this.tokens;
	}
}
