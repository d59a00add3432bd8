import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode, IRun } from 'n8n-workflow';

import { KrakenFuturesRestClient } from '../../core/rest/client';
import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import { repoRoot } from '../support/repo';
import { loadEngine, nodeOutput, type Engine, type WorkflowSpec } from './support/engine';
import { startPaper, type Paper } from './support/paper';

interface WorkflowFile extends WorkflowSpec {
	name: string;
}

const folder = join(repoRoot, 'workflows');
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
const load = (file: string): WorkflowFile =>
	JSON.parse(readFileSync(join(folder, file), 'utf8')) as WorkflowFile;
const byType = (spec: WorkflowSpec, suffix: string): INode | undefined =>
	spec.nodes.find((node) => node.type.endsWith(suffix));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertNoNodeFailed(run: IRun): void {
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const error = tasks[0]?.error;
		assert.equal(
			error,
			undefined,
			`${name} failed: ${String(error?.message)} ${String((error as { description?: string })?.description ?? '')}`,
		);
	}
	assert.equal(run.status, 'success');
}

describe('n8n workflow examples (workflows/*.json) on the paper exchange', function () {
	this.timeout(30_000);
	let engine: Engine;
	let paper: Paper;
	let rest: KrakenFuturesRestClient;

	before(async () => {
		engine = await loadEngine();
		paper = await startPaper({ clock: { tickMs: 50 } });
		rest = new KrakenFuturesRestClient({
			restUrl: paper.server.restUrl,
			credentials: { apiKey: paper.server.apiKey, apiSecret: paper.server.apiSecret },
		});
	});
	after(async () => {
		await rest.close();
		await paper.server.stop();
		await stopPaperExchange();
		engine.close();
	});
	beforeEach(() => paper.server.reset());

	it('has one example per operation group and per trigger event', () => {
		const nodes = files.flatMap((file) => load(file).nodes);
		const resources = new Set(
			nodes.filter((node) => node.type.endsWith('.krakenFutures')).map((node) => node.parameters.resource),
		);
		assert.deepEqual([...resources].sort(), ['account', 'accountLog', 'fill', 'market', 'order', 'position']);
		const events = new Set(
			nodes
				.filter((node) => node.type.endsWith('.krakenFuturesTrigger'))
				.map((node) => node.parameters.event),
		);
		assert.deepEqual([...events].sort(), ['fills', 'funding', 'orderUpdates', 'positionUpdates', 'ticker']);
	});

	describe('TradingView alert → order', () => {
		const spec = load('tradingview-alert-to-order.json');
		const hook = byType(spec, '.webhook')!;
		const ifNode = byType(spec, '.if')!;
		const secret = (ifNode.parameters.conditions as { conditions: { rightValue: string }[] }).conditions[0]
			.rightValue;
		const alert = (body: IDataObject) => ({
			...spec,
			pinData: { [hook.name]: [{ json: { headers: {}, params: {}, query: {}, body } }] },
		});

		it('turns an alert with the shared secret into a market order', async () => {
			const run = await engine.run(
				alert({ secret, symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 }),
				paper.credentials,
			);
			assertNoNodeFailed(run);
			const [placed] = nodeOutput(run, 'Place Order');
			assert.equal(placed.status, 'placed');
			assert.equal((await rest.getOpenPositions()).openPositions.length, 1);
		});

		it('drops an alert with a wrong secret and sends nothing', async () => {
			const run = await engine.run(
				alert({ secret: 'guess', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 }),
				paper.credentials,
			);
			assertNoNodeFailed(run);
			assert.equal(run.data.resultData.runData['Place Order'], undefined);
			assert.equal(nodeOutput(run, 'Ignore Alert (Wrong Secret)').length, 1);
			assert.deepEqual(paper.server.requests.entries, []);
		});

		it('refuses an alert beyond the safety limits without sending an order', async () => {
			const run = await engine.run(
				alert({ secret, symbol: 'PF_SOLUSD', side: 'buy', size: 0.01 }),
				paper.credentials,
			);
			assert.match(
				String(run.data.resultData.runData['Place Order'][0].error?.message),
				/not in this node's allowed symbols/,
			);
			assert.ok(!paper.server.requests.entries.some((entry) => entry.path.endsWith('/sendorder')));
		});
	});

	for (const file of files.filter((name) => byType(load(name), '.manualTrigger') !== undefined)) {
		it(`runs ${file}`, async () => {
			const spec = load(file);
			const run = await engine.run(spec, paper.credentials);
			assertNoNodeFailed(run);
			const last = spec.nodes[spec.nodes.length - 1];
			assert.ok(run.data.resultData.runData[last.name], `${last.name} ran`);
		});
	}

	it('runs market-data.json on the bundled paper environment without keys', async () => {
		const run = await engine.run(load('market-data.json'), { environment: 'paper' });
		assertNoNodeFailed(run);
		assert.ok(nodeOutput(run, 'Get Instruments').length > 0);
	});

	const causes: Record<string, () => Promise<unknown>> = {
		fills: () => rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 }),
		orderUpdates: () =>
			rest.sendOrder({ orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001, limitPrice: 30000 }),
		positionUpdates: async () => undefined,
		ticker: async () => undefined,
		funding: async () => undefined,
	};
	for (const file of files.filter((name) => byType(load(name), '.krakenFuturesTrigger') !== undefined)) {
		it(`runs ${file} from a real trigger event`, async () => {
			const spec = load(file);
			const trigger = byType(spec, '.krakenFuturesTrigger')!;
			const handle = await engine.startTrigger(trigger, paper.credentials, 'trigger');
			try {
				await sleep(200);
				await causes[String(trigger.parameters.event)]();
				const [event] = await handle.waitForEmits(1, 10_000);
				const run = await engine.run({ ...spec, pinData: { [trigger.name]: event[0] } }, paper.credentials);
				assertNoNodeFailed(run);
				const sink = spec.nodes.find((node) => node !== trigger)!;
				assert.deepEqual(
					nodeOutput(run, sink.name),
					event[0].map((item) => item.json),
				);
			} finally {
				await handle.response.closeFunction?.();
			}
		});
	}
});
