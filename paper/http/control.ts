import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyRestSignature } from './auth';
import type { KeyRing } from './keyring';
import { firstParam, parseParams } from './params';
import { sendJson } from './respond';

/**
 * The paper exchange's own endpoints (not Kraken's): its status, and a reset of the paper accounts.
 * Both are signed like Kraken's private REST calls with one of the exchange's keys, so that any
 * process holding the key (another process of the same install, a remote worker) can use them.
 */
export const CONTROL_PATHS = { status: '/paper/v1/status', reset: '/paper/v1/reset' } as const;

export interface PaperStatus {
	/** Where the accounts are kept, or null when they live in memory only. */
	statePath: string | null;
	pid: number;
	startingCollateralUsd: number;
	lastResetAt: string | null;
}

export interface ControlDependencies {
	keys: KeyRing;
	status(): PaperStatus;
	/** Resets unless `requestedAt` is given and not later than the last reset; answers whether it did. */
	reset(startingCollateralUsd: number | undefined, requestedAt: string | undefined): Promise<boolean>;
}

const MAX_BODY_BYTES = 10_000;

function readSmallBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = '';
		req.on('data', (chunk: Buffer) => {
			body += chunk.toString('utf8');
			if (body.length > MAX_BODY_BYTES) reject(new Error('body too large'));
		});
		req.on('end', () => resolve(body));
		req.on('error', reject);
	});
}

function parseReset(body: string): { balance?: number; requestedAt?: string } | string {
	const params = parseParams(body);
	const balanceText = firstParam(params, 'startingCollateralUsd');
	const requestedAt = firstParam(params, 'requestedAt');
	const balance = balanceText === undefined || balanceText === '' ? undefined : Number(balanceText);
	if (balance !== undefined && !(/^\d+(\.\d+)?$/.test(balanceText!) && balance > 0 && balance <= 1e12))
		return `startingCollateralUsd must be a positive decimal number up to 1e12, got "${balanceText!.slice(0, 40)}"`;
	if (requestedAt !== undefined && Number.isNaN(Date.parse(requestedAt)))
		return `requestedAt must be an ISO time, got "${requestedAt.slice(0, 40)}"`;
	return { balance, requestedAt };
}

/** Answers a control request and returns true, or returns false for any other path. */
export function handleControl(deps: ControlDependencies, req: IncomingMessage, res: ServerResponse): boolean {
	const [path, query = ''] = (req.url ?? '').split('?');
	if (path !== CONTROL_PATHS.status && path !== CONTROL_PATHS.reset) return false;
	res.on('error', () => undefined);
	const fail = (status: number, error: string): void => sendJson(res, status, { result: 'error', error });
	readSmallBody(req).then(
		async (body) => {
			const verdict = verifyRestSignature(deps.keys, req.headers, query + body, path);
			if (!verdict.ok) return fail(401, verdict.error);
			if (path === CONTROL_PATHS.status) {
				if (req.method !== 'GET') return fail(405, 'use GET');
				return sendJson(res, 200, { result: 'success', ...deps.status() });
			}
			if (req.method !== 'POST') return fail(405, 'use POST');
			const request = parseReset(body);
			if (typeof request === 'string') return fail(400, request);
			const reset = await deps.reset(request.balance, request.requestedAt);
			sendJson(res, 200, { result: 'success', reset, ...deps.status() });
		},
		(error: unknown) => fail(400, String((error as Error).message)),
	);
	return true;
}
