import { KrakenError } from '../errors';
import type { Logger } from '../logger';
import type { WsConnection } from '../ws/connection';
import { ReqIdAllocator, toAck, type UwsAck, type UwsReply, type UwsRequestOptions } from './envelope';
import { isStaleTokenError, uwsErrorToKrakenError } from './error-map';
import { newRequest, notSentError, type QueuedRequest, RequestTable, settle, watch } from './pending';
import type { ConnectionToken } from './token';

export interface LinkRequestsOptions {
	/** The link's name, for errors. */
	name: 'public' | 'private';
	requestTimeoutMs: number;
	/** Checked right before a request is written: a returned error refuses it, with nothing sent. */
	gate?: (method: string, params: Record<string, unknown>) => KrakenError | undefined;
	/** Private links: the connection's token, added to every request's params. */
	token: ConnectionToken | undefined;
	logger: Logger;
	/** The socket to write to, when the link is ready for requests. */
	writable: () => WsConnection | undefined;
	/** Requests are waiting and no socket is writable: the link connects if it is idle. */
	wake: () => void;
}

/**
 * The params with the connection's token added: Object.assign and one more field, not a spread
 * followed by the token, which under Node.js 20 makes a new hidden class for every request (see
 * ownCopy in core/instruments/validate-order.ts). An own `__proto__` field (from JSON.parse) would
 * become the copy's prototype under Object.assign; such params keep the spread.
 */
export function withToken(params: Record<string, unknown>, token: string): Record<string, unknown> {
	if (Object.hasOwn(params, '__proto__')) return { ...params, token };
	const signed: Record<string, unknown> = Object.assign({}, params);
	signed.token = token;
	return signed;
}

/**
 * The request side of one link: each request gets a req_id unique among those in flight, the
 * connection's token, a timeout and the caller's abort signal; a reply settles the request with
 * its req_id; a stale-token refusal gets a fresh token and one more try. What waits for a socket
 * is written, in order, when the link says so.
 */
export class LinkRequests {
	readonly table = new RequestTable();
	readonly #reqIds = new ReqIdAllocator((id) => this.table.isInFlight(id));
	readonly #options: LinkRequestsOptions;

	constructor(options: LinkRequestsOptions) {
		this.#options = options;
	}

	/** A req_id for a message that expects no settling (the application ping). */
	nextReqId(): number {
		return this.#reqIds.next();
	}

	/** `gatePassed`: the caller ran the gate this same turn, so a request written at once skips it. */
	request(
		method: string,
		params: Record<string, unknown>,
		options: UwsRequestOptions,
		gatePassed: boolean,
	): Promise<UwsAck<unknown>> {
		return new Promise<UwsAck<unknown>>((resolve, reject) => {
			const request = newRequest({ method, params, options, resolve, reject });
			const socket = this.#options.writable();
			// Nothing queued ahead of it on a ready socket: written at once, as a tick's order must be.
			if (socket !== undefined && this.table.waitingCount === 0) this.#write(socket, request, gatePassed);
			else {
				this.table.enqueue(request);
				this.flush();
			}
			// Timer and abort listener only now: arming a timer costs more than writing the order.
			const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs;
			watch(this.table, request, timeoutMs, this.#options.name);
		});
	}

	/** Writes what waits, if the link can take it; wakes the link otherwise. */
	flush(): void {
		const socket = this.#options.writable();
		if (socket === undefined) {
			this.#options.wake();
			return;
		}
		for (const request of this.table.takeWaiting()) this.#write(socket, request, false);
	}

	onReply(reply: UwsReply): void {
		if (reply.reqId === undefined) {
			if (!reply.success)
				this.#options.logger.warn('Kraken UWS error without req_id', { error: reply.error });
			return;
		}
		const request = this.table.take(reply.reqId);
		if (!request) return;
		if (reply.success) {
			settle(request, { ack: toAck(reply, reply.reqId) });
			return;
		}
		const text = reply.error ?? '';
		if (this.#options.token && isStaleTokenError(text) && !request.retried) {
			request.retried = true;
			void this.#refreshTokenAndResend(request);
			return;
		}
		const context = { method: request.method, reqId: reply.reqId, params: request.params, raw: reply.raw };
		settle(request, { error: uwsErrorToKrakenError(text, context) });
	}

	#write(socket: WsConnection, request: QueuedRequest, gatePassed: boolean): void {
		const refusal = gatePassed ? undefined : this.#options.gate?.(request.method, request.params);
		if (refusal) {
			settle(request, { error: refusal });
			return;
		}
		const reqId = this.#reqIds.next();
		const token = this.#options.token?.value;
		const params = token === undefined ? request.params : withToken(request.params, token);
		const message: Record<string, unknown> = { method: request.method, params, req_id: reqId };
		if (!socket.send(message)) {
			this.table.enqueue(request);
			return;
		}
		this.table.written(request, reqId);
	}

	/** Kraken refused the token mid-session (it does not close the socket): fetch a new one, send once more. */
	async #refreshTokenAndResend(request: QueuedRequest): Promise<void> {
		try {
			await this.#options.token?.renew();
		} catch (error) {
			settle(request, {
				error: error instanceof KrakenError ? error : notSentError(request.method, 'no token'),
			});
			return;
		}
		if (request.settled) return;
		request.reqId = undefined;
		this.table.enqueue(request);
		this.flush();
	}
}
