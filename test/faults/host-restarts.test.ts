import assert from 'node:assert/strict';
import type { INode } from 'n8n-workflow';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { loadEngine, type Engine } from '../n8n/support/engine';
import { PACKAGE } from '../n8n/support/workflow';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	orderNode,
	placed,
	type NodeModule,
} from '../node-red/support';
import { waitFor } from './support/capture';

/* eslint-disable @typescript-eslint/no-require-imports */
const tickerNode = require('../../nodes/node-red/kraken-futures-ticker') as NodeModule;
const fillsNode = require('../../nodes/node-red/kraken-futures-fills') as NodeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const RESTARTS = 100;

/** Sockets, timers and the like this process holds, by kind (Node's own accounting). */
function activeResources(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
	return counts;
}

/** Every kind of resource is back to at most its baseline count. */
function backToBaseline(baseline: Map<string, number>): boolean {
	for (const [kind, count] of activeResources()) if (count > (baseline.get(kind) ?? 0)) return false;
	return true;
}

function describeGrowth(baseline: Map<string, number>): string {
	return [...activeResources()]
		.filter(([kind, count]) => count > (baseline.get(kind) ?? 0))
		.map(([kind, count]) => `${kind}: ${baseline.get(kind) ?? 0} -> ${count}`)
		.join(', ');
}

describe('faults: redeploying and deactivating 100 times leaves nothing behind', function () {
	this.timeout(60_000);
	let paper: PaperExchangeServer;

	beforeEach(async () => {
		paper = await startPaperExchange({ port: 0, seed: 12, clock: false, heartbeatMs: 60_000 });
	});

	afterEach(() => paper.stop());

	it(`Node-RED: ${RESTARTS} deploys of a ticker, fills and order flow`, async () => {
		initHelper();
		await helper.startServer();
		const flow = placed([
			TAB,
			configFor(paper),
			{
				id: 'ticker',
				type: 'kraken-futures-ticker',
				z: 'tab',
				account: 'cfg',
				symbols: 'PF_XBTUSD',
				wires: [['out']],
			},
			{ id: 'fills', type: 'kraken-futures-fills', z: 'tab', account: 'cfg', symbols: '', wires: [['out']] },
			{ id: 'order', type: 'kraken-futures-order', z: 'tab', account: 'cfg', wires: [['out']] },
			{ id: 'out', type: 'helper', z: 'tab' },
		]);
		try {
			// One deploy first, so that what Node-RED itself keeps (its module cache, timers) is in the baseline.
			await helper.load([configNode, tickerNode, fillsNode, orderNode], flow, credentialsFor(paper));
			await helper.unload();
			await waitFor(() => paper.wsConnectionCount === 0, 2_000, 'the first flow to let go');
			const baseline = activeResources();
			for (let i = 0; i < RESTARTS; i++) {
				await helper.load([configNode, tickerNode, fillsNode, orderNode], flow, credentialsFor(paper));
				const ticks = new Promise<void>((resolve) => helper.getNode('out').once('input', () => resolve()));
				await ticks;
				await helper.unload();
			}
			await waitFor(
				() => paper.wsConnectionCount === 0,
				5_000,
				`no open WebSocket (${paper.wsConnectionCount} left)`,
			);
			await waitFor(
				() => backToBaseline(baseline),
				5_000,
				`resources back to baseline: ${describeGrowth(baseline)}`,
			);
		} finally {
			await helper.stopServer();
		}
	});

	it(`n8n: ${RESTARTS} activations and closeFunction calls of the ticker and fill triggers`, async () => {
		const engine: Engine = await loadEngine();
		const credentials = {
			environment: 'custom',
			restUrl: paper.restUrl,
			wsUrl: paper.wsUrl,
			apiKey: paper.apiKey,
			apiSecret: paper.apiSecret,
			useNonce: false,
		};
		const trigger = (event: string, parameters: Record<string, unknown>): INode => ({
			id: event,
			name: `Kraken Futures Trigger ${event}`,
			type: `${PACKAGE}.krakenFuturesTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { event, ...parameters } as INode['parameters'],
			credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
		});
		const ticker = trigger('ticker', {
			symbols: ['PF_XBTUSD'],
			throttleMs: 0,
			options: { emitSnapshot: true },
		});
		const fills = trigger('fills', {});
		try {
			const warmup = await engine.startTrigger(ticker, credentials, 'trigger');
			await warmup.waitForEmits(1, 5_000);
			await warmup.response.closeFunction?.();
			await waitFor(() => paper.wsConnectionCount === 0, 2_000, 'the first trigger to let go');
			const baseline = activeResources();
			for (let i = 0; i < RESTARTS; i++) {
				const node = i % 2 === 0 ? ticker : fills;
				const handle = await engine.startTrigger(node, credentials, 'trigger');
				if (node === ticker) await handle.waitForEmits(1, 5_000);
				else await waitFor(() => paper.wsConnectionCount > 0, 5_000, 'the fill trigger to connect');
				await handle.response.closeFunction?.();
				assert.deepEqual(handle.errors, []);
			}
			await waitFor(
				() => paper.wsConnectionCount === 0,
				5_000,
				`no open WebSocket (${paper.wsConnectionCount} left)`,
			);
			await waitFor(
				() => backToBaseline(baseline),
				5_000,
				`resources back to baseline: ${describeGrowth(baseline)}`,
			);
		} finally {
			engine.close();
		}
	});
});
