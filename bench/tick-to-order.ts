import { atMost, type BenchRow } from './report';
import { summariseLatencies } from './stats';
import { bareBot } from './tick-bots';
import { TickDriver, type TickBotFactory } from './tick-driver';

export interface TickToOrderOptions {
	/** Measured ticks per bot, spread over the rounds. */
	events: number;
	/** Unmeasured ticks at the start of every round. */
	warmup: number;
	/** Rounds; in each, every bot runs once, in rotating order, so drifting load hits all alike. */
	rounds: number;
}

interface Sampled {
	latencies: bigint[];
	unexpectedOrders: number;
	otherRequests: Record<string, number>;
}

async function measureBot(factory: TickBotFactory, events: number, warmup: number): Promise<Sampled> {
	const driver = await TickDriver.start();
	try {
		const bot = await factory(driver.server);
		try {
			await bot.ready;
			// Let the subscription snapshot's order (if the snapshot qualified) land first.
			await new Promise((resolve) => setTimeout(resolve, 50));
			const latencies = await driver.measure(events, warmup);
			return { latencies, unexpectedOrders: driver.unexpectedOrders, otherRequests: driver.otherRequests };
		} finally {
			await bot.stop();
		}
	} finally {
		await driver.stop();
	}
}

/**
 * Frame leaving the server to signed `sendorder` arriving, for each subject bot against the
 * hand-written baseline measured in the same run. Target: median at most 1.3x the baseline.
 */
export async function benchTickToOrder(
	subjects: ReadonlyArray<{ name: string; factory: TickBotFactory }>,
	options: TickToOrderOptions,
): Promise<BenchRow[]> {
	const bots = [{ name: 'baseline', factory: bareBot }, ...subjects];
	const sampled = new Map<string, Sampled>(
		bots.map((bot) => [bot.name, { latencies: [], unexpectedOrders: 0, otherRequests: {} }]),
	);
	const perRound = Math.ceil(options.events / options.rounds);
	for (let round = 0; round < options.rounds; round++) {
		const order = bots.map((_, i) => bots[(i + round) % bots.length]);
		for (const bot of order) {
			const result = await measureBot(bot.factory, perRound, options.warmup);
			const total = sampled.get(bot.name) as Sampled;
			total.latencies.push(...result.latencies);
			total.unexpectedOrders += result.unexpectedOrders;
			for (const [path, count] of Object.entries(result.otherRequests)) {
				total.otherRequests[path] = (total.otherRequests[path] ?? 0) + count;
			}
		}
	}
	const baseline = summariseLatencies((sampled.get('baseline') as Sampled).latencies);
	return subjects.map((subject) => {
		const measured = sampled.get(subject.name) as Sampled;
		const summary = summariseLatencies(measured.latencies);
		return atMost(`tick-to-order (${subject.name})`, 'median ms', summary.medianMs, baseline.medianMs, 1.3, {
			events: summary.count,
			p99Ms: round3(summary.p99Ms),
			baselineP99Ms: round3(baseline.p99Ms),
			baselineEvents: baseline.count,
			unexpectedOrders: measured.unexpectedOrders,
			otherRequests: measured.otherRequests,
		});
	});
}

function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}
