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
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'PF_XBTUSD',
				description:
					'Cancel only the orders of this contract (symbol). Without it every open order is cancelled.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancelAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject> {
	const symbol = String(readCollection(this, 'options', itemIndex).symbol ?? '').trim();
	const result = await client.cancelAllOrders(symbol === '' ? {} : { symbol });
	return { ...result.cancelStatus };
}
