import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createRestClient, hintLegacySwitchOff, type ConnectedClient } from '../transport/client';
import { errorItemJson, toNodeError } from '../transport/errors';
import type { OperationExecute } from '../helpers/interfaces';
import * as account from './account/Account.resource';
import * as accountLog from './accountLog/AccountLog.resource';
import * as fill from './fill/Fill.resource';
import * as market from './market/Market.resource';
import * as order from './order/Order.resource';
import * as position from './position/Position.resource';

const RESOURCES: Record<string, Record<string, unknown>> = {
	account,
	accountLog,
	fill,
	market,
	order,
	position,
};

function findOperation(resource: string, operation: string): OperationExecute | undefined {
	// Own keys only: a name such as "constructor" must not reach Object.prototype.
	const operations = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
	const candidate = (
		operations !== undefined && Object.hasOwn(operations, operation) ? operations[operation] : undefined
	) as { execute?: OperationExecute } | undefined;
	return typeof candidate?.execute === 'function' ? candidate.execute : undefined;
}

/**
 * Runs the chosen operation once per input item. Every output item is paired with its input;
 * a failed item either stops the run with an n8n error or, with "Continue On Fail", becomes an
 * error item carrying Kraken's code and error string.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = findOperation(resource, operation);
	if (execute === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	const output: INodeExecutionData[] = [];
	let connected: ConnectedClient | undefined;
	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (connected === undefined) {
					connected = await createRestClient(this);
					hintLegacySwitchOff(this, connected.target);
				}
				const result = await execute.call(this, connected.client, itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) {
					output.push({ json, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
					continue;
				}
				throw toNodeError(this.getNode(), error, itemIndex);
			}
		}
	} finally {
		await connected?.close();
	}
	return [output];
}
