import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeInput, KrakenValidationError } from '../../../../core';

/** How an existing order is named: Kraken's order ID or your client order ID. */
export const identifyOrderFields: INodeProperties[] = [
	{
		displayName: 'Identify Order By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Order ID', value: 'orderId', description: 'The ID Kraken gave the order (order_id)' },
			{
				name: 'Client Order ID',
				value: 'cliOrdId',
				description: 'The ID you gave the order when sending it (cliOrdId)',
			},
		],
		default: 'orderId',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		description: "Kraken's ID of the order (order_id)",
		displayOptions: { show: { identifyBy: ['orderId'] } },
	},
	{
		displayName: 'Client Order ID',
		name: 'cliOrdId',
		type: 'string',
		required: true,
		default: '',
		description: 'Your ID of the order (cliOrdId)',
		displayOptions: { show: { identifyBy: ['cliOrdId'] } },
	},
];

export type OrderReference = { orderId: string } | { cliOrdId: string };

export function readOrderReference(ctx: IExecuteFunctions, itemIndex: number): OrderReference {
	const identifyBy = ctx.getNodeParameter('identifyBy', itemIndex) as string;
	const name = identifyBy === 'cliOrdId' ? 'cliOrdId' : 'orderId';
	const raw = ctx.getNodeParameter(name, itemIndex, '') ?? '';
	// An expression can yield an object or a boolean; sending "[object Object]" would cancel nothing useful.
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw new KrakenValidationError(name, `must be text, got ${describeInput(raw)}`);
	}
	const value = String(raw).trim();
	if (value === '') throw new KrakenValidationError(name, 'is required to identify the order');
	return name === 'cliOrdId' ? { cliOrdId: value } : { orderId: value };
}
