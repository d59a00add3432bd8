import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as accountLog from './accountLog/AccountLog.resource';
import * as fill from './fill/Fill.resource';
import * as market from './market/Market.resource';
import * as order from './order/Order.resource';
import * as position from './position/Position.resource';

export const versionDescription: INodeTypeDescription = {
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
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Account', value: 'account' },
				{ name: 'Account Log', value: 'accountLog' },
				{ name: 'Fill', value: 'fill' },
				{ name: 'Market', value: 'market' },
				{ name: 'Order', value: 'order' },
				{ name: 'Position', value: 'position' },
			],
			default: 'order',
		},
		...order.description,
		...position.description,
		...account.description,
		...fill.description,
		...market.description,
		...accountLog.description,
	],
};
