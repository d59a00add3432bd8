import type { INodeProperties } from 'n8n-workflow';

import { markLegacyOnly } from '../helpers/legacy-only';
import * as account from './account/Account.resource';
import * as accountLog from './accountLog/AccountLog.resource';
import * as fill from './fill/Fill.resource';
import * as market from './market/Market.resource';
import * as order from './order/Order.resource';
import * as position from './position/Position.resource';

/**
 * Every parameter of the node: the resource choice, then each resource's operations (those that need
 * the Legacy API say so) and fields.
 */
export const nodeProperties: INodeProperties[] = markLegacyOnly([
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
]);
