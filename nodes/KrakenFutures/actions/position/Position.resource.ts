import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { filterBySymbol, symbolFilterField } from '../common.descriptions';
import { applyLimit, readLimit, returnAllFields } from '../get-many';

const getOpenProperties: INodeProperties[] = [
	...returnAllFields('position', 'getOpen'),
	symbolFilterField('Only the position in this contract'),
];

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
		const limit = readLimit(this, itemIndex);
		const { openPositions } = await client.getOpenPositions();
		return applyLimit(filterBySymbol(this, itemIndex, openPositions as unknown as IDataObject[]), limit);
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
				name: 'Get Many',
				value: 'getOpen',
				description: 'List open positions with size, side and entry price',
				action: 'Get many open positions',
			},
		],
		default: 'getOpen',
	},
	...getOpen.description,
];
