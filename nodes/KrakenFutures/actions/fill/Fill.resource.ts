import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { optionalIsoTime, readCollection } from '../../helpers/params';

const getManyProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Before',
				name: 'lastFillTime',
				type: 'dateTime',
				default: '',
				description: 'Return the 100 fills before this time (lastFillTime) instead of the newest 100',
			},
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'PF_XBTUSD',
				description: 'Only the fills in this contract',
			},
		],
	},
];

export const getMany = {
	description: updateDisplayOptions(
		{ show: { resource: ['fill'], operation: ['getMany'] } },
		getManyProperties,
	),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const options = readCollection(this, 'options', itemIndex);
		const lastFillTime = optionalIsoTime(options.lastFillTime, 'lastFillTime');
		const symbol = String(options.symbol ?? '')
			.trim()
			.toUpperCase();
		const { fills } = await client.getFills(lastFillTime === undefined ? {} : { lastFillTime });
		const list = fills as unknown as IDataObject[];
		return symbol === '' ? list : list.filter((fill) => String(fill.symbol).toUpperCase() === symbol);
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fill'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List your fills, newest first (100 per call)',
				action: 'Get many fills',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
