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
	placed,
	type NodeModule,
} from '../node-red/support';
import { credentialsFor as n8nCredentialsFor } from '../n8n/support/paper';
import { TRANSPORTS, type TransportName } from '../support/transports';
import { accountFeedLive, FILL_FEEDS } from '../support/account-feeds';
import { streamFillsThroughDrops } from './support/fill-stream';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fillsNode = require('../../nodes/node-red/kraken-futures-fills') as NodeModule;

const DROPS = 50;
/** The hosts reconnect with the product's default backoff (0.25 to 0.5 s after a drop). */
const STEP_TIMEOUT_MS = 5_000;

function startPaper(): Promise<PaperExchangeServer> {
	// A 1 ms rate-limit window: order bursts sent with the client limiter off never meet the budget, however fast the machine.
	return startPaperExchange({ port: 0, seed: 9, clock: false, rateLimitWindowMs: 1, heartbeatMs: 60_000 });
}

async function nodeRedFills(api: TransportName): Promise<void> {
	initHelper();
	const paper = await startPaper();
	await helper.startServer();
	try {
		const flow = placed([
			TAB,
			configFor(paper, 'cfg', api),
			{ id: 'fills', type: 'kraken-futures-fills', z: 'tab', account: 'cfg', symbols: '', wires: [['out']] },
			{ id: 'out', type: 'helper', z: 'tab' },
		]);
		await helper.load([configNode, fillsNode], flow, credentialsFor(paper, 'cfg', api));
		const delivered: string[] = [];
		helper
			.getNode('out')
			.on('input', (msg: { payload: { fill_id: string } }) => delivered.push(msg.payload.fill_id));
		await accountFeedLive(paper, FILL_FEEDS);
		await streamFillsThroughDrops(paper, DROPS, () => delivered, STEP_TIMEOUT_MS);
	} finally {
		await helper.unload();
		await helper.stopServer();
		await paper.stop();
	}
}

async function n8nFills(api: TransportName): Promise<void> {
	const engine: Engine = await loadEngine();
	const paper = await startPaper();
	const node: INode = {
		id: 'trigger',
		name: 'Kraken Futures Trigger',
		type: `${PACKAGE}.krakenFuturesTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { event: 'fills' },
		credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
	};
	const credentials = n8nCredentialsFor(paper, api);
	const handle = await engine.startTrigger(node, credentials, 'trigger');
	try {
		const delivered = (): string[] =>
			handle.emitted.flatMap((emit) =>
				emit.flatMap((items) => items.map((item) => String(item.json.fill_id))),
			);
		await accountFeedLive(paper, FILL_FEEDS);
		await streamFillsThroughDrops(paper, DROPS, delivered, STEP_TIMEOUT_MS);
		assert.deepEqual(handle.errors, []);
	} finally {
		await handle.response.closeFunction?.();
		await paper.stop();
		engine.close();
	}
}

describe('faults: fills through forced drops in both hosts', function () {
	this.timeout(90_000);

	// Each host reconnects after its default backoff; running both at once halves the wall time.
	for (const api of TRANSPORTS)
		it(`${api}: Node-RED kraken-futures-fills and the n8n Fill trigger: no fill lost or doubled across ${DROPS} drops each`, async () => {
			const outcomes = await Promise.allSettled([nodeRedFills(api), n8nFills(api)]);
			const failures = outcomes.flatMap((outcome, i) =>
				outcome.status === 'rejected' ? [`${['Node-RED', 'n8n'][i]}: ${String(outcome.reason)}`] : [],
			);
			assert.deepEqual(failures, []);
		});
});
