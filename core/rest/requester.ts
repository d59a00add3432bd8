import {
	KrakenConfigError,
	KrakenError,
	KrakenNetworkError,
	KrakenRateLimitError,
	KrakenTimeoutError,
} from '../errors';
import { assertLegacyAvailable, type Clock } from '../legacy-cutoff';
import type { Logger, SecretRedactor } from '../logger';
import { nextNonce } from '../nonce';
import type { KeyBudgets } from '../rate-limit/registry';
import type { SettleGrant } from '../rate-limit/fifo-limiter';
import type { KrakenSigner } from '../sign';
import { abortableDelay } from './abortable-delay';
import type { EndpointSpec } from './endpoints';
import { parseKrakenResponse } from './response';
import type { HttpRequest, HttpTransport } from './transport';

export interface RetryOptions {
	/** How often a read-only call is retried after `apiLimitExceeded` / HTTP 429. */
	attempts: number;
	/** First backoff delay in ms; doubles on each retry unless the server says how long to wait. */
	initialDelayMs: number;
	maxDelayMs: number;
}

export interface RequesterOptions {
	restUrl: string;
	transport: HttpTransport;
	timeoutMs: number;
	signer?: KrakenSigner;
	useNonce: boolean;
	budgets?: KeyBudgets;
	/** How long a call may wait for rate-limit budget before it fails unsent; no bound when absent. */
	maxQueueWaitMs?: number;
	retry: RetryOptions;
	logger: Logger;
	redactor: SecretRedactor;
	/** Read for the legacy cut-off date; the system clock unless a test sets it. */
	clock?: Clock;
}

export interface CallOptions {
	/** The encoded query string (no `?`), sent and signed as is. */
	query?: string;
	/** The encoded form body, sent and signed as is. */
	body?: string;
	/** Rate-limit cost when it differs from the endpoint's fixed cost. */
	cost?: number;
	signal?: AbortSignal;
	timeoutMs?: number;
	/** Ahead of queued calls and without the queue bound (outcome lookups); still counted. */
	priority?: boolean;
}

