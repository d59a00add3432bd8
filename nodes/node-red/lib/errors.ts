import type { NodeMessage } from 'node-red';
import {
	KrakenAuthError,
	KrakenError,
	KrakenOrderRejectedError,
	KrakenOrderOutcomeUnknownError,
	isKrakenError,
} from '../../../core';

/** What a flow can branch on after a failed request: the stable code plus Kraken's own words. */
export interface MsgError {
	code: string;
	message: string;
	krakenError?: string;
	status?: string | number;
	field?: string;
	/** The order concerned, when known: lets a flow look up an order whose outcome is unknown. */
	cliOrdId?: string;
	orderId?: string;
}

/**
 * What `done(err)` and `node.error` receive: the sentence itself (a String object), so that the debug
 * sidebar shows one plain red line, as core nodes do, instead of an error object. Node-RED copies own
 * `code` and `cause` properties to a Catch node's msg.error; they are not enumerable, so the log shows
 * only the sentence.
 */
export type ReportedError = Error & { readonly code: string; readonly cause: MsgError };

export function reportedError(details: MsgError): ReportedError {
	const sentence: object = Object(details.message);
	Object.defineProperties(sentence, {
		code: { value: details.code },
		cause: { value: { ...details } },
		message: { value: details.message },
	});
	return sentence as ReportedError;
}

function httpOrOrderStatus(error: KrakenError): string | number | undefined {
	if (error instanceof KrakenOrderRejectedError) return error.status;
	const httpStatus = (error as { httpStatus?: unknown }).httpStatus;
	return typeof httpStatus === 'number' ? httpStatus : undefined;
}

/** Turns anything thrown into the plain details object that goes into msg.error. */
export function toMsgError(error: unknown): MsgError {
	if (isKrakenError(error)) {
		const details: MsgError = { code: error.code, message: error.message };
		const krakenError = (error as { krakenError?: unknown }).krakenError;
		if (typeof krakenError === 'string') details.krakenError = krakenError;
		const status = httpOrOrderStatus(error);
		if (status !== undefined) details.status = status;
		if (error.field !== undefined) details.field = error.field;
		if (error instanceof KrakenOrderOutcomeUnknownError) {
			if (error.cliOrdId !== undefined) details.cliOrdId = error.cliOrdId;
			if (error.orderId !== undefined) details.orderId = error.orderId;
		}
		return details;
	}
	const message = error instanceof Error ? error.message : String(error);
	return { code: 'KRAKEN_ERROR', message };
}

/** Short text for a red status ring: the field at fault, or Kraken's status string, or the code. */
export function statusTextFor(details: MsgError): string {
	if (details.field !== undefined) return `invalid ${details.field}`;
	if (typeof details.status === 'string') return details.status;
	if (details.krakenError !== undefined) return details.krakenError;
	return details.code
		.replace(/^KRAKEN_/, '')
		.toLowerCase()
		.replace(/_/g, ' ');
}

/** What a refused key or secret on a live feed shows under every node on that feed. */
export const STREAM_AUTH_STATUS = 'authentication failed: check the API secret';

/** Status text for an error of the shared WebSocket: the fix for a refused key, else what failed. */
export function streamStatusTextFor(error: unknown): string {
	if (isKrakenError(error) && (error instanceof KrakenAuthError || error.field === 'apiKey'))
		return STREAM_AUTH_STATUS;
	return isKrakenError(error) && error.code === 'KRAKEN_WS' ? 'feed error' : statusTextFor(toMsgError(error));
}

/** Puts the details on msg.error and returns the error to pass to `done`. */
export function failMessage(
	msg: NodeMessage,
	error: unknown,
): { reported: ReportedError; details: MsgError } {
	const details = toMsgError(error);
	msg.error = details;
	return { reported: reportedError(details), details };
}
