import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowSpec } from './engine';

export const PACKAGE = '@perpflow/n8n-nodes-kraken-futures';
export const NODE_NAME = 'Kraken Futures';

/** Manual Trigger → Kraken Futures, the smallest workflow that runs one operation. */
export function singleNodeWorkflow(parameters: INodeParameters, settings: Partial<INode> = {}): WorkflowSpec {
	const trigger: INode = {
		id: 't',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'k',
		name: NODE_NAME,
		type: `${PACKAGE}.krakenFutures`,
		typeVersion: 1,
		position: [200, 0],
		parameters,
		credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
		...settings,
	};
	return {
		nodes: [trigger, node],
		connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	};
}
