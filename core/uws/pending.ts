import { KrakenNetworkError, KrakenTimeoutError, type KrakenError } from '../errors';
import { unknownOutcome } from '../outcome/resolve';
import type { UwsAck, UwsRequestOptions } from './envelope';
import { orderActionOf } from './order-methods';

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

/** The one order id a request names (`cancel_order` takes a list of one), if it names exactly one. */
function singleId(value: unknown): string | undefined {
	const id = Array.isArray(value) && value.length === 1 ? value[0] : value;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * A request that was written and got no answer (`why`): Kraken may or may not have acted on it,
 * and it is not re-sent. For an order call that is an unknown outcome, the same error both
 * transports give (core/outcome); for anything else, a timeout.
 */
export function unansweredError(request: QueuedRequest, why: string): KrakenError {
	const what = `${request.method} (req_id ${request.reqId ?? '?'})`;
	const action = orderActionOf(request.method, request.params);
	if (action === undefined) return new KrakenTimeoutError(`${what} ${why}; it was not re-sent`);
	const cliOrdId = singleId(request.params.cl_ord_id);
	const orderId = singleId(request.params.order_id);
	return unknownOutcome(action, what, new KrakenTimeoutError(why), {
		...(cliOrdId !== undefined ? { cliOrdId } : {}),
		...(orderId !== undefined ? { orderId } : {}),
	});
}

/**
 * Ends a request that will get no reply: "not sent" when it never left, unanswered (see
 * unansweredError) when it did. `notSent` and `unanswered` say why, for each case.
 */
export function giveUp(
	table: RequestTable,
	request: QueuedRequest,
	notSent: string,
	unanswered: string,
): void {
	table.forget(request);
	const error =
		request.reqId === undefined
			? notSentError(request.method, notSent)
			: unansweredError(request, unanswered);
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
	for (const request of table.takeInFlight()) settle(request, { error: unansweredError(request, why) });
}
