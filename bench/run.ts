import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readConfig, type BenchConfig } from './config';
import { formatMarkdown, formatTable, type BenchRow } from './report';
import { BOOK_AND_TICKER, benchIngest, TICKER_ONLY } from './ingest';
import { coreWsConsumer } from './ingest-core';
import { nodeRedTickerConsumer } from './ingest-node-red';
import { benchRateBudget } from './rate-budget';
import { benchSharing } from './sharing';
import { benchSigning } from './signing';
import { stopNodeRedHost } from './node-red-host';
import { closeN8nEngine, n8nBot } from './tick-bot-n8n';
import { coreBot } from './tick-bots';
import { nodeRedBot } from './tick-bots-hosts';
import { benchTickToOrder } from './tick-to-order';
import { benchUwsTickToOrder } from './uws-tick-to-order';

interface Benchmark {
	name: string;
	run(config: BenchConfig): Promise<BenchRow[]>;
}

const BENCHMARKS: Benchmark[] = [
	{
		name: 'tick-to-order',
		run: (c) =>
			benchTickToOrder(
				[
					{ name: 'Node-RED: ticker, switch, function, order', factory: nodeRedBot(false) },
					{ name: 'Node-RED: ticker, function, order', factory: nodeRedBot(true) },
					{ name: 'n8n: trigger, If, Order → Send', factory: n8nBot },
					{ name: 'core clients', factory: coreBot },
				],
				{
					events: c.events,
					warmup: 20,
					rounds: c.rounds,
				},
			),
	},
	{
		name: 'uws-tick-to-order',
		run: async (c) => {
			const options = { events: c.events, warmup: 20, rounds: c.rounds };
			return [await benchUwsTickToOrder('clients', options), await benchUwsTickToOrder('session', options)];
		},
	},
	{
		name: 'signing',
		run: async (c) => [await benchSigning({ operations: c.signOperations, rounds: c.rounds })],
	},
	{
		name: 'ingest',
		run: async (c) => {
			const options = { messages: c.ingestMessages, rounds: c.rounds };
			return [
				await benchIngest('ingest (core WS client)', coreWsConsumer, BOOK_AND_TICKER, options),
				await benchIngest('ingest (Node-RED ticker trigger)', nodeRedTickerConsumer, TICKER_ONLY, options),
			];
		},
	},
	{
		name: 'rate-budget',
		run: async (c) => [await benchRateBudget({ orders: c.burst, windowMs: c.rateWindowMs })],
	},
	{
		name: 'sharing',
		run: async (c) => [await benchSharing(c.triggers)],
	},
];

async function main(): Promise<void> {
	const config = readConfig(process.argv.slice(2), process.env);
	const rows: BenchRow[] = [];
	const failures: Array<{ benchmark: string; error: string }> = [];
	for (const benchmark of BENCHMARKS) {
		if (config.only.length > 0 && !config.only.includes(benchmark.name)) continue;
		const started = Date.now();
		process.stdout.write(`${benchmark.name} ... `);
		try {
			const produced = await benchmark.run(config);
			rows.push(...produced);
			process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			failures.push({ benchmark: benchmark.name, error: message });
			process.stdout.write(`FAILED\n${message}\n`);
		}
	}
	await stopNodeRedHost();
	await closeN8nEngine();
	console.log(`\n${formatTable(rows)}`);
	const output = resolve(config.output);
	mkdirSync(dirname(output), { recursive: true });
	const report = {
		measuredAt: new Date().toISOString(),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		config,
		rows,
		failures,
		markdown: formatMarkdown(rows),
	};
	writeFileSync(output, `${JSON.stringify(report, null, '\t')}\n`);
	console.log(`\nwritten to ${output}`);
	if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
