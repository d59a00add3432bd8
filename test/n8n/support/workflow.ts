import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowSpec } from './engine';

export const PACKAGE = '@perpflow/n8n-nodes-kraken-futures';
export const NODE_NAME = 'Kraken Futures';

/**
 * The smallest workflow that runs one operation: the Kraken Futures node alone, started with the
 * run's input items (what a Manual Trigger in front of it would pass on).
 */
export function singleNodeWorkflow(parameters: INodeParameters, settings: Partial<INode> = {}): WorkflowSpec {
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
	return { nodes: [node], connections: {} };
}
