import type { INodeProperties } from 'n8n-workflow';

import * as batch from './batch.operation';
import * as cancel from './cancel.operation';
import * as cancelAll from './cancelAll.operation';
import * as deadManSwitch from './deadManSwitch.operation';
import * as edit from './edit.operation';
import * as getOpen from './getOpen.operation';
import * as getStatus from './getStatus.operation';
import * as send from './send.operation';

export { batch, cancel, cancelAll, deadManSwitch, edit, getOpen, getStatus, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Batch',
				value: 'batch',
				description: 'Send, edit and cancel several orders in one request',
				action: 'Send a batch of order instructions',
			},
			{ name: 'Cancel', value: 'cancel', description: 'Cancel one open order', action: 'Cancel an order' },
			{
				name: 'Cancel All',
				value: 'cancelAll',
				description: 'Cancel every open order, or those of one contract',
				action: 'Cancel all orders',
			},
			{
				name: "Dead Man's Switch",
				value: 'deadManSwitch',
				description: 'Cancel all orders unless this is repeated within a timeout',
				action: 'Arm or disarm the dead man switch',
			},
			{
				name: 'Edit',
				value: 'edit',
				description: 'Change the size or prices of an open order',
				action: 'Edit an order',
			},
			{
				name: 'Get Many',
				value: 'getOpen',
				description: 'List your open orders',
				action: 'Get many open orders',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Look up orders by order ID or client order ID',
				action: 'Get order status',
			},
			{ name: 'Send', value: 'send', description: 'Place a new order', action: 'Send an order' },
		],
		default: 'send',
	},
	...send.description,
	...edit.description,
	...cancel.description,
	...cancelAll.description,
	...deadManSwitch.description,
	...batch.description,
	...getOpen.description,
	...getStatus.description,
];
