import { startPaperExchange, type PaperExchangeServer } from '../paper/server';
import { nodeRedHost, type NodeRedHost } from './node-red-host';
import type { BenchRow } from './report';

const SYMBOLS = ['PF_XBTUSD', 'PF_ETHUSD', 'PF_SOLUSD', 'PI_XBTUSD', 'PI_ETHUSD'];

function flowWithTickers(server: PaperExchangeServer, count: number): Record<string, unknown>[] {
	const tickers = Array.from({ length: count }, (_, i) => ({
		id: `ticker-${i}`,
		type: 'kraken-futures-ticker',
		z: 'share',
		account: 'cfg',
		symbols: SYMBOLS[i % SYMBOLS.length],
		feed: 'ticker',
		throttleMs: '0',
		x: 100,
		y: 40 * i,
		wires: [[]],
	}));
	return [
		{ id: 'share', type: 'tab', label: 'sharing' },
		{
			id: 'cfg',
			type: 'kraken-futures-config',
			environment: 'custom',
			restUrl: server.restUrl,
			wsUrl: server.wsUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
		},
		...tickers,
	];
}

async function settledMemory(): Promise<{ rss: number; heapUsed: number }> {
	await new Promise((resolve) => setTimeout(resolve, 300));
	const gc = (globalThis as { gc?: () => void }).gc;
	for (let i = 0; i < 3; i++) gc?.();
	const { rss, heapUsed } = process.memoryUsage();
	return { rss, heapUsed };
}

async function deployAndMeasure(host: NodeRedHost, server: PaperExchangeServer, count: number) {
	await host.deploy(flowWithTickers(server, count));
	const deadline = Date.now() + 5_000;
	while (server.wsConnectionCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
	const memory = await settledMemory();
	return { ...memory, sockets: server.wsConnectionCount };
}

/**
 * `triggers` ticker nodes on one Node-RED config node: the paper exchange must see one WebSocket,
 * and the resident memory each extra trigger costs is reported (no target; measured after GC).
 */
export async function benchSharing(triggers: number): Promise<BenchRow> {
	const server = await startPaperExchange({ port: 0, seed: 5, clock: false, heartbeatMs: 60_000 });
	const host = await nodeRedHost();
	try {
		// One deploy first so that code loading is not counted as per-trigger memory.
		await deployAndMeasure(host, server, triggers);
		await host.deploy([]);
		const one = await deployAndMeasure(host, server, 1);
		await host.deploy([]);
		const many = await deployAndMeasure(host, server, triggers);
		const perTrigger = (bytes: number): number => Math.round(bytes / (triggers - 1) / 102.4) / 10;
		return {
			name: `sharing (${triggers} Node-RED ticker triggers)`,
			metric: 'WebSockets',
			subject: many.sockets,
			baseline: 1,
			ratio: many.sockets,
			target: '1 socket',
			met: many.sockets === 1 && one.sockets === 1,
			details: {
				gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
				rssGrowthPerTriggerKiB: perTrigger(many.rss - one.rss),
				heapGrowthPerTriggerKiB: perTrigger(many.heapUsed - one.heapUsed),
				rssWithOneTriggerMiB: Math.round(one.rss / 1048576),
			},
		};
	} finally {
		await host.deploy([]);
		await server.stop();
	}
}
