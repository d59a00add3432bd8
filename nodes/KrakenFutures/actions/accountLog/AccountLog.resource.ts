import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { KrakenValidationError } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { AccountLogRequest } from '../../../../core/rest/types';
import { optionalEpochMs, readCollection } from '../../helpers/params';
import { applyLimit, collectPages, readLimit, returnAllFields } from '../get-many';

// Kraken's default page size; the documentation names no maximum.
const PAGE_SIZE = 500;

/** Pages through the log (entry ids count up from 1; `from`/`to` are inclusive) up to `limit` entries. */
async function pageAccountLog(
	client: KrakenFuturesTradingApi,
	request: AccountLogRequest,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const ascending = request.sort === 'asc';
	return await collectPages<number>(
		async (nextId) => {
			const page: AccountLogRequest = { ...request };
			if (nextId !== undefined) page[ascending ? 'from' : 'to'] = nextId;
			const { logs } = await client.getAccountLog(page);
			const lastId = Number(logs[logs.length - 1]?.id);
			const next = Number.isFinite(lastId) ? lastId + (ascending ? 1 : -1) : undefined;
			return { rows: logs as IDataObject[], next: next !== undefined && next >= 1 ? next : undefined };
		},
		(entry) => String(entry.id),
		() => true,
		limit,
	);
}

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
	...returnAllFields('accountLog', 'getMany'),
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
		const limit = readLimit(this, itemIndex);
		const filters = readCollection(this, 'filters', itemIndex);
		const request: AccountLogRequest = { count: Math.min(limit ?? PAGE_SIZE, PAGE_SIZE) };
		const since = optionalEpochMs(filters.since, 'since');
		const before = optionalEpochMs(filters.before, 'before');
		if (since !== undefined) request.since = since;
		if (before !== undefined) request.before = before;
		if (since !== undefined && before !== undefined && since >= before) {
			throw new KrakenValidationError('before', 'must be later than After (since)');
		}
		if (filters.sort === 'asc' || filters.sort === 'desc') request.sort = filters.sort;
		const ascending = request.sort === 'asc';
		const types = Array.isArray(filters.info) ? (filters.info as string[]) : [];
		// Kraken filters by one type per request: each type is paged on its own, then merged in log order.
		const streams = await Promise.all(
			(types.length === 0 ? [undefined] : types).map((info) =>
				pageAccountLog(client, info === undefined ? request : { ...request, info }, limit),
			),
		);
		const byId = new Map(streams.flat().map((entry) => [Number(entry.id), entry]));
		const merged = [...byId.entries()].sort(([a], [b]) => (ascending ? a - b : b - a));
		return applyLimit(
			merged.map(([, entry]) => entry),
			limit,
		);
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
