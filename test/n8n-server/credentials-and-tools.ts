import assert from 'node:assert/strict';

import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import type { N8nFixture } from './support/fixture';

/** The node types n8n serves to its editor, including the AI-tool copies it makes of `usableAsTool` nodes. */
export function describeNodeTypes(fixture: () => N8nFixture): void {
	it('lists the action node, its AI-tool variant, the trigger and the credential', async () => {
		const { rest, packageName } = fixture();
		const nodes = await rest.editorFile<{ name: string; outputs?: unknown }[]>('/types/nodes.json');
		const ours = new Map(
			nodes.filter((node) => node.name.startsWith(`${packageName}.`)).map((node) => [node.name, node]),
		);
		assert.deepEqual(
			[...ours.keys()].sort(),
			['krakenFutures', 'krakenFuturesTool', 'krakenFuturesTrigger'].map((name) => `${packageName}.${name}`),
		);
		assert.deepEqual(ours.get(`${packageName}.krakenFuturesTool`)?.outputs, ['ai_tool']);
		const credentials = await rest.editorFile<{ name: string }[]>('/types/credentials.json');
		assert.ok(credentials.some((credential) => credential.name === 'krakenFuturesApi'));
	});
}

/** n8n's own CredentialsTester, through the endpoint behind the credential dialog's Test button. */
export function describeCredentialTest(fixture: () => N8nFixture): void {
	let paper: PaperExchangeServer;
	const custom = (apiSecret: string) => ({
		environment: 'custom',
		restUrl: paper.restUrl,
		wsUrl: paper.wsUrl,
		apiKey: paper.apiKey,
		apiSecret,
	});

	before(async () => {
		paper = await startPaperExchange({ port: 0 });
	});
	after(() => paper.stop());

	it('passes for a saved credential on the bundled paper exchange', async () => {
		const saved = await fixture().rest.createCredential('Kraken Futures (paper, tested)', {
			environment: 'paper',
		});
		const result = await fixture().rest.testCredential({
			id: saved.id,
			name: 'Kraken Futures (paper, tested)',
			data: { environment: 'paper' },
		});
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
	});

	it('passes for the right key pair on a custom paper exchange', async () => {
		const result = await fixture().rest.testCredential({ name: 'custom', data: custom(paper.apiSecret) });
		assert.equal(result.status, 'OK', result.message);
	});

	it('fails with a readable message for a wrong secret, and the secret is not in it', async () => {
		const wrongSecret = Buffer.from('not the secret of this key').toString('base64');
		const result = await fixture().rest.testCredential({ name: 'custom', data: custom(wrongSecret) });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /authentication|key|secret/i);
		assert.ok(!result.message.includes(wrongSecret));
	});
}

/**
 * The action node as an AI-agent tool. n8n runs a tool node on its own (the editor's "Execute step"
 * on a tool) by swapping the agent for its tool executor, which calls the tool with the arguments a
 * model would have chosen. No language model runs offline here, so the arguments are given directly.
 */
export function describeAiTool(fixture: () => N8nFixture): void {
	const TOOL = 'Kraken Futures Tool';
	let credentialId: string;

	/** Manual Trigger → AI Agent ← Kraken Futures Tool; calls the tool with `args`; returns its output. */
	async function callTool(
		parameters: Record<string, unknown>,
		args: Record<string, unknown>,
	): Promise<string> {
		const { rest, packageName } = fixture();
		const workflow = await rest.createWorkflow({
			name: `Kraken Futures as an agent tool (${String(parameters.operation)})`,
			nodes: [
				{
					id: 'start',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'agent',
					name: 'AI Agent',
					type: '@n8n/n8n-nodes-langchain.agent',
					typeVersion: 2,
					position: [200, 0],
					parameters: { promptType: 'define', text: 'Trade as asked.' },
				},
				{
					id: 'tool',
					name: TOOL,
					type: `${packageName}.krakenFuturesTool`,
					typeVersion: 1,
					position: [200, 200],
					parameters,
					credentials: { krakenFuturesApi: { id: credentialId, name: 'Kraken Futures (tool)' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				[TOOL]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		const { executionId } = await rest.request<{ executionId: string }>(
			'POST',
			`/workflows/${workflow.id}/run`,
			{
				destinationNode: { nodeName: TOOL, mode: 'inclusive' },
				// The tool executor reads the arguments under the tool's name (spaces become underscores).
				agentRequest: { query: { [TOOL.replaceAll(' ', '_')]: args } },
			},
		);
		const execution = await rest.finishedExecution(executionId);
		const toolRun = execution.data.resultData.runData[TOOL]?.[0];
		assert.ok(toolRun, `the tool ran: ${JSON.stringify(execution.data.resultData.runData)}`);
		assert.deepEqual(toolRun.inputOverride?.ai_tool?.[0]?.[0]?.json, args);
		// A failed tool call is handed back to the agent as its error, for the model to read.
		return JSON.stringify({ output: toolRun.error ? null : toolRun.data, error: toolRun.error?.message });
	}

	before(async () => {
		credentialId = (await fixture().rest.createCredential('Kraken Futures (tool)', { environment: 'paper' }))
			.id;
	});

	it('answers a tool call: $fromAI arguments in, Kraken data out', async () => {
		const output = await callTool(
			{
				resource: 'market',
				operation: 'getTickers',
				symbol: "={{ $fromAI('symbol', 'The contract, e.g. PF_XBTUSD', 'string') }}",
			},
			{ symbol: 'PF_ETHUSD' },
		);
		assert.match(output, /"symbol":"PF_ETHUSD"/);
		assert.doesNotMatch(output, /PF_XBTUSD/, 'only the contract the call asked for');
	});

	it("keeps an agent inside the node's safety limits: an order outside them is refused", async () => {
		const order = {
			resource: 'order',
			operation: 'send',
			symbol: "={{ $fromAI('symbol', 'The contract', 'string') }}",
			side: 'buy',
			orderType: 'mkt',
			size: "={{ $fromAI('size', 'Order size', 'number') }}",
			guards: { allowedSymbols: 'PF_XBTUSD', maxSize: 0.01 },
		};
		assert.match(await callTool(order, { symbol: 'PF_XBTUSD', size: 0.001 }), /"status":"placed"/);
		const refused = await callTool(order, { symbol: 'PF_SOLUSD', size: 0.001 });
		assert.match(refused, /"error":"[^"]*not in this node's allowed symbols/);
		assert.doesNotMatch(refused, /"status":"placed"/);
	});
}
