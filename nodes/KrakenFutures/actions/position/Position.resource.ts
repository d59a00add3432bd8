import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { filterBySymbol, symbolFilterField } from '../common.descriptions';

const getOpenProperties: INodeProperties[] = [symbolFilterField('Only the position in this contract')];

export const getOpen = {
	description: updateDisplayOptions(
		{ show: { resource: ['position'], operation: ['getOpen'] } },
		getOpenProperties,
	),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const { openPositions } = await client.getOpenPositions();
		return filterBySymbol(this, itemIndex, openPositions as unknown as IDataObject[]);
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['position'] } },
		options: [
			{
				name: 'Get Open',
				value: 'getOpen',
				description: 'List open positions with size, side and entry price',
				action: 'Get open positions',
			},
		],
		default: 'getOpen',
	},
	...getOpen.description,
];
