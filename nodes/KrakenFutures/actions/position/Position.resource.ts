import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { readCollection } from '../../helpers/params';

const getOpenProperties: INodeProperties[] = [
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
				description: 'Only the position in this contract',
			},
		],
	},
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
		const symbol = String(readCollection(this, 'filters', itemIndex).symbol ?? '')
			.trim()
			.toUpperCase();
		const { openPositions } = await client.getOpenPositions();
		const positions = openPositions as unknown as IDataObject[];
		return symbol === ''
			? positions
			: positions.filter((position) => String(position.symbol).toUpperCase() === symbol);
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
