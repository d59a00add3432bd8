/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from `initialMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so that many clients dropped by the same
 * server restart do not come back in lockstep, while the delay still grows attempt by attempt.
 */
export function reconnectDelay(
	attempt: number,
	initialMs: number,
	maxMs: number,
	random = Math.random,
): number {
	const exponent = Math.min(Math.max(attempt - 1, 0), 30);
	const ceiling = Math.min(maxMs, initialMs * 2 ** exponent);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
