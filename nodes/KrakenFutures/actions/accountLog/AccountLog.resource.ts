import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { KrakenValidationError, toNumber } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { AccountLogRequest } from '../../../../core/rest/types';
import { optionalEpochMs, readCollection } from '../../helpers/params';

const INFO_TYPES = [
	'futures trade',
	'futures liquidation',
	'futures assignor',
	'futures assignee',
	'futures unwind counterparty',
	'futures unwind bankrupt',
	'covered liquidation',
	'funding rate change',
	'conversion',
	'interest payment',
	'transfer',
	'cross-exchange transfer',
	'kfee applied',
	'subaccount transfer',
	'settlement',
	'admin transfer',
	'tax withheld',
	'tax refund',
];

const getManyProperties: INodeProperties[] = [
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100000 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'After',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only entries after this time (since)',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only entries before this time (before)',
			},
			{
				displayName: 'Entry Types',
				name: 'info',
				type: 'multiOptions',
				options: INFO_TYPES.map((info) => ({
					name: info.replace(/\b\w/g, (c) => c.toUpperCase()),
					value: info,
				})),
				default: [],
				description: 'Only entries of these types (info)',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
			},
		],
	},
];

export const getMany = {
	description: updateDisplayOptions(
		{ show: { resource: ['accountLog'], operation: ['getMany'] } },
		getManyProperties,
	),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const raw = this.getNodeParameter('limit', itemIndex);
		const count = toNumber(raw);
		if (count === undefined || count < 1 || !Number.isInteger(count)) {
			throw new KrakenValidationError('limit', `must be a whole number of at least 1, not "${String(raw)}"`);
		}
		const filters = readCollection(this, 'filters', itemIndex);
		const request: AccountLogRequest = { count };
		const since = optionalEpochMs(filters.since, 'since');
		const before = optionalEpochMs(filters.before, 'before');
		if (since !== undefined) request.since = since;
		if (before !== undefined) request.before = before;
		if (since !== undefined && before !== undefined && since >= before) {
			throw new KrakenValidationError('before', 'must be later than After (since)');
		}
		if (filters.sort === 'asc' || filters.sort === 'desc') request.sort = filters.sort;
		const types = Array.isArray(filters.info) ? (filters.info as string[]) : [];
		if (types.length <= 1) {
			if (types.length === 1) request.info = types[0];
			const { logs } = await client.getAccountLog(request);
			return logs as IDataObject[];
		}
		// Kraken filters by one type per request: one request per type, merged in log order.
		const pages = await Promise.all(types.map((info) => client.getAccountLog({ ...request, info })));
		const byId = new Map(pages.flatMap((page) => page.logs).map((entry) => [Number(entry.id), entry]));
		const ascending = request.sort === 'asc';
		const merged = [...byId.entries()].sort(([a], [b]) => (ascending ? a - b : b - a));
		return merged.slice(0, count).map(([, entry]) => entry) as IDataObject[];
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['accountLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Trades, funding, fees and transfers booked to your account',
				action: 'Get many account log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
