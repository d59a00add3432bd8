import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { CancelOrderRequest } from '../../../../core/rest/types';
import { optionalIsoTime, readCollection } from '../../helpers/params';
import { identifyOrderFields, readOrderReference } from './identify';

const properties: INodeProperties[] = [
	...identifyOrderFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Process Before',
				name: 'processBefore',
				type: 'dateTime',
				default: '',
				description: 'Kraken refuses the cancel if it would be processed after this time (processBefore)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject> {
	const reference = readOrderReference(this, itemIndex);
	const processBefore = optionalIsoTime(
		readCollection(this, 'options', itemIndex).processBefore,
		'processBefore',
	);
	const request: CancelOrderRequest =
		'orderId' in reference ? { order_id: reference.orderId } : { cliOrdId: reference.cliOrdId };
	if (processBefore !== undefined) request.processBefore = processBefore;
	const result = await client.cancelOrder(request);
	return { ...result.cancelStatus };
}
