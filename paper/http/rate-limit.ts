type Clock = () => number;

interface Spend {
	at: number;
	cost: number;
}

/**
 * Kraken's `/derivatives` budget: the costs of a key's requests within a rolling window may not
 * exceed the budget (500 per 10 s on Kraken). A request that does not fit is refused and costs nothing.
 */
export class DerivativesBudget {
	readonly #spends = new Map<string, Spend[]>();

	constructor(
		readonly windowMs: number,
		readonly budget = 500,
		private readonly clock: Clock = Date.now,
	) {}

	tryConsume(key: string, cost: number): boolean {
		if (cost <= 0) return true;
		const now = this.clock();
		const spends = (this.#spends.get(key) ?? []).filter((spend) => now - spend.at < this.windowMs);
		const used = spends.reduce((sum, spend) => sum + spend.cost, 0);
		if (used + cost > this.budget) {
			this.#spends.set(key, spends);
			return false;
		}
		spends.push({ at: now, cost });
		this.#spends.set(key, spends);
		return true;
	}

	reset(): void {
		this.#spends.clear();
	}
}

interface Pool {
	tokens: number;
	at: number;
}

export type PoolResult = { ok: true } | { ok: false; resetSeconds: number };

/**
 * Kraken's history pool: up to `capacity` tokens per key (100), refilled continuously at
 * `capacity` per `refillMs` (10 minutes on Kraken). Refusals say when enough tokens are back.
 */
export class HistoryPool {
	readonly #pools = new Map<string, Pool>();

	constructor(
		readonly refillMs: number,
		readonly capacity = 100,
		private readonly clock: Clock = Date.now,
	) {}

	tryConsume(key: string, cost: number): PoolResult {
		const now = this.clock();
		const pool = this.#pools.get(key) ?? { tokens: this.capacity, at: now };
		const refilled = Math.min(this.capacity, pool.tokens + ((now - pool.at) * this.capacity) / this.refillMs);
		if (refilled < cost) {
			this.#pools.set(key, { tokens: refilled, at: now });
			const waitMs = ((cost - refilled) * this.refillMs) / this.capacity;
			return { ok: false, resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
		}
		this.#pools.set(key, { tokens: refilled - cost, at: now });
		return { ok: true };
	}

	reset(): void {
		this.#pools.clear();
	}
}

/** History cost of an account-log request by its `count` (default 500), per Kraken's table. */
export function accountLogCost(countParam: string | undefined): number {
	const count = countParam === undefined ? 500 : Number(countParam);
	if (!Number.isFinite(count) || count <= 25) return 1;
	if (count <= 50) return 2;
	if (count <= 1000) return 3;
	if (count <= 5000) return 6;
	return 10;
}
