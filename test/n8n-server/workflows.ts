import assert from 'node:assert/strict';

import type { N8nFixture } from './support/fixture';
import { itemsOf, nodeErrors, type Execution } from './support/rest';
import { nodeOfType, workflowFiles, type WorkflowFile } from './support/workflow-files';
import { assertExpectedErrors, LEGACY_ONLY_NODES, MANUAL_CHECKS } from '../support/example-workflows';
import { TRANSPORTS, type TransportName } from '../support/transports';

function assertRan(workflow: WorkflowFile, execution: Execution, api: TransportName): void {
	assertExpectedErrors(workflow.file, api, nodeErrors(execution));
	const legacyOnly = api === 'unified' ? (LEGACY_ONLY_NODES[workflow.file] ?? []) : [];
	assert.equal(execution.status, legacyOnly.length > 0 ? 'error' : 'success', workflow.file);
	for (const node of workflow.json.nodes) {
		assert.ok(execution.data.resultData.runData[node.name], `${workflow.file}: ${node.name} ran`);
	}
}

/** The workflow with every Kraken Futures node on `credential`, for the editor's REST path. */
function onCredential(body: Record<string, unknown>, credential: { id: string; name: string }) {
	const nodes = (body.nodes as WorkflowFile['json']['nodes']).map((node) =>
		node.credentials?.krakenFuturesApi ? { ...node, credentials: { krakenFuturesApi: credential } } : node,
	);
	return { ...body, nodes };
}

/**
 * Every workflows/*.json in a real n8n: imported by the CLI and through the editor's REST path, then,
 * on each API, the manual ones run, the webhook one called over HTTP, the trigger ones activated.
 */
export function describeWorkflows(fixture: () => N8nFixture): void {
	const files = workflowFiles();

	it('has an id on every workflow file, so `n8n import:workflow` takes them all', async () => {
		assert.match(fixture().cliImportOutput, new RegExp(`Successfully imported ${files.length} workflows`));
		for (const workflow of files) {
			assert.match(workflow.json.id, /^[A-Za-z0-9]{16}$/, workflow.file);
			const imported = await fixture().rest.getWorkflow(workflow.json.id);
			assert.equal(imported.name, workflow.json.name);
			assert.equal((imported.nodes as unknown[]).length, workflow.json.nodes.length);
		}
	});

	for (const api of TRANSPORTS) describe(`on the ${api} API`, () => describeOnApi(fixture, files, api));
}

