import { randomUUID } from 'node:crypto';

import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { enforceGuards, readGuards } from '../../helpers/guards';
import { buildSendOrder } from '../../helpers/order-request';
import { readCollection } from '../../helpers/params';
import { guardsField, symbolField } from '../common.descriptions';

const TRIGGERED = ['stp', 'take_profit', 'trailing_stop'];

const properties: INodeProperties[] = [
	symbolField,
	{
		displayName: 'Side',
		name: 'side',
		type: 'options',
		options: [
			{ name: 'Buy', value: 'buy' },
			{ name: 'Sell', value: 'sell' },
		],
		default: 'buy',
		description: 'Buy opens or adds to a long (or reduces a short); sell the opposite',
	},
	{
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: [
			{
				name: 'Fill or Kill',
				value: 'fok',
				description: 'Fills completely at once at the limit price or better, or is cancelled (orderType fok)',
			},
			{
				name: 'Immediate or Cancel',
				value: 'ioc',
				description:
					'Fills what it can at once at the limit price or better; the rest is cancelled (orderType ioc)',
			},
			{
				name: 'Limit',
				value: 'lmt',
				description: 'Rests in the book at the limit price until filled or cancelled (orderType lmt)',
			},
			{
				name: 'Market',
				value: 'mkt',
				description: 'Fills at once against the book, with 1% price protection (orderType mkt)',
			},
			{
				name: 'Post-Only Limit',
				value: 'post',
				description: 'A limit order that is rejected if it would fill at once (maker only) (orderType post)',
			},
			{
				name: 'Stop',
				value: 'stp',
				description:
					'Sends a market or limit order when the trigger price is crossed against you (orderType stp)',
			},
			{
				name: 'Take Profit',
				value: 'take_profit',
				description:
					'Sends a market or limit order when the trigger price is reached in your favour (orderType take_profit)',
			},
			{
				name: 'Trailing Stop',
				value: 'trailing_stop',
				description:
					'A stop whose trigger price follows the market at a set distance (orderType trailing_stop)',
			},
		],
		default: 'lmt',
		description: "Kraken's order type (orderType)",
	},
	{
		displayName: 'Size',
		name: 'size',
		// Text, so the field shows exactly what was typed and n8n flags it while it is empty.
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.01',
		description:
			'Order size (size): coins for linear PF_/FF_ contracts, number of 1 USD contracts for inverse PI_/FI_ contracts',
	},
	{
		displayName: 'Limit Price',
		name: 'limitPrice',
		type: 'string',
		required: true,
		default: '',
		placeholder: '30000',
		description:
			'Worst price the order may fill at (limitPrice); must be a multiple of the contract tick size',
		displayOptions: { show: { orderType: ['lmt', 'post', 'ioc', 'fok'] } },
	},
	{
		displayName: 'Stop Price',
		name: 'stopPrice',
		type: 'string',
		required: true,
		default: '',
		placeholder: '29000',
		description: 'Trigger price (stopPrice); the trigger signal decides which price is compared with it',
		displayOptions: { show: { orderType: ['stp', 'take_profit'] } },
	},
	{
		displayName: 'Trailing Stop Max Deviation',
		name: 'trailingStopMaxDeviation',
		type: 'number',
		typeOptions: { minValue: 0 },
		required: true,
		default: 1,
		description:
			'How far the trigger price trails the best price (trailingStopMaxDeviation): 0.1 to 50 for percent, or an amount in the quote currency',
		displayOptions: { show: { orderType: ['trailing_stop'] } },
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
		description: 'Unit of the maximum deviation (trailingStopDeviationUnit)',
		displayOptions: { show: { orderType: ['trailing_stop'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Client Order ID',
				name: 'cliOrdId',
				type: 'string',
				default: '',
				description:
					'Your own unique ID for the order (cliOrdId, up to 100 characters). One is generated when empty, so a timed-out order can be found again instead of being sent twice.',
			},
			{
				displayName: 'Limit Price After Trigger',
				name: 'limitPrice',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Worst fill price of the order sent when the trigger fires (limitPrice). Leave 0 to send a market order.',
				displayOptions: { show: { '/orderType': ['stp', 'take_profit'] } },
			},
			{
				displayName: 'Limit Price Offset Unit',
				name: 'limitPriceOffsetUnit',
				type: 'options',
				options: [
					{ name: 'Percent', value: 'PERCENT' },
					{ name: 'Quote Currency', value: 'QUOTE_CURRENCY' },
				],
				default: 'QUOTE_CURRENCY',
				description: 'Unit of the limit price offset (limitPriceOffsetUnit)',
				displayOptions: { show: { '/orderType': TRIGGERED } },
			},
			{
				displayName: 'Limit Price Offset Value',
				name: 'limitPriceOffsetValue',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Sets the limit price relative to the trigger price instead of absolutely (limitPriceOffsetValue). Cannot be combined with a limit price.',
				displayOptions: { show: { '/orderType': TRIGGERED } },
			},
			{
				displayName: 'Process Before',
				name: 'processBefore',
				type: 'dateTime',
				default: '',
				description:
					'Kraken rejects the order if it would be processed after this time (processBefore), e.g. a few seconds after a signal',
			},
			{
				displayName: 'Reduce Only',
				name: 'reduceOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether the order may only reduce an open position (reduceOnly), never open or increase one',
			},
			{
				displayName: 'Trigger Signal',
				name: 'triggerSignal',
				type: 'options',
				options: [
					{ name: 'Index Price', value: 'index' },
					{ name: 'Last Traded Price', value: 'last' },
					{ name: 'Mark Price', value: 'mark' },
				],
				default: 'mark',
				description: 'Which price fires the trigger (triggerSignal)',
				displayOptions: { show: { '/orderType': TRIGGERED } },
			},
		],
	},
	guardsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['send'] } },
	properties,
);

