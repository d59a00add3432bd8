import { FifoLimiter, type SettleGrant } from './fifo-limiter';

type Clock = () => number;

interface Spend {
	at: number;
	cost: number;
}

/**
 * Kraken's `/derivatives` budget: `capacity` cost units per rolling window (500 per 10 s).
 *
 * Kraken starts counting a call when it processes it, which can be well after the client let it
 * go (a burst queues on the way and at the server). So a call's cost counts until `windowMs` after
 * its answer came back, the latest moment the server can have counted it; counting from the grant
 * alone let a burst's next round reach the server while the previous round was still in its window.
 */
export class RollingWindowBudget extends FifoLimiter {
	#spent: Spend[] = [];
	#used = 0;
	#lastGrant: Spend | undefined;

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

	protected override settlerForLastGrant(): SettleGrant {
		const spend = this.#lastGrant;
		if (spend === undefined) return () => undefined;
		return () => {
			spend.at = Math.max(spend.at, this.clock());
		};
	}

	protected tryTake(cost: number, now: number): number {
		// Settling moves entries forward in time, so the list is not ordered by `at`.
		const live = this.#spent.filter((entry) => entry.at + this.windowMs > now);
		if (live.length !== this.#spent.length) {
			this.#spent = live;
			this.#used = live.reduce((sum, entry) => sum + entry.cost, 0);
		}
		if (this.#used + cost <= this.budget) {
			this.#lastGrant = { at: now, cost };
			this.#spent.push(this.#lastGrant);
			this.#used += cost;
			return 0;
		}
		// Wait until enough old calls leave the window.
		let freed = this.budget - this.#used;
		for (const entry of [...this.#spent].sort((a, b) => a.at - b.at)) {
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
