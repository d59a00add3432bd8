/** Small statistics helpers for the benchmarks: percentiles over samples, ratios against a baseline. */

export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

export function median(samples: readonly number[]): number {
	return percentile(samples, 50);
}

export interface LatencySummary {
	count: number;
	medianMs: number;
	p99Ms: number;
}

/** Latencies in nanoseconds (bigint hrtime differences) summarised in milliseconds. */
export function summariseLatencies(nanos: readonly bigint[]): LatencySummary {
	const ms = nanos.map((n) => Number(n) / 1e6);
	return { count: ms.length, medianMs: median(ms), p99Ms: percentile(ms, 99) };
}

/** Operations per second of `run(count)`, measured with the high-resolution clock. */
export async function opsPerSecond(
	count: number,
	run: (count: number) => void | Promise<void>,
): Promise<number> {
	const start = process.hrtime.bigint();
	await run(count);
	const elapsedNs = Number(process.hrtime.bigint() - start);
	return (count * 1e9) / elapsedNs;
}

/**
 * Alternates subject and baseline for several rounds and keeps each side's median, so a noisy
 * neighbour or a GC pause hits both sides alike instead of deciding the ratio.
 */
export async function interleaved(
	rounds: number,
	subject: () => Promise<number>,
	baseline: () => Promise<number>,
): Promise<{ subject: number; baseline: number }> {
	const subjects: number[] = [];
	const baselines: number[] = [];
	for (let round = 0; round < rounds; round++) {
		if (round % 2 === 0) {
			subjects.push(await subject());
			baselines.push(await baseline());
		} else {
			baselines.push(await baseline());
			subjects.push(await subject());
		}
	}
	return { subject: median(subjects), baseline: median(baselines) };
}
