import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import {
	KrakenApiError,
	KrakenConfigError,
	KrakenError,
	KrakenOrderRejectedError,
	KrakenUnsupportedError,
	KrakenOrderOutcomeUnknownError,
	KrakenValidationError,
} from '../../../core';

const OUTCOME_UNKNOWN_DESCRIPTION =
	'KRAKEN_OUTCOME_UNKNOWN: no clear answer came back and the order could not be looked up in time, so it may or may not exist. It was not re-sent. Check open orders and fills before acting again.';

/** What a failed item carries when the node continues on fail. */
export function errorItemJson(error: unknown): IDataObject {
	if (error instanceof KrakenError) {
		const json: IDataObject = { error: error.message, code: error.code };
		if (error.field !== undefined) json.field = error.field;
		if (error instanceof KrakenApiError) {
			if (error.krakenError !== undefined) json.krakenError = error.krakenError;
			if (error.httpStatus !== undefined) json.httpStatus = error.httpStatus;
		}
		if (error instanceof KrakenOrderRejectedError) json.krakenError = error.status;
		if (error instanceof KrakenOrderRejectedError || error instanceof KrakenOrderOutcomeUnknownError) {
			if (error.orderId !== undefined) json.orderId = error.orderId;
			if (error.cliOrdId !== undefined) json.cliOrdId = error.cliOrdId;
		}
		if (error instanceof KrakenOrderOutcomeUnknownError) json.outcomeUnknown = true;
		return json;
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return { error: error.message, code: 'KRAKEN_NODE', description: error.description ?? undefined };
	}
	return { error: error instanceof Error ? error.message : String(error), code: 'KRAKEN_NODE' };
}

/**
 * Turns anything an operation threw into n8n's error types: input and configuration problems
 * become `NodeOperationError` (naming the field), anything Kraken or the network said becomes
 * `NodeApiError` with Kraken's error string and the HTTP status.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof KrakenUnsupportedError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `${error.code}: this operation needs the credential's API set to "Legacy" (until 1 March 2027).`,
		});
	}
	if (error instanceof KrakenValidationError || error instanceof KrakenConfigError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.field === undefined ? undefined : `Check the "${error.field}" parameter.`,
		});
	}
	if (error instanceof KrakenError) {
		const json = error.toJSON() as unknown as JsonObject;
		const description =
			error instanceof KrakenOrderOutcomeUnknownError
				? OUTCOME_UNKNOWN_DESCRIPTION
				: error instanceof KrakenOrderRejectedError
					? `Kraken accepted the request but rejected the order (status "${error.status}"). Nothing was placed.`
					: error instanceof KrakenApiError && error.krakenError !== undefined
						? `Kraken error: ${error.krakenError}`
						: undefined;
		const httpCode = error instanceof KrakenApiError ? error.httpStatus : undefined;
		return new NodeApiError(node, json, {
			message: error.message,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex,
		});
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
