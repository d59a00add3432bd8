/** Benchmark sizes, from `--name=value` arguments or `BENCH_NAME` environment variables. */
export interface BenchConfig {
	/** Ticks per tick-to-order row (at least 1000 for a meaningful p99). */
	events: number;
	/** Messages per ingest round. */
	ingestMessages: number;
	/** Signatures per signing round. */
	signOperations: number;
	/** Alternating subject/baseline rounds for throughput benchmarks. */
	rounds: number;
	/** Orders in the rate-budget burst. */
	burst: number;
	/** The shortened rate-limit window of the burst, ms. */
	rateWindowMs: number;
	/** Triggers sharing one config node. */
	triggers: number;
	/** Only these benchmarks (comma-separated names); all when empty. */
	only: string[];
	/** Where the JSON goes. */
	output: string;
}

const DEFAULTS: Omit<BenchConfig, 'only' | 'output'> = {
	events: 1000,
	ingestMessages: 50_000,
	signOperations: 20_000,
	rounds: 5,
	burst: 200,
	rateWindowMs: 1000,
	triggers: 50,
};

function lookup(name: string, argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
	const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === flag) return argv[i + 1];
		if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
	}
	return env[`BENCH_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value <= 0)
		throw new Error(`${name} must be a positive integer, got ${text}`);
	return value;
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
	const numbers = Object.fromEntries(
		Object.entries(DEFAULTS).map(([name, fallback]) => [
			name,
			positiveInteger(name, lookup(name, argv, env), fallback),
		]),
	) as Omit<BenchConfig, 'only' | 'output'>;
	const only = (lookup('only', argv, env) ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return { ...numbers, only, output: lookup('output', argv, env) ?? 'artifacts/bench.json' };
}
