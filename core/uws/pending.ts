import { KrakenNetworkError, KrakenTimeoutError, type KrakenError } from '../errors';
import type { UwsAck, UwsRequestOptions } from './envelope';

/**
 * A request that was written to the socket and never answered: Kraken may or may not have acted
 * on it. Trading code must look the order up (for example by `cl_ord_id`) instead of re-sending.
 */
export class KrakenOutcomeUnknownError extends KrakenTimeoutError {
	readonly outcome = 'unknown';
	readonly method: string;
	readonly reqId: number;

	constructor(method: string, reqId: number, why: string) {
		super(`${method} (req_id ${reqId}) ${why}: its outcome is unknown and it was not re-sent`);
		this.method = method;
		this.reqId = reqId;
	}
}

/** Not written at all: Kraken never saw it, so the caller may safely retry. */
export function notSentError(method: string, why: string): KrakenNetworkError {
	return new KrakenNetworkError(`${method} was not sent: ${why}`);
}

export interface QueuedRequest {
	method: string;
	params: Record<string, unknown>;
	options: UwsRequestOptions;
	resolve: (ack: UwsAck<unknown>) => void;
	reject: (error: KrakenError) => void;
	/** Set once the request went out; undefined while it waits for the socket. */
	reqId?: number;
	/** A stale-token refusal is answered by a fresh token and one more try, never more. */
	retried: boolean;
	timer?: NodeJS.Timeout;
	onAbort?: () => void;
	settled: boolean;
}

/** Requests waiting for a socket, and requests written and waiting for their reply (by req_id). */
export class RequestTable {
	readonly #waiting: QueuedRequest[] = [];
	readonly #inFlight = new Map<number, QueuedRequest>();

	get size(): number {
		return this.#waiting.length + this.#inFlight.size;
	}

	get waitingCount(): number {
		return this.#waiting.length;
	}

	isInFlight(reqId: number): boolean {
		return this.#inFlight.has(reqId);
	}

	enqueue(request: QueuedRequest): void {
		this.#waiting.push(request);
	}

	/** Moves the waiting requests out, in order, for writing. */
	takeWaiting(): QueuedRequest[] {
		if (this.#waiting.length === 0) return [];
		return this.#waiting.splice(0, this.#waiting.length).filter((request) => !request.settled);
	}

	written(request: QueuedRequest, reqId: number): void {
		request.reqId = reqId;
		this.#inFlight.set(reqId, request);
	}

	/** The request a reply answers; removed from the table. */
	take(reqId: number): QueuedRequest | undefined {
		const request = this.#inFlight.get(reqId);
		this.#inFlight.delete(reqId);
		return request;
	}

	forget(request: QueuedRequest): void {
		const index = this.#waiting.indexOf(request);
		if (index >= 0) this.#waiting.splice(index, 1);
		if (request.reqId !== undefined && this.#inFlight.get(request.reqId) === request) {
			this.#inFlight.delete(request.reqId);
		}
	}

	/** Every written request, removed: their socket is gone, so their replies never come. */
	takeInFlight(): QueuedRequest[] {
		const requests = [...this.#inFlight.values()];
		this.#inFlight.clear();
		return requests;
	}

	takeAll(): QueuedRequest[] {
		return [...this.takeWaiting(), ...this.takeInFlight()];
	}
}

/** Settles a request once: clears its timer and abort listener. */
export function settle(
	request: QueuedRequest,
	outcome: { ack: UwsAck<unknown> } | { error: KrakenError },
): void {
	if (request.settled) return;
	request.settled = true;
	clearTimeout(request.timer);
	if (request.onAbort) request.options.signal?.removeEventListener('abort', request.onAbort);
	if ('ack' in outcome) request.resolve(outcome.ack);
	else request.reject(outcome.error);
}

/**
 * Ends a request that will get no reply: "not sent" when it never left, "outcome unknown" when it
 * did. `notSent` and `unknown` say why, for each case.
 */
export function giveUp(table: RequestTable, request: QueuedRequest, notSent: string, unknown: string): void {
	table.forget(request);
	const error =
		request.reqId === undefined
			? notSentError(request.method, notSent)
			: new KrakenOutcomeUnknownError(request.method, request.reqId, unknown);
	settle(request, { error });
}

/** A request not yet written, queued or watched. */
export function newRequest(
	fields: Pick<QueuedRequest, 'method' | 'params' | 'options' | 'resolve' | 'reject'>,
): QueuedRequest {
	return {
		method: fields.method,
		params: fields.params,
		options: fields.options,
		resolve: fields.resolve,
		reject: fields.reject,
		retried: false,
		settled: false,
	};
}

/**
 * Arms the request's timeout and wires the caller's abort signal (unless it is already settled).
 * `link` names the socket in the error when the request never got written.
 */
export function watch(table: RequestTable, request: QueuedRequest, timeoutMs: number, link: string): void {
	if (request.settled) return;
	request.timer = setTimeout(
		() =>
			giveUp(
				table,
				request,
				`no ${link} connection within ${timeoutMs} ms`,
				`got no reply within ${timeoutMs} ms`,
			),
		timeoutMs,
	);
	const signal = request.options.signal;
	if (signal) {
		request.onAbort = () =>
			giveUp(table, request, 'aborted by the caller', 'was aborted by the caller after sending');
		signal.addEventListener('abort', request.onAbort, { once: true });
	}
}

/** Fails every request of the table: the waiting ones were not sent, the written ones are unknown. */
export function failAll(table: RequestTable, notSent: string, unknown: string): void {
	for (const request of table.takeAll()) giveUp(table, request, notSent, unknown);
}

/** Fails every written request: its socket is gone, so its reply will never come. */
export function failWritten(table: RequestTable, why: string): void {
	for (const request of table.takeInFlight()) {
		settle(request, { error: new KrakenOutcomeUnknownError(request.method, request.reqId ?? 0, why) });
	}
}
