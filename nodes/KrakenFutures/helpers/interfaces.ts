import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { KrakenFuturesRestClient } from '../../../core/rest/client';

/** Runs one operation for one input item; a list result becomes one output item per entry. */
export type OperationExecute = (
	this: IExecuteFunctions,
	client: KrakenFuturesRestClient,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}
