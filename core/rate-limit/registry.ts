import { RollingWindowBudget, TokenBucketBudget } from './budgets';

export interface RateLimitOptions {
	/** Length of the rolling `/derivatives` window in ms. Kraken: 10 000. */
	windowMs?: number;
	/** Cost units per window. Kraken: 500. */
	derivativesBudget?: number;
	/** Size of the history token pool. Kraken: 100. */
	historyTokens?: number;
	/** Time in ms to refill the whole history pool. Kraken: 600 000 (10 minutes). */
	historyRefillMs?: number;
}

export const KRAKEN_RATE_LIMITS: Required<RateLimitOptions> = {
	windowMs: 10_000,
	derivativesBudget: 500,
	historyTokens: 100,
	historyRefillMs: 600_000,
};

export interface KeyBudgets {
	derivatives: RollingWindowBudget;
	history: TokenBucketBudget;
}

/**
 * Kraken counts the budget per API key (and calling IP), not per client object, so every client
 * in this process that uses the same key and limits draws from the same budgets. Like the nonce
 * registry, this is process-wide state on purpose; it holds no timers while nobody waits.
 */
const budgetsByKey = new Map<string, KeyBudgets>();

export function budgetsFor(apiKey: string, options: RateLimitOptions = {}): KeyBudgets {
	const limits = { ...KRAKEN_RATE_LIMITS, ...definedOnly(options) };
	const id = [
		apiKey,
		limits.windowMs,
		limits.derivativesBudget,
		limits.historyTokens,
		limits.historyRefillMs,
	].join('\u0000');
	let budgets = budgetsByKey.get(id);
	if (budgets === undefined) {
		budgets = {
			derivatives: new RollingWindowBudget(limits.derivativesBudget, limits.windowMs),
			history: new TokenBucketBudget(limits.historyTokens, limits.historyRefillMs),
		};
		budgetsByKey.set(id, budgets);
	}
	return budgets;
}

function definedOnly(options: RateLimitOptions): RateLimitOptions {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Forgets every key's budgets. Tests only. */
export function resetRateLimitsForTests(): void {
	budgetsByKey.clear();
}