/** Reads the send fields into Kraken's names; values not used by the order type are dropped. */
export function readSendFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const orderType = ctx.getNodeParameter('orderType', itemIndex) as string;
	const options = readCollection(ctx, 'options', itemIndex);
	const fields: IDataObject = {
		orderType,
		symbol: ctx.getNodeParameter('symbol', itemIndex),
		side: ctx.getNodeParameter('side', itemIndex),
		size: ctx.getNodeParameter('size', itemIndex),
		cliOrdId: options.cliOrdId,
		reduceOnly: options.reduceOnly,
		processBefore: options.processBefore,
	};
	if (['lmt', 'post', 'ioc', 'fok'].includes(orderType)) {
		fields.limitPrice = ctx.getNodeParameter('limitPrice', itemIndex);
	} else if (options.limitPrice !== 0) {
		fields.limitPrice = options.limitPrice;
	}
	if (['stp', 'take_profit'].includes(orderType))
		fields.stopPrice = ctx.getNodeParameter('stopPrice', itemIndex);
	if (orderType === 'trailing_stop') {
		fields.trailingStopMaxDeviation = ctx.getNodeParameter('trailingStopMaxDeviation', itemIndex);
		fields.trailingStopDeviationUnit = ctx.getNodeParameter('trailingStopDeviationUnit', itemIndex);
	}
	if (TRIGGERED.includes(orderType)) {
		fields.triggerSignal = options.triggerSignal;
		if (options.limitPriceOffsetValue !== undefined && options.limitPriceOffsetValue !== 0) {
			fields.limitPriceOffsetValue = options.limitPriceOffsetValue;
			fields.limitPriceOffsetUnit = options.limitPriceOffsetUnit ?? 'QUOTE_CURRENCY';
		}
	}
	return fields;
}

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject> {
	const order = buildSendOrder(readSendFields(this, itemIndex));
	await enforceGuards(client, order, readGuards(this, itemIndex));
	// Named here so the output always says which cliOrdId to look the order up by.
	order.cliOrdId ??= randomUUID();
	const result = await client.sendOrder(order);
	const json: IDataObject = { ...result.sendStatus, cliOrdId: result.sendStatus.cliOrdId ?? order.cliOrdId };
	if (result.recoveredAfterTimeout !== undefined)
		json.recoveredAfterTimeout = { ...result.recoveredAfterTimeout };
	return json;
}
