import { reconnectDelay } from '../ws/backoff';

const TEN_MINUTES_MS = 600_000;

export interface ReconnectPolicyOptions {
	backoff: { initial: number; max: number };
	/** After maintenance Kraken asks for at least 5 s between attempts. */
	maintenanceBackoffMs: number;
	/** Connection attempts allowed per rolling 10 minutes (Cloudflare bans an IP after ~150). */
	maxAttemptsPer10Min: number;
	now: () => number;
}

/**
 * When to try the next connection: exponential backoff with jitter, at least 5 s after
 * maintenance, and never more attempts in 10 minutes than Kraken's edge tolerates.
 */
export class ReconnectPolicy {
	#attempt = 0;
	#attemptTimes: number[] = [];

	constructor(private readonly options: ReconnectPolicyOptions) {}

	get attempt(): number {
		return this.#attempt;
	}

	/** A connection attempt is starting. */
	recordAttempt(): void {
		this.#attemptTimes = this.#recent();
		this.#attemptTimes.push(this.options.now());
	}

	/** A connection opened: the backoff starts over. */
	succeeded(): void {
		this.#attempt = 0;
	}

	/** The delay before the next attempt; counts it as one more failure. */
	nextDelay(afterMaintenance: boolean): number {
		this.#attempt++;
		const { backoff, maintenanceBackoffMs, maxAttemptsPer10Min, now } = this.options;
		let delayMs = reconnectDelay(this.#attempt, backoff.initial, backoff.max);
		if (afterMaintenance) delayMs = Math.max(delayMs, maintenanceBackoffMs);
		const recent = this.#recent();
		if (recent.length >= maxAttemptsPer10Min) delayMs = Math.max(delayMs, recent[0] + TEN_MINUTES_MS - now());
		return delayMs;
	}

	#recent(): number[] {
		const now = this.options.now();
		return this.#attemptTimes.filter((time) => now - time < TEN_MINUTES_MS);
	}
}
