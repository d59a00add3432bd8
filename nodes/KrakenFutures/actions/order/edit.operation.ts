import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkOrderGuards, KrakenValidationError } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { EditOrderRequest } from '../../../../core/rest/types';
import { readGuards } from '../../helpers/guards';
import { optionalIsoTime, optionalPositive, readCollection } from '../../helpers/params';
import { guardsField } from '../common.descriptions';
import { identifyOrderFields, readOrderReference } from './identify';

const properties: INodeProperties[] = [
	...identifyOrderFields,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Limit Price',
				name: 'limitPrice',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'New limit price (limitPrice)',
			},
			{
				displayName: 'Process Before',
				name: 'processBefore',
				type: 'dateTime',
				default: '',
				description: 'Kraken rejects the edit if it would be processed after this time (processBefore)',
			},
			{
				displayName: 'Quantity Mode',
				name: 'qtyMode',
				type: 'options',
				options: [
					{ name: 'Relative (Open Size)', value: 'RELATIVE', description: 'Size sets the size still open' },
					{
						name: 'Absolute (Total Size)',
						value: 'ABSOLUTE',
						description: 'Size sets the total size including past fills',
					},
				],
				default: 'RELATIVE',
				description: 'How the new size is read (qtyMode)',
			},
			{
				displayName: 'Size',
				name: 'size',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'New size (size)',
			},
			{
				displayName: 'Stop Price',
				name: 'stopPrice',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'New trigger price of a stop or take-profit order (stopPrice)',
			},
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'PF_XBTUSD',
				description:
					"The order's contract. Not sent; when given, the new price and size are checked against its tick size and size step, and against the allowed symbols.",
			},
			{
				displayName: 'Trailing Stop Deviation Unit',
				name: 'trailingStopDeviationUnit',
				type: 'options',
				options: [
					{ name: 'Percent', value: 'PERCENT' },
					{ name: 'Quote Currency', value: 'QUOTE_CURRENCY' },
				],
				default: 'PERCENT',
				description: 'Unit of the new maximum deviation (trailingStopDeviationUnit)',
			},
			{
				displayName: 'Trailing Stop Max Deviation',
				name: 'trailingStopMaxDeviation',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'New maximum deviation of a trailing stop (trailingStopMaxDeviation)',
			},
		],
	},
	guardsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['edit'] } },
	properties,
);

const nonZero = (value: unknown): unknown => (value === 0 ? undefined : value);

export function buildEditOrder(
	reference: { orderId: string } | { cliOrdId: string },
	fields: IDataObject,
	prefix = '',
): EditOrderRequest {
	const at = (field: string): string => `${prefix}${field}`;
	const request: EditOrderRequest = { ...reference };
	const size = optionalPositive(nonZero(fields.size), at('size'));
	const limitPrice = optionalPositive(nonZero(fields.limitPrice), at('limitPrice'));
	const stopPrice = optionalPositive(nonZero(fields.stopPrice), at('stopPrice'));
	const deviation = optionalPositive(
		nonZero(fields.trailingStopMaxDeviation),
		at('trailingStopMaxDeviation'),
	);
	if (size !== undefined) request.size = size;
	if (limitPrice !== undefined) request.limitPrice = limitPrice;
	if (stopPrice !== undefined) request.stopPrice = stopPrice;
	if (deviation !== undefined) {
		request.trailingStopMaxDeviation = deviation;
		request.trailingStopDeviationUnit =
			fields.trailingStopDeviationUnit === 'QUOTE_CURRENCY' ? 'QUOTE_CURRENCY' : 'PERCENT';
	}
	if (size === undefined && limitPrice === undefined && stopPrice === undefined && deviation === undefined) {
		throw new KrakenValidationError(
			at('updateFields'),
			'add at least one of size, limitPrice, stopPrice or trailingStopMaxDeviation',
		);
	}
	if (fields.qtyMode === 'ABSOLUTE' || fields.qtyMode === 'RELATIVE') {
		if (size === undefined)
			throw new KrakenValidationError(at('qtyMode'), 'only applies together with a new size');
		request.qtyMode = fields.qtyMode;
	}
	const processBefore = optionalIsoTime(fields.processBefore, at('processBefore'));
	if (processBefore !== undefined) request.processBefore = processBefore;
	if (typeof fields.symbol === 'string' && fields.symbol.trim() !== '') request.symbol = fields.symbol.trim();
	return request;
}

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject> {
	const request = buildEditOrder(
		readOrderReference(this, itemIndex),
		readCollection(this, 'updateFields', itemIndex),
	);
	const guards = readGuards(this, itemIndex);
	if (guards.allowedSymbols !== undefined || guards.maxNotional !== undefined) {
		if (request.symbol === undefined) {
			throw new KrakenValidationError(
				'symbol',
				'is required to check this edit against the allowed symbols and maximum notional',
			);
		}
	}
	if (request.size !== undefined || request.symbol !== undefined) {
		// An edit cannot change reduceOnly, so that limit has nothing to check here.
		const limits = { ...guards, reduceOnly: undefined };
		checkOrderGuards(
			{
				symbol: request.symbol ?? '',
				size: request.size ?? 0,
				limitPrice: request.limitPrice,
				stopPrice: request.stopPrice,
			},
			request.size === undefined ? { allowedSymbols: limits.allowedSymbols } : limits,
		);
	}
	const result = await client.editOrder(request);
	return { ...result.editStatus };
}
