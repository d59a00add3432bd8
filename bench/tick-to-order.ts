import { atMost, type BenchRow } from './report';
import { summariseLatencies } from './stats';
import { bareBot } from './tick-bots';
import { TickDriver, type TickBotFactory } from './tick-driver';

export interface TickToOrderOptions {
	events: number;
	warmup: number;
}

async function measureBot(factory: TickBotFactory, options: TickToOrderOptions) {
	const driver = await TickDriver.start();
	try {
		const bot = await factory(driver.server);
		try {
			await bot.ready;
			// Let the subscription snapshot's order (if the snapshot qualified) land first.
			await new Promise((resolve) => setTimeout(resolve, 50));
			const latencies = await driver.measure(options.events, options.warmup);
			return { summary: summariseLatencies(latencies), unexpectedOrders: driver.unexpectedOrders };
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
	const baseline = await measureBot(bareBot, options);
	const rows: BenchRow[] = [];
	for (const subject of subjects) {
		const measured = await measureBot(subject.factory, options);
		rows.push(
			atMost(
				`tick-to-order (${subject.name})`,
				'median ms',
				measured.summary.medianMs,
				baseline.summary.medianMs,
				1.3,
				{
					events: measured.summary.count,
					p99Ms: round(measured.summary.p99Ms),
					baselineP99Ms: round(baseline.summary.p99Ms),
					unexpectedOrders: measured.unexpectedOrders,
				},
			),
		);
	}
	return rows;
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
