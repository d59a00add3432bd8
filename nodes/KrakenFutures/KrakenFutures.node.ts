import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { getSymbols } from './methods/loadOptions';

export class KrakenFutures implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { loadOptions: { getSymbols } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
