import { failure, pong, reqIdOf, success, UwsRequestError, type Json } from './envelope';
import { METHODS, type MethodContext } from './methods';
import type { UwsSession } from './session';
import { handleSubscription, type SubscriptionContext } from './subscriptions';
import { ERRORS } from './unverified';

/** What a planned fault does to one request: never answer it, or carry it out and lose the answer. */
export type RequestFault = 'ignore' | 'lose-answer' | undefined;

export interface RequestContext extends MethodContext, SubscriptionContext {
	/** The fault planned for the next request with this method, used up by asking. */
	planFault(method: string): RequestFault;
	/** After a request that may have changed the session's subscriptions. */
	subscriptionsChanged(session: UwsSession): void;
}

function parse(text: string | undefined): Json | undefined {
	if (text === undefined) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
	} catch {
		return undefined;
	}
}

function handle(
	ctx: RequestContext,
	session: UwsSession,
	request: Json,
	timeIn: number,
	send: (m: Json) => void,
): void {
	const method = request.method as string;
	const reqId = reqIdOf(request);
	if (method === 'ping') return send(pong(reqId, timeIn));
	if (method === 'subscribe' || method === 'unsubscribe') {
		handleSubscription(ctx, session, request, timeIn);
		return ctx.subscriptionsChanged(session);
	}
	const handler = METHODS[method];
	if (handler === undefined) return send(failure(method, reqId, ERRORS.unknownMethod, timeIn));
	if (session.endpoint !== 'private') return send(failure(method, reqId, ERRORS.privateOnPublic, timeIn));
	const params = (request.params ?? {}) as Json;
	const accountId = ctx.accountOf(session, params);
	for (const reply of handler(ctx, accountId, params)) {
		if (reply.error === undefined) send(success(method, reqId, reply.result, timeIn));
		else {
			const message = failure(method, reqId, reply.error, timeIn);
			if (reply.result !== undefined) message.result = reply.result;
			send(message);
		}
	}
}

/** One incoming text frame: parsed, checked for faults, answered with Kraken's envelope. */
export function receive(ctx: RequestContext, session: UwsSession, text: string | undefined): void {
	const timeIn = Date.now();
	const request = parse(text);
	if (request === undefined || typeof request.method !== 'string') {
		return session.send(
			failure(
				String(request?.method ?? ''),
				request ? reqIdOf(request) : undefined,
				ERRORS.jsonError,
				timeIn,
			),
		);
	}
	const fault = ctx.planFault(request.method);
	if (fault === 'ignore') return;
	const send = fault === 'lose-answer' ? () => undefined : (message: Json) => session.send(message);
	try {
		handle(ctx, session, request, timeIn, send);
	} catch (error) {
		if (!(error instanceof UwsRequestError)) throw error;
		send(failure(request.method, reqIdOf(request), error.wireError, timeIn));
	}
}
