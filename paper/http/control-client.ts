import { computeAuthent } from '../../core/sign';
import { CONTROL_PATHS, type PaperStatus } from './control';

/** Where a paper exchange listens and one of its keys: enough to ask for its status or a reset. */
export interface PaperControlTarget {
	restUrl: string;
	apiKey: string;
	apiSecret: string;
}

export interface PaperResetRequest {
	startingCollateralUsd?: number;
	/** Apply once: no reset when the last one is at least this recent. */
	requestedAt?: string;
}

const TIMEOUT_MS = 10_000;

async function signedCall(
	target: PaperControlTarget,
	method: 'GET' | 'POST',
	path: string,
	body = '',
): Promise<Record<string, unknown>> {
	const headers: Record<string, string> = {
		apikey: target.apiKey,
		authent: computeAuthent(body, '', path, target.apiSecret),
	};
	if (body !== '') headers['content-type'] = 'application/x-www-form-urlencoded';
	const response = await fetch(new URL(path, target.restUrl), {
		method,
		headers,
		body: method === 'POST' ? body : undefined,
		signal: AbortSignal.timeout(TIMEOUT_MS),
	});
	const answer = (await response.json()) as Record<string, unknown>;
	if (answer.result !== 'success') {
		throw new Error(`paper exchange refused ${path}: ${String(answer.error ?? response.status)}`);
	}
	return answer;
}

export async function fetchPaperStatus(target: PaperControlTarget): Promise<PaperStatus> {
	const { statePath, pid, startingCollateralUsd, lastResetAt } = await signedCall(
		target,
		'GET',
		CONTROL_PATHS.status,
	);
	return { statePath, pid, startingCollateralUsd, lastResetAt } as PaperStatus;
}

/** Resets the paper accounts; answers whether it did (a `requestedAt` reset already done is skipped). */
export async function resetPaperAccounts(
	target: PaperControlTarget,
	request: PaperResetRequest = {},
): Promise<{ reset: boolean; status: PaperStatus }> {
	const form = new URLSearchParams();
	if (request.startingCollateralUsd !== undefined)
		form.set('startingCollateralUsd', String(request.startingCollateralUsd));
	if (request.requestedAt !== undefined) form.set('requestedAt', request.requestedAt);
	const answer = await signedCall(target, 'POST', CONTROL_PATHS.reset, form.toString());
	const { statePath, pid, startingCollateralUsd, lastResetAt } = answer;
	return {
		reset: answer.reset === true,
		status: { statePath, pid, startingCollateralUsd, lastResetAt } as PaperStatus,
	};
}
