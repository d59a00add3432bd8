/**
 * The Unified WebSocket message envelope: requests `{method, params, req_id}`, replies
 * `{method, success, result | error, req_id, time_in, time_out}` and pushes
 * `{channel, type, data}`. Kraken does not enforce `req_id` uniqueness, so the client does.
 */

export interface UwsAck<R = unknown> {
	method: string;
	success: true;
	result?: R;
	req_id: number;
	time_in?: string;
	time_out?: string;
	warnings?: string[];
	raw: Record<string, unknown>;
}

export interface UwsRequestOptions {
	timeoutMs?: number;
	signal?: AbortSignal;
}

/**
 * What trading code calls. Private requests get `token` added by the session; trading code never
 * sees a token. A reply with success !== true rejects with the KrakenError from
 * core/uws/error-map.ts (the Kraken error string kept in the error's details). A request written
 * but never answered is not re-sent: an order call rejects with KrakenOrderOutcomeUnknownError
 * (`KRAKEN_OUTCOME_UNKNOWN`, as on the legacy transport), any other call with KrakenTimeoutError.
 */
export interface UwsRequester {
	request<R = unknown>(
		method: string,
		params: Record<string, unknown>,
		options?: UwsRequestOptions,
	): Promise<UwsAck<R>>;
}

/** A channel message: `type` is `snapshot` or `update` (margin uses its section name instead). */
export interface UwsPush {
	channel: string;
	type?: string;
	data: unknown[];
	sequence?: number;
	raw: Record<string, unknown>;
}

/** A reply to a request, successful or not. */
export interface UwsReply {
	method: string;
	reqId: number | undefined;
	success: boolean;
	error?: string;
	raw: Record<string, unknown>;
}

export type UwsIncoming =
	| { kind: 'reply'; reply: UwsReply }
	| { kind: 'push'; push: UwsPush }
	| { kind: 'other'; raw: Record<string, unknown> };

/**
 * Sorts one parsed frame. A reply names a `method`; a push names a `channel`. `pong` carries no
 * `success` field (UWS ping page), and is the only reply treated as successful without one:
 * otherwise a missing or non-boolean `success` is a failure.
 */
export function classifyIncoming(raw: Record<string, unknown>): UwsIncoming {
	if (typeof raw.method === 'string') {
		const reqId = typeof raw.req_id === 'number' && Number.isSafeInteger(raw.req_id) ? raw.req_id : undefined;
		const success = raw.success === true || (raw.method === 'pong' && raw.success === undefined);
		const reply: UwsReply = { method: raw.method, reqId, success, raw };
		if (!success) reply.error = typeof raw.error === 'string' ? raw.error : 'no error text in the reply';
		return { kind: 'reply', reply };
	}
	if (typeof raw.channel === 'string') {
		const push: UwsPush = {
			channel: raw.channel,
			data: Array.isArray(raw.data) ? raw.data : raw.data === undefined ? [] : [raw.data],
			raw,
		};
		if (typeof raw.type === 'string') push.type = raw.type;
		if (typeof raw.sequence === 'number') push.sequence = raw.sequence;
		return { kind: 'push', push };
	}
	return { kind: 'other', raw };
}

/** The acknowledgement shape handed to callers, built from a successful reply. */
export function toAck<R>(reply: UwsReply, reqId: number): UwsAck<R> {
	const raw = reply.raw;
	const ack: UwsAck<R> = { method: reply.method, success: true, req_id: reqId, raw };
	if (raw.result !== undefined) ack.result = raw.result as R;
	if (typeof raw.time_in === 'string') ack.time_in = raw.time_in;
	if (typeof raw.time_out === 'string') ack.time_out = raw.time_out;
	if (Array.isArray(raw.warnings))
		ack.warnings = raw.warnings.filter((w): w is string => typeof w === 'string');
	return ack;
}

/** Largest req_id handed out before wrapping: a 31-bit integer is safe in every JSON decoder. */
const MAX_REQ_ID = 2 ** 31 - 1;

/**
 * Hands out request ids unique among the requests a client has in flight. Ids increase from 1
 * and wrap long before any integer limit; an id still awaiting its reply is never reused.
 */
export class ReqIdAllocator {
	#next = 1;

	constructor(private readonly inUse: (reqId: number) => boolean = () => false) {}

	next(): number {
		for (;;) {
			const id = this.#next;
			this.#next = id >= MAX_REQ_ID ? 1 : id + 1;
			if (!this.inUse(id)) return id;
		}
	}
}