const UNDICI_TIMEOUT_CODES = new Set([
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Sends one Kraken REST call: waits for rate-limit budget, signs exactly the bytes it sends,
 * enforces the timeout, and turns every failure into a `KrakenError` that carries no secret.
 */
export class RestRequester {
	constructor(private readonly options: RequesterOptions) {}

	async call(spec: EndpointSpec, callOptions: CallOptions = {}): Promise<Record<string, unknown>> {
		assertLegacyAvailable(this.options.restUrl, this.options.clock);
		if (spec.private && this.options.signer === undefined) {
			throw new KrakenConfigError(`apiKey and apiSecret are required for ${spec.path}`, { field: 'apiKey' });
		}
		const { retry } = this.options;
		for (let attempt = 0; ; attempt += 1) {
			const settle = await this.#acquireBudget(spec, callOptions);
			try {
				return await this.#send(spec, callOptions).finally(settle);
			} catch (error) {
				const retryable = spec.readOnly && error instanceof KrakenRateLimitError && attempt < retry.attempts;
				if (!retryable) throw error;
				const delayMs =
					error.retryAfterSeconds !== undefined
						? error.retryAfterSeconds * 1000
						: Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** attempt);
				// A server that asks for a long pause (the history pool refills over minutes) gets an
				// error back at once, carrying retryAfterSeconds, rather than a call that hangs.
				if (delayMs > retry.maxDelayMs) throw error;
				this.options.logger.warn(`rate limited on ${spec.path}; retrying in ${delayMs} ms`, {
					attempt: attempt + 1,
				});
				await abortableDelay(delayMs, callOptions.signal, () => abortedError(spec));
			}
		}
	}

	async #acquireBudget(spec: EndpointSpec, callOptions: CallOptions): Promise<SettleGrant> {
		const budgets = this.options.budgets;
		if (budgets === undefined || spec.pool === 'public') return () => undefined;
		const budget = spec.pool === 'history' ? budgets.history : budgets.derivatives;
		const priority = callOptions.priority === true;
		const maxWaitMs = priority ? undefined : this.options.maxQueueWaitMs;
		return budget.acquire(callOptions.cost ?? spec.cost, {
			priority,
			...(callOptions.signal !== undefined ? { signal: callOptions.signal } : {}),
			...(maxWaitMs !== undefined ? { maxWaitMs } : {}),
		});
	}

	async #send(spec: EndpointSpec, callOptions: CallOptions): Promise<Record<string, unknown>> {
		const { signer, useNonce, transport } = this.options;
		const query = callOptions.query ?? '';
		const body = callOptions.body;
		const timeoutMs = callOptions.timeoutMs ?? this.options.timeoutMs;
		const url = `${this.options.restUrl}${spec.path}${query === '' ? '' : `?${query}`}`;
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
		const redactions: string[] = [];
		if (spec.private && signer !== undefined) {
			// Nonce, signature and dispatch happen with no await in between, so calls reach the
			// transport in nonce order.
			const nonce = useNonce ? nextNonce(signer.apiKey) : '';
			const authent = signer.authent(query + (body ?? ''), nonce, spec.path);
			headers.APIKey = signer.apiKey;
			headers.Authent = authent;
			if (useNonce) headers.Nonce = nonce;
			redactions.push(authent, signer.apiKey);
		}
		const controller = new AbortController();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, timeoutMs);
		const callerSignal = callOptions.signal;
		const onCallerAbort = (): void => controller.abort();
		if (callerSignal?.aborted) controller.abort();
		callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
		const request: HttpRequest = { method: spec.method, url, headers, timeoutMs, signal: controller.signal };
		if (body !== undefined) request.body = body;
		const started = Date.now();
		try {
			const response = await transport.request(request);
			this.options.logger.debug(`${spec.method} ${spec.path} -> HTTP ${response.status}`, {
				ms: Date.now() - started,
			});
			return parseKrakenResponse(response, spec.path);
		} catch (error) {
			if (error instanceof KrakenError && !(error instanceof KrakenNetworkError)) throw error;
			throw this.#networkError(spec, error, {
				timedOut,
				timeoutMs,
				aborted: callerSignal?.aborted === true,
				redactions,
			});
		} finally {
			clearTimeout(timer);
			callerSignal?.removeEventListener('abort', onCallerAbort);
		}
	}

	#networkError(
		spec: EndpointSpec,
		error: unknown,
		state: { timedOut: boolean; timeoutMs: number; aborted: boolean; redactions: string[] },
	): KrakenNetworkError {
		const cause = sanitizeError(error, (text) =>
			redactAll(this.options.redactor.redact(text), state.redactions),
		);
		const code = (error as { code?: unknown } | null)?.code;
		if (
			state.timedOut ||
			error instanceof KrakenTimeoutError ||
			(typeof code === 'string' && UNDICI_TIMEOUT_CODES.has(code))
		) {
			return new KrakenTimeoutError(
				`no answer from Kraken Futures within ${state.timeoutMs} ms (${spec.path})`,
				{
					cause,
				},
			);
		}
		if (state.aborted) return abortedError(spec, cause);
		return new KrakenNetworkError(`could not reach Kraken Futures (${spec.path}): ${cause.message}`, {
			cause,
		});
	}
}

function abortedError(spec: EndpointSpec, cause?: Error): KrakenNetworkError {
	return new KrakenNetworkError(`the call to ${spec.path} was aborted by the caller`, cause ? { cause } : {});
}

function redactAll(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[redacted]');
	return result;
}

/**
 * A copy of a transport error with only its name, code and redacted message. The original may
 * hold the request (headers with APIKey and Authent), so it is never passed on.
 */
function sanitizeError(error: unknown, redact: (text: string) => string): Error {
	const original = error instanceof Error ? error : new Error(String(error));
	const copy = new Error(redact(original.message || original.name));
	copy.name = redact(original.name);
	const code = (original as { code?: unknown }).code;
	if (typeof code === 'string') Object.assign(copy, { code: redact(code) });
	copy.stack = `${copy.name}: ${copy.message}`;
	return copy;
}
