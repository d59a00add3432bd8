import assert from 'node:assert/strict';

import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import type { N8nFixture } from './support/fixture';
import { itemsOf, nodeErrors } from './support/rest';

/** The node types n8n serves to its editor, including the AI-tool copies it makes of `usableAsTool` nodes. */
export function describeNodeTypes(fixture: () => N8nFixture): void {
	it('lists the action node, its AI-tool variant, the trigger and the credential', async () => {
		const { server, packageName } = fixture();
		const nodes = (await (await fetch(`${server.baseUrl}/types/nodes.json`)).json()) as {
			name: string;
			outputs?: unknown;
			subtitle?: string;
		}[];
		const ours = new Map(
			nodes.filter((node) => node.name.startsWith(`${packageName}.`)).map((node) => [node.name, node]),
		);
		assert.deepEqual(
			[...ours.keys()].sort(),
			['krakenFutures', 'krakenFuturesTool', 'krakenFuturesTrigger'].map((name) => `${packageName}.${name}`),
		);
		assert.deepEqual(ours.get(`${packageName}.krakenFuturesTool`)?.outputs, ['ai_tool']);
		const credentials = (await (await fetch(`${server.baseUrl}/types/credentials.json`)).json()) as {
			name: string;
		}[];
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
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful' });
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
 * on a tool) by swapping the agent for its tool executor, which calls the tool with the arguments
 * the model would have chosen: here given directly, since no language model runs offline.
 */
export function describeAiTool(fixture: () => N8nFixture): void {
	it('answers a tool call: $fromAI arguments in, Kraken data out', async () => {
		const { rest, packageName } = fixture();
		const credential = await rest.createCredential('Kraken Futures (tool)', { environment: 'paper' });
		const tool = {
			id: 'tool',
			name: 'Kraken Futures Tool',
			type: `${packageName}.krakenFuturesTool`,
			typeVersion: 1,
			position: [200, 200],
			parameters: {
				resource: 'market',
				operation: 'getTickers',
				symbol: "={{ $fromAI('symbol', 'The contract, e.g. PF_XBTUSD', 'string') }}",
			},
			credentials: { krakenFuturesApi: { id: credential.id, name: 'Kraken Futures (tool)' } },
		};
		const workflow = await rest.createWorkflow({
			name: 'Kraken Futures as an agent tool',
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
					parameters: { promptType: 'define', text: 'What is the ETH perpetual trading at?' },
				},
				tool,
			],
			connections: {
				Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'Kraken Futures Tool': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		const result = await rest.request<{ executionId?: string }>('POST', `/workflows/${workflow.id}/run`, {
			destinationNode: { nodeName: tool.name, mode: 'inclusive' },
			agentRequest: { query: { symbol: 'PF_ETHUSD' }, tool: { name: 'kraken_futures_tool' } },
		});
		const execution = await rest.finishedExecution(result.executionId!);
		assert.deepEqual(nodeErrors(execution), []);
		const toolRun = execution.data.resultData.runData[tool.name]?.[0];
		assert.ok(toolRun, 'the tool ran');
		const output = JSON.stringify(toolRun.data ?? itemsOf(execution, tool.name));
		assert.match(output, /PF_ETHUSD/);
		assert.ok(!/PF_XBTUSD/.test(output), 'only the contract the tool call asked for');
	});
}
