/**
 * Per-key nonces. Kraken requires a nonce, when one is sent, to increase strictly per API key,
 * for every client using that key. One process-wide registry keyed by API key is therefore the
 * only module-level state the core keeps: two clients on one key must not race each other.
 */

type Clock = () => number;

const lastNonceByKey = new Map<string, bigint>();

/**
 * Returns the next nonce for `apiKey`: the current time in microseconds, or one more than the
 * last nonce handed out for that key when the clock has not moved on (or went backwards).
 * Microseconds leave room for a million calls a second before the nonce runs ahead of the clock.
 */
export function nextNonce(apiKey: string, clock: Clock = Date.now): string {
	const now = BigInt(Math.floor(clock())) * 1000n;
	const last = lastNonceByKey.get(apiKey) ?? 0n;
	const next = now > last ? now : last + 1n;
	lastNonceByKey.set(apiKey, next);
	return next.toString();
}

/** Forgets every key's last nonce. Tests only: a real process must never reset it. */
export function resetNoncesForTests(): void {
	lastNonceByKey.clear();
}
