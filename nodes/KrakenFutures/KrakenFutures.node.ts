import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { nodeProperties } from './actions/description';
import { router } from './actions/router';
import { getSymbols, getSymbolsOrAll } from './methods/loadOptions';

export class KrakenFutures implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kraken Futures',
		name: 'krakenFutures',
		icon: { light: 'file:../../icons/kraken.svg', dark: 'file:../../icons/kraken.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Trade Kraken Futures: orders, positions, balances, fills and market data',
		defaults: { name: 'Kraken Futures' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krakenFuturesApi', required: true }],
		properties: nodeProperties,
	};

	methods = { loadOptions: { getSymbols, getSymbolsOrAll } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
