import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger';
import { PaperApiError, type PaperExchange, type Payload } from '../exchange';
import type { PaperFaults, RestFailure } from '../faults';
import { verifyRestSignature } from './auth';
import type { KeyRing } from './keyring';
import { parseParams } from './params';
import type { DerivativesBudget, HistoryPool } from './rate-limit';
import type { RequestLog } from './request-log';
import {
	errorBody,
	GATEWAY_UNAVAILABLE_HTML,
	HISTORY_UNAUTHORIZED,
	sendJson,
	sendText,
	successBody,
} from './respond';
import { matchRoute, type Route } from './routes';

/** Kraken refuses bodies far smaller than this; the limit only protects the process. */
const MAX_BODY_BYTES = 1_000_000;

/** Everything the REST front needs; owned and torn down by the server. */
export interface RestDependencies {
	exchange: PaperExchange;
	keys: KeyRing;
	budget: DerivativesBudget;
	historyPool: HistoryPool;
	faults: PaperFaults;
	requests: RequestLog;
	logger: Logger;
	serverTime: () => string;
	/** Runs `fn` after `ms` on a timer the server clears when it stops. */
	later: (ms: number, fn: () => void) => void;
}

interface ReceivedRequest {
	method: string;
	path: string;
	query: string;
	body: string;
	req: IncomingMessage;
}

/** The request body as text, or undefined when it exceeds `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) resolve(undefined);
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function splitUrl(url: string): { path: string; query: string } {
	const mark = url.indexOf('?');
	return mark === -1 ? { path: url, query: '' } : { path: url.slice(0, mark), query: url.slice(mark + 1) };
}

function decodePath(path: string): string | undefined {
	try {
		return decodeURIComponent(path);
	} catch {
		return undefined;
	}
}

/** Creates the request listener for every REST path the exchange serves. */
export function createRestHandler(
	deps: RestDependencies,
): (req: IncomingMessage, res: ServerResponse) => void {
	const fail = (res: ServerResponse, status: number, error: string, headers?: Record<string, string>): void =>
		sendJson(res, status, errorBody(error, deps.serverTime()), headers);

	function failWith(res: ServerResponse, failure: RestFailure): void {
		if (failure.kind === '5xx') sendText(res, 503, GATEWAY_UNAVAILABLE_HTML, { 'content-type': 'text/html' });
		else if (failure.kind === 'malformed') {
			sendText(res, 200, '{"result":"success","serverTime":"', { 'content-type': 'application/json' });
		} else if (failure.kind === 'drop') res.socket?.destroy();
		// A timeout leaves the response open; the server destroys the socket when it stops.
	}

	function authorise(route: Route, request: ReceivedRequest, res: ServerResponse): string | undefined {
		const verdict = verifyRestSignature(
			deps.keys,
			request.req.headers,
			request.query + request.body,
			request.path,
		);
		if (verdict.ok) return verdict.key.accountId;
		if (route.access === 'history') sendJson(res, 401, HISTORY_UNAUTHORIZED);
		else fail(res, 200, verdict.error);
		return undefined;
	}

	function withinLimits(
		route: Route,
		apiKey: string,
		params: ReturnType<typeof parseParams>,
		res: ServerResponse,
	) {
		const cost = route.cost(params);
		if (route.access === 'history') {
			const pool = deps.historyPool.tryConsume(apiKey, cost);
			if (pool.ok) return true;
			sendText(res, 429, 'Too Many Requests', {
				'content-type': 'text/plain',
				'rate-limit-reset': String(pool.resetSeconds),
			});
			return false;
		}
		if (deps.budget.tryConsume(apiKey, cost)) return true;
		fail(res, 200, 'apiLimitExceeded');
		return false;
	}

	function execute(request: ReceivedRequest, res: ServerResponse, failure?: RestFailure): void {
		const decodedPath = decodePath(request.path);
		const match =
			decodedPath === undefined ? { kind: 'notFound' as const } : matchRoute(request.method, decodedPath);
		if (match.kind === 'notFound') return fail(res, 404, 'notFound');
		if (match.kind === 'wrongMethod') return fail(res, 405, 'notFound', { allow: match.allowed.join(', ') });
		const { route, pathParams } = match;
		const params = parseParams(request.query, request.body);
		let accountId = '';
		if (route.access !== 'public') {
			const authorised = authorise(route, request, res);
			if (authorised === undefined) return;
			accountId = authorised;
			const apiKey = String(request.req.headers.apikey);
			if (!withinLimits(route, apiKey, params, res)) return;
		}
		let payload: Payload;
		try {
			payload = route.handle({ exchange: deps.exchange, accountId, params, pathParams });
		} catch (error) {
			if (failure !== undefined) return failWith(res, failure);
			if (error instanceof PaperApiError) {
				return sendJson(res, error.httpStatus, errorBody(error.krakenError, deps.serverTime(), error.extra));
			}
			deps.logger.error('paper exchange failed to answer a request', {
				path: request.path,
				error: String(error),
			});
			return fail(res, 500, 'Server Error');
		}
		if (failure !== undefined) return failWith(res, failure);
		sendJson(res, 200, route.envelope === 'kraken' ? successBody(payload, deps.serverTime()) : payload);
	}

	function proceed(request: ReceivedRequest, res: ServerResponse): void {
		const plan = deps.faults.planRest(request.path);
		const run = (): void => {
			try {
				if (plan.failure !== undefined && !plan.failure.process) return failWith(res, plan.failure);
				execute(request, res, plan.failure);
			} catch (error) {
				deps.logger.error('paper exchange request failed', { path: request.path, error: String(error) });
				fail(res, 500, 'Server Error');
			}
		};
		if (plan.delayMs > 0) deps.later(plan.delayMs, run);
		else run();
	}

	return (req, res) => {
		res.on('error', () => undefined);
		readBody(req)
			.then((body) => {
				const { path, query } = splitUrl(req.url ?? '/');
				if (body === undefined) return fail(res, 413, 'invalidArgument');
				const request: ReceivedRequest = { method: req.method ?? 'GET', path, query, body, req };
				deps.requests.add({
					method: request.method,
					path,
					query,
					body,
					params: parseParams(query, body),
					headers: req.headers,
					receivedAt: Date.now(),
				});
				proceed(request, res);
			})
			.catch((error: unknown) => {
				deps.logger.warn('paper exchange could not read a request', { error: String(error) });
				fail(res, 400, 'invalidArgument');
			});
	};
}
