import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../core/api';

/** Runs one operation for one input item; a list result becomes one output item per entry. */
export type OperationExecute = (
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}
