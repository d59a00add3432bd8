import { FifoLimiter, type SettleGrant } from './fifo-limiter';

type Clock = () => number;

interface Spend {
	at: number;
	cost: number;
	/** Sent and not yet answered: it counts however long ago it was sent. */
	inFlight: boolean;
}

/**
 * Kraken's `/derivatives` budget: `capacity` cost units per rolling window (500 per 10 s).
 *
 * Kraken starts counting a call when it processes it, which can be well after the client let it
 * go (a burst queues on the way and at the server). So a call counts from its grant, for as long
 * as it is in flight, and until `windowMs` after its answer (or timeout, or abort) came back, the
 * latest moment the server can have counted it. A call still waiting for its answer never leaves
 * the budget: with a timeout as long as the window it would otherwise drop out while the server
 * may not even have counted it yet.
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
			if (!spend.inFlight) return;
			spend.inFlight = false;
			spend.at = Math.max(spend.at, this.clock());
			// Its window now has an end, so a waiter may have a time to be woken at.
			this.wake();
		};
	}

	protected tryTake(cost: number, now: number): number {
		// Settling moves entries forward in time, so the list is not ordered by `at`.
		const live = this.#spent.filter((entry) => entry.inFlight || entry.at + this.windowMs > now);
		if (live.length !== this.#spent.length) {
			this.#spent = live;
			this.#used = live.reduce((sum, entry) => sum + entry.cost, 0);
		}
		if (this.#used + cost <= this.budget) {
			this.#lastGrant = { at: now, cost, inFlight: true };
			this.#spent.push(this.#lastGrant);
			this.#used += cost;
			return 0;
		}
		// Wait until enough answered calls leave the window; calls in flight wake the queue when
		// they settle, and until then a waiter looks again after a full window.
		let freed = this.budget - this.#used;
		const settled = this.#spent.filter((entry) => !entry.inFlight).sort((a, b) => a.at - b.at);
		for (const entry of settled) {
			freed += entry.cost;
			if (freed >= cost) return Math.max(1, entry.at + this.windowMs - now);
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
