import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { KrakenValidationError } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { OrderStatusRequest } from '../../../../core/rest/types';
import { splitList } from '../../helpers/params';

const properties: INodeProperties[] = [
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 179f9af8-e45e-469d-b3e9-2fd4675cb7d0',
		description: 'Comma-separated Kraken order IDs (orderIds). Give these, client order IDs, or both.',
	},
	{
		displayName: 'Client Order IDs',
		name: 'cliOrdIds',
		type: 'string',
		default: '',
		description: 'Comma-separated client order IDs (cliOrdIds)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getStatus'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject[]> {
	const request: OrderStatusRequest = {};
	const orderIds = splitList(this.getNodeParameter('orderIds', itemIndex, ''));
	const cliOrdIds = splitList(this.getNodeParameter('cliOrdIds', itemIndex, ''));
	if (orderIds.length > 0) request.orderIds = orderIds;
	if (cliOrdIds.length > 0) request.cliOrdIds = cliOrdIds;
	if (orderIds.length === 0 && cliOrdIds.length === 0) {
		throw new KrakenValidationError('orderIds', 'give at least one order ID or client order ID');
	}
	const { orders } = await client.getOrderStatus(request);
	return orders as unknown as IDataObject[];
}