function describeOnApi(fixture: () => N8nFixture, files: WorkflowFile[], api: TransportName): void {
	const restIds = new Map<string, string>();
	const activated: string[] = [];
	const rest = () => fixture().rest;
	const activate = async (id: string) => {
		await rest().activate(id);
		activated.push(id);
	};
	// The next API's copies use the same webhook path and the same paper account.
	after(async () => {
		for (const id of activated) await rest().deactivate(id);
	});

	const how = api === 'legacy' ? 'with the credential chosen by name' : 'on a unified credential';
	it(`imports every workflow through the editor REST path, ${how}`, async () => {
		const name = api === 'legacy' ? 'Kraken Futures (paper)' : 'Kraken Futures (paper, unified)';
		const credential = await rest().createCredential(name, { environment: 'paper', api });
		for (const workflow of files) {
			const { id: _fileId, ...file } = workflow.json;
			const body = api === 'legacy' ? file : onCredential(file, { id: credential.id, name });
			const saved = await rest().createWorkflow({ ...body, name: `${workflow.json.name} (REST, ${api})` });
			restIds.set(workflow.file, saved.id);
			const stored = await rest().getWorkflow(saved.id);
			for (const node of stored.nodes as { name: string; credentials?: Record<string, { id: string }> }[]) {
				if (node.credentials?.krakenFuturesApi)
					assert.equal(node.credentials.krakenFuturesApi.id, credential.id, `${workflow.file}: ${node.name}`);
			}
		}
		assert.equal(restIds.size, files.length);
	});

	const triggers = files.filter((workflow) => nodeOfType(workflow, '.krakenFuturesTrigger') !== undefined);
	it('activates the trigger workflows (ticker, fills, funding, order and position updates)', async () => {
		assert.deepEqual(
			triggers.map((workflow) => nodeOfType(workflow, '.krakenFuturesTrigger')!.parameters.event).sort(),
			['fills', 'funding', 'orderUpdates', 'positionUpdates', 'ticker'],
		);
		for (const workflow of triggers) await activate(restIds.get(workflow.file)!);
		// The sockets subscribe in the background; give them a moment before orders are placed.
		await new Promise((resolve) => setTimeout(resolve, 2000));
	});

	for (const workflow of files.filter((candidate) => nodeOfType(candidate, '.manualTrigger') !== undefined)) {
		it(`runs ${workflow.file} and checks its items`, async () => {
			const trigger = nodeOfType(workflow, '.manualTrigger')!;
			const executionId = await rest().runManually(restIds.get(workflow.file)!, trigger.name);
			const execution = await rest().finishedExecution(executionId);
			assertRan(workflow, execution, api);
			MANUAL_CHECKS[workflow.file]((node) => itemsOf(execution, node), api);
		});
	}

	describe('TradingView alert webhook, activated and called over HTTP', () => {
		const workflow = files.find((candidate) => candidate.file === 'tradingview-alert-to-order.json')!;
		const hook = nodeOfType(workflow, '.webhook')!;
		const secret = (
			nodeOfType(workflow, '.if')!.parameters.conditions as { conditions: { rightValue: string }[] }
		).conditions[0].rightValue;
		let seen = 0;
		const alert = async (body: Record<string, unknown>): Promise<Execution> => {
			const url = `${fixture().server.baseUrl}/webhook/${String(hook.parameters.path)}`;
			const post = () =>
				fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			let response = await post();
			// n8n registers the production webhook shortly after activation returns.
			for (let attempt = 0; response.status === 404 && attempt < 40; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				response = await post();
			}
			assert.equal(response.status, 200, await response.text());
			seen++;
			const [newest] = await rest().waitForExecutions(restIds.get(workflow.file)!, seen);
			return newest;
		};

		before(() => activate(restIds.get(workflow.file)!));

		it('turns an alert with the shared secret into a market order', async () => {
			const execution = await alert({ secret, symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			assert.equal(execution.mode, 'webhook');
			assert.deepEqual(nodeErrors(execution), []);
			assert.equal(itemsOf(execution, 'Place Order')[0].status, 'placed');
		});

		it('drops an alert with a wrong secret', async () => {
			const execution = await alert({ secret: 'guess', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			assert.equal(execution.data.resultData.runData['Place Order'], undefined);
			assert.equal(itemsOf(execution, 'Ignore Alert (Wrong Secret)').length, 1);
		});

		it("refuses an alert beyond the node's safety limits", async () => {
			const execution = await alert({ secret, symbol: 'PF_SOLUSD', side: 'buy', size: 0.01 });
			assert.equal(execution.status, 'error');
			assert.match(nodeErrors(execution).join('\n'), /not in this node's allowed symbols/);
		});
	});

	const EVENT_CHECKS: Record<string, (item: Record<string, unknown>) => boolean> = {
		ticker: (item) => item.product_id === 'PF_XBTUSD',
		funding: (item) => typeof item.fundingRate === 'number',
		fills: (item) => typeof item.fill_id === 'string',
		orderUpdates: (item) => item.feed === 'open_orders' && item.snapshot === false,
		positionUpdates: (item) => item.feed === 'open_positions' && Array.isArray(item.positions),
	};
	for (const workflow of triggers) {
		const trigger = nodeOfType(workflow, '.krakenFuturesTrigger')!;
		const event = String(trigger.parameters.event);
		it(`recorded executions of ${workflow.file} from live ${event} events`, async () => {
			const executions = await rest().waitForExecutions(restIds.get(workflow.file)!, 1, 30_000);
			const sink = workflow.json.nodes.find((node) => node !== trigger)!;
			for (const execution of executions) {
				assert.equal(execution.mode, 'trigger');
				assert.deepEqual(nodeErrors(execution), []);
				const items = itemsOf(execution, trigger.name);
				assert.ok(items.length > 0);
				assert.ok(items.every(EVENT_CHECKS[event]), `${event}: ${JSON.stringify(items[0])}`);
				assert.deepEqual(itemsOf(execution, sink.name), items);
			}
		});
	}
}
