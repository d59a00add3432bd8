import type { IDataObject, INode, INodeParameters, IRun } from 'n8n-workflow';

import { nodeError, nodeOutput, type CredentialData, type Engine } from './engine';
import { NODE_NAME, singleNodeWorkflow } from './workflow';

export interface OperationRun {
	run: IRun;
	items: IDataObject[];
	pairedItems: unknown[];
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
}

/** Runs Manual Trigger → Kraken Futures with the given parameters in the real engine. */
export async function runOperation(
	engine: Engine,
	credentials: CredentialData,
	parameters: INodeParameters,
	options: { settings?: Partial<INode>; startItems?: IDataObject[] } = {},
): Promise<OperationRun> {
	const run = await engine.run(singleNodeWorkflow(parameters, options.settings), credentials, {
		startItems: options.startItems,
	});
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		items: nodeOutput(run, NODE_NAME),
		pairedItems: (task?.data?.main?.[0] ?? []).map((item) => item.pairedItem),
		error: nodeError(run, NODE_NAME) as OperationRun['error'],
	};
}

/** Like runOperation, but fails the test with the node's own error message if the node failed. */
export async function runOk(
	engine: Engine,
	credentials: CredentialData,
	parameters: INodeParameters,
	options: { settings?: Partial<INode>; startItems?: IDataObject[] } = {},
): Promise<IDataObject[]> {
	const result = await runOperation(engine, credentials, parameters, options);
	if (result.error)
		throw new Error(`the node failed: ${result.error.message} ${result.error.description ?? ''}`);
	return result.items;
}
