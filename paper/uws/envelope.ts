/** The Unified WebSocket's message envelope: replies to `{method, params, req_id}` requests, and pushes. */

export type Json = Record<string, unknown>;

/** RFC 3339 with microseconds, as Kraken prints `time_in`/`time_out` (`2023-09-24T14:10:23.799685Z`). */
export function wireTime(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '000Z');
}

/** A request's `req_id` when it is an integer (Kraken echoes it); anything else is left out of the reply. */
export function reqIdOf(request: Json): number | undefined {
	return Number.isInteger(request.req_id) ? (request.req_id as number) : undefined;
}

function withReqId(reply: Json, reqId: number | undefined): Json {
	return reqId === undefined ? reply : { ...reply, req_id: reqId };
}

/** `{method, req_id, result, success: true, time_in, time_out}`, the key order of Kraken's examples. */
export function success(method: string, reqId: number | undefined, result: unknown, timeIn: number): Json {
	const reply = withReqId({ method }, reqId);
	if (result !== undefined) reply.result = result;
	return { ...reply, success: true, time_in: wireTime(timeIn), time_out: wireTime(Date.now()) };
}

/** `{error, method, req_id, success: false, time_in, time_out}`; `error` is a string, never an array. */
export function failure(method: string, reqId: number | undefined, error: string, timeIn: number): Json {
	return {
		error,
		...withReqId({ method }, reqId),
		success: false,
		time_in: wireTime(timeIn),
		time_out: wireTime(Date.now()),
	};
}

/** The answer to `ping`, as the verified example prints it (no `success` field). */
export function pong(reqId: number | undefined, timeIn: number): Json {
	return {
		...withReqId({ method: 'pong' }, reqId),
		time_in: wireTime(timeIn),
		time_out: wireTime(Date.now()),
	};
}

/** A channel push: `{channel, type, data}` plus, on private channels, `sequence`. */
export function push(channel: string, type: string, data: unknown, sequence?: number): Json {
	const message: Json = { channel, type, data };
	if (sequence !== undefined) message.sequence = sequence;
	return message;
}

/** A request Kraken would refuse: answered `success: false` with this error string. */
export class UwsRequestError extends Error {
	constructor(readonly wireError: string) {
		super(wireError);
		this.name = 'UwsRequestError';
	}
}
