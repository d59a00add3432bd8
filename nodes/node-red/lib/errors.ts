import type { NodeMessage } from 'node-red';
import {
	KrakenError,
	KrakenOrderRejectedError,
	KrakenOutcomeUnknownError,
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

/** The error reported with `done(err)`: it keeps the stable `code`, which Node-RED copies to a Catch node's msg.error. */
export class ReportedError extends Error {
	readonly code: string;
	constructor(details: MsgError) {
		super(details.message);
		this.name = 'KrakenFuturesError';
		this.code = details.code;
		// Node-RED hands `cause` to Catch nodes as msg.error.cause, so the details survive there too.
		Object.defineProperty(this, 'cause', { value: { ...details }, enumerable: false, writable: true });
	}
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
		if (error instanceof KrakenOutcomeUnknownError) {
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

/** Puts the details on msg.error and returns the error to pass to `done`. */
export function failMessage(
	msg: NodeMessage,
	error: unknown,
): { reported: ReportedError; details: MsgError } {
	const details = toMsgError(error);
	msg.error = details;
	return { reported: new ReportedError(details), details };
}
