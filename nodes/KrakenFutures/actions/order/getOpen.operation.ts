import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { filterBySymbol, symbolFilterField } from '../common.descriptions';
import { applyLimit, readLimit, returnAllFields } from '../get-many';

const properties: INodeProperties[] = [
	...returnAllFields('order', 'getOpen'),
	symbolFilterField('Only the open orders of this contract'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getOpen'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const { openOrders } = await client.getOpenOrders();
	return applyLimit(filterBySymbol(this, itemIndex, openOrders as unknown as IDataObject[]), limit);
}
