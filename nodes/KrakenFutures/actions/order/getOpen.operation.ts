import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { readCollection } from '../../helpers/params';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'PF_XBTUSD',
				description: 'Only the open orders of this contract',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getOpen'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject[]> {
	const symbol = String(readCollection(this, 'filters', itemIndex).symbol ?? '')
		.trim()
		.toUpperCase();
	const { openOrders } = await client.getOpenOrders();
	const orders = openOrders as unknown as IDataObject[];
	return symbol === '' ? orders : orders.filter((order) => String(order.symbol).toUpperCase() === symbol);
}
