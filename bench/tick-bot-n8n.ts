import { ExecutionLifecycleHooks, TriggerContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type INode,
	type INodeExecutionData,
	type ITriggerFunctions,
} from 'n8n-workflow';
import { loadEngine, type Engine } from '../test/n8n/support/engine';
import { PACKAGE } from '../test/n8n/support/workflow';
import { ifNode } from './n8n-if-node';
import { widenDefaultBudget, waitForSubscription } from './tick-bots-hosts';
import { ORDER, QUALIFYING_BELOW, SYMBOL, type TickBotFactory } from './tick-driver';

const CREDENTIAL = { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } };

/** Kraken Futures Trigger (ticker) → If (last below the threshold) → Kraken Futures (Order → Send). */
function tickWorkflow(): { nodes: INode[]; trigger: INode } {
	const trigger: INode = {
		id: 'trigger',
		name: 'Ticker',
		type: `${PACKAGE}.krakenFuturesTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { event: 'ticker', symbols: [SYMBOL], throttleMs: 0 },
		credentials: CREDENTIAL,
	};
	const condition: INode = {
		id: 'if',
		name: 'Below Threshold?',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [200, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: 'c1',
						leftValue: '={{ $json.last }}',
						rightValue: QUALIFYING_BELOW,
						operator: { type: 'number', operation: 'lt' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
	const order: INode = {
		id: 'order',
		name: 'Place Order',
		type: `${PACKAGE}.krakenFutures`,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			resource: 'order',
			operation: 'send',
			symbol: ORDER.symbol,
			side: ORDER.side,
			orderType: ORDER.orderType,
			size: ORDER.size,
			limitPrice: ORDER.limitPrice,
			options: { cliOrdId: '={{ "tick-" + $json.time }}' },
		},
		credentials: CREDENTIAL,
	};
	return { nodes: [trigger, condition, order], trigger };
}

let engine: Promise<Engine> | undefined;

/**
 * The workflow active in n8n's in-process engine: the trigger runs in a TriggerContext, and every
 * emit starts an execution of the workflow from the trigger's output, as n8n does for an active
 * workflow.
 */
export const n8nBot: TickBotFactory = async (server) => {
	engine ??= loadEngine({ [ifNode.description.name]: ifNode });
	const { nodeTypes, additionalData, nodeType } = await engine;
	widenDefaultBudget(server.apiKey);
	const credentials = {
		environment: 'custom',
		restUrl: server.restUrl,
		wsUrl: server.wsUrl,
		apiKey: server.apiKey,
		apiSecret: server.apiSecret,
		useNonce: false,
	};
	const { nodes, trigger } = tickWorkflow();
	const connections = {
		Ticker: { main: [[{ node: 'Below Threshold?', type: 'main' as const, index: 0 }]] },
		'Below Threshold?': { main: [[{ node: 'Place Order', type: 'main' as const, index: 0 }], []] },
	};
	const workflowData = { id: 'bench', name: 'tick to order', nodes, connections, active: true, settings: {} };
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
	const execute = (data: INodeExecutionData[][]): void => {
		const hooks = new ExecutionLifecycleHooks('trigger', 'bench', workflowData as never);
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: trigger, data: { main: data }, source: null }] },
			resultData: { runData: {} },
		} as never);
		const run = new WorkflowExecute({ ...additionalData(credentials), hooks } as never, 'trigger', runData);
		run.processRunExecutionData(workflow).catch(() => undefined);
	};
	const emit: ITriggerFunctions['emit'] = (data) => execute(data);
	const emitError: ITriggerFunctions['emitError'] = () => undefined;
	const context = new TriggerContext(
		workflow,
		trigger,
		additionalData(credentials),
		'trigger',
		'activate',
		emit,
		emitError,
	);
	const response = (await nodeType('krakenFuturesTrigger').trigger?.call(context)) ?? {};
	return {
		ready: waitForSubscription(server),
		stop: async () => {
			await response.closeFunction?.();
		},
	};
};

export async function closeN8nEngine(): Promise<void> {
	const loaded = engine;
	engine = undefined;
	if (loaded !== undefined) (await loaded).close();
}
