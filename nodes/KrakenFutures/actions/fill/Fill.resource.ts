import { collectByTime, timePagingNote } from '../../helpers/time-listing';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { optionalIsoTime, readCollection } from '../../helpers/params';
import { readLimit, returnAllFields } from '../get-many';
import { legacyOnlyNote } from '../../../../core';

const getManyProperties: INodeProperties[] = [
	...returnAllFields('fill', 'getMany'),
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
				description: `Only fills before this time (lastFillTime). ${legacyOnlyNote('fillsBefore')} Leave it empty to start from the newest fill. ${timePagingNote('fills')}`,
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
		return await collectByTime({
			node: this.getNode(),
			itemIndex,
			what: 'fills',
			start: lastFillTime,
			fetch: async (before) =>
				(await client.getFills(before === undefined ? {} : { lastFillTime: before }))
					.fills as unknown as IDataObject[],
			timeOf: (fill) => fill.fillTime,
			keyOf: (fill) => String(fill.fill_id),
			keep: (fill) => symbol === '' || String(fill.symbol).toUpperCase() === symbol,
			limit: readLimit(this, itemIndex),
		});
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
				description: 'List your fills, newest first',
				action: 'Get many fills',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
