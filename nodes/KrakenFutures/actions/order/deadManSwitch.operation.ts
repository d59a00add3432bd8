import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { KrakenValidationError, toNumber } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';

const properties: INodeProperties[] = [
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description:
			'Kraken cancels all your open orders if this call is not repeated within this many seconds (timeout). Repeat it every 15–20 s with 60; 0 turns the switch off.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['deadManSwitch'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject> {
	const raw = this.getNodeParameter('timeout', itemIndex);
	const timeout = toNumber(raw);
	if (timeout === undefined || timeout < 0 || !Number.isInteger(timeout)) {
		throw new KrakenValidationError(
			'timeout',
			`must be a whole number of seconds, 0 or more, not "${String(raw)}"`,
		);
	}
	const result = await client.cancelAllOrdersAfter({ timeout });
	return { ...result.status, active: timeout > 0 };
}
