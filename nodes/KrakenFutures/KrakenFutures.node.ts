import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { nodeProperties } from './actions/description';
import { router } from './actions/router';
import { krakenFuturesApiTest } from './methods/credentialTest';
import { getSymbols, getSymbolsOrAll } from './methods/loadOptions';
import { transportNotice } from './helpers/api-choice.properties';

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
		credentials: [{ name: 'krakenFuturesApi', required: true, testedBy: 'krakenFuturesApiTest' }],
		properties: [transportNotice, ...nodeProperties],
	};

	methods = { loadOptions: { getSymbols, getSymbolsOrAll }, credentialTest: { krakenFuturesApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
