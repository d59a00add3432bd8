import {
	KrakenApiError,
	KrakenAuthError,
	type KrakenError,
	type KrakenErrorJSON,
	KrakenOrderRejectedError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	KrakenValidationError,
} from '../errors';

/**
 * Kraken's Unified WebSocket answers a failed request with `success: false` and one `error`
 * string (not the REST array). This table turns each string into the package's error classes.
 * Strings marked in core/uws/unverified.ts come from Spot v2 and Kraken's SDK, not from a UWS
 * page; anything unknown stays a plain `KrakenApiError` with Kraken's text verbatim.
 */

export type UwsErrorKind = 'auth' | 'rateLimit' | 'unavailable' | 'orderRejected' | 'validation' | 'api';

export interface UwsErrorRow {
	/** An exact Kraken string, or a prefix when `prefix` is set. */
	match: string;
	prefix?: boolean;
	kind: UwsErrorKind;
	/** What it means to a user, in plain words. */
	message: string;
}

/** Said whenever Kraken refuses the key: the most likely cause is a Futures key in the wrong place. */
export const KRAKEN_KEY_HINT =
	'the Unified WebSocket needs a Kraken API key (created on kraken.com under Settings > API, with the "Access WebSocket API" permission), not a Kraken Futures API key';

export const UWS_ERROR_ROWS: readonly UwsErrorRow[] = [
	{ match: 'EAPI:Invalid key', kind: 'auth', message: `Kraken refused the API key: ${KRAKEN_KEY_HINT}` },
	{
		match: 'EAPI:Invalid signature',
		kind: 'auth',
		message: `Kraken refused the signature: check that the private key belongs to this API key (${KRAKEN_KEY_HINT})`,
	},
	{
		match: 'EAPI:Invalid nonce',
		kind: 'auth',
		message:
			'Kraken refused the nonce: another program using this Kraken API key sent a higher one (give each program its own key)',
	},
	{
		match: 'EGeneral:Permission denied',
		kind: 'auth',
		message:
			'the Kraken API key lacks a permission this call needs: enable "Access WebSocket API" plus the query and order permissions the flow uses',
	},
	{
		match: 'EGeneral:Temporary lockout',
		kind: 'auth',
		message: 'Kraken locked this API key out for about 15 minutes after repeated authentication failures',
	},
	{
		match: 'EAPI:Invalid token',
		kind: 'auth',
		message: 'Kraken refused the WebSocket token (expired or unknown) even after a fresh one was fetched',
	},
	{
		match: 'ESession:Invalid session',
		kind: 'auth',
		message: 'Kraken refused the WebSocket session (token expired or unknown) even after a fresh token',
	},
	{ match: 'EAPI:Rate limit exceeded', kind: 'rateLimit', message: 'Kraken API rate limit exceeded' },
	{
		match: 'EOrder:Rate limit exceeded',
		kind: 'rateLimit',
		message: 'Kraken trading rate limit exceeded: wait before sending more orders',
	},
	{
		match: 'EService:Throttled',
		prefix: true,
		kind: 'rateLimit',
		message: 'Kraken throttled this API key until the time it names',
	},
	{
		match: 'Preferences are not available yet',
		prefix: true,
		kind: 'unavailable',
		message: 'Kraken has no account preferences yet: try again shortly',
	},
	{ match: 'EService:', prefix: true, kind: 'unavailable', message: 'Kraken is unavailable' },
	{ match: 'EGeneral:Internal error', kind: 'unavailable', message: 'Kraken reported an internal error' },
	{ match: 'EOrder:Insufficient funds', kind: 'orderRejected', message: 'insufficient funds' },
	{
		match: 'EOrder:Invalid order',
		kind: 'orderRejected',
		message: 'no such open order (it may already be filled or cancelled)',
	},
	{ match: 'EOrder:Orders limit exceeded', kind: 'orderRejected', message: 'too many open orders' },
	{ match: 'EOrder:', prefix: true, kind: 'orderRejected', message: 'Kraken rejected the order' },
	{
		match: 'EGeneral:Invalid arguments',
		prefix: true,
		kind: 'validation',
		message: 'Kraken rejected an argument as invalid',
	},
	{ match: 'Currency pair not supported', prefix: true, kind: 'validation', message: 'unknown symbol' },
	{ match: 'Subscription name invalid', kind: 'validation', message: 'unknown channel' },
	{
		match: "'params.",
		prefix: true,
		kind: 'validation',
		message: 'Kraken does not accept this parameter here',
	},
	{ match: 'Unknown ', prefix: true, kind: 'validation', message: 'Kraken does not know this value' },
	{
		match: 'Leverage ',
		prefix: true,
		kind: 'api',
		message: 'Kraken refused the leverage change',
	},
	{
		match: 'Insufficient margin for the requested leverage',
		kind: 'api',
		message: 'insufficient margin for the requested leverage',
	},
];

export interface UwsErrorContext {
	/** The request's method (or `GetWebSocketsToken` for the token call). */
	method: string;
	reqId?: number;
	/** The request's params; only order ids are read from them, never the token. */
	params?: Record<string, unknown>;
	/** The whole reply, kept on API errors for diagnostics (replies carry no secrets). */
	raw?: Record<string, unknown>;
}

/** A server-side argument rejection: a validation error that also keeps Kraken's string. */
export class KrakenUwsValidationError extends KrakenValidationError {
	readonly krakenError: string;
	readonly endpoint: string;

	constructor(field: string, reason: string, krakenError: string, endpoint: string) {
		super(field, reason);
		this.krakenError = krakenError;
		this.endpoint = endpoint;
	}

	override toJSON(): KrakenErrorJSON {
		return { ...super.toJSON(), krakenError: this.krakenError, endpoint: this.endpoint };
	}
}

export function findUwsErrorRow(krakenError: string): UwsErrorRow | undefined {
	const text = krakenError.trim();
	return UWS_ERROR_ROWS.find((row) => (row.prefix ? text.startsWith(row.match) : text === row.match));
}

/** `'params.order_qty' is …`, `EGeneral:Invalid arguments:order_qty`, `Currency pair not supported X`. */
function fieldOf(krakenError: string, kind: UwsErrorKind): string {
	const quoted = /'params\.([\w.]+)'/.exec(krakenError);
	if (quoted) return quoted[1];
	const suffix = /^EGeneral:Invalid arguments:\s*([\w.]+)/.exec(krakenError);
	if (suffix) return suffix[1];
	if (krakenError.startsWith('Currency pair not supported')) return 'symbol';
	if (krakenError.startsWith('Subscription name invalid')) return 'channel';
	return kind === 'validation' ? 'params' : '';
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	return undefined;
}

/** Seconds until `EService:Throttled: <unix seconds>` lifts, when the string carries the time. */
function throttledFor(krakenError: string): number | undefined {
	const until = /Throttled:\s*(\d+)/.exec(krakenError);
	if (!until) return undefined;
	return Math.max(0, Number(until[1]) - Math.floor(Date.now() / 1000));
}

/** The KrakenError for one `error` string, with Kraken's text kept in the error's details. */
export function uwsErrorToKrakenError(krakenError: string, context: UwsErrorContext): KrakenError {
	const row = findUwsErrorRow(krakenError);
	const kind = row?.kind ?? 'api';
	const meaning = row?.message ?? 'Kraken refused the request';
	const message = `${context.method} failed: ${meaning} (Kraken: ${krakenError})`;
	const details = { krakenError, endpoint: context.method, ...(context.raw ? { body: context.raw } : {}) };
	switch (kind) {
		case 'auth':
			return new KrakenAuthError(message, details);
		case 'rateLimit': {
			const retryAfterSeconds = throttledFor(krakenError);
			return new KrakenRateLimitError(message, {
				...details,
				...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
			});
		}
		case 'unavailable':
			return new KrakenUnavailableError(message, details);
		case 'orderRejected': {
			const orderId = text(context.params?.order_id);
			const cliOrdId = text(context.params?.cl_ord_id);
			return new KrakenOrderRejectedError(message, {
				...details,
				status: krakenError,
				...(orderId ? { orderId } : {}),
				...(cliOrdId ? { cliOrdId } : {}),
			});
		}
		case 'validation': {
			const field = fieldOf(krakenError, kind);
			return new KrakenUwsValidationError(
				field,
				`${meaning} (Kraken: ${krakenError})`,
				krakenError,
				context.method,
			);
		}
		case 'api':
			return new KrakenApiError(message, details);
	}
}

/** Whether a refusal means the token went stale: fetch a fresh token and send once more. */
export function isStaleTokenError(krakenError: string): boolean {
	const text = krakenError.trim();
	return text === 'EAPI:Invalid token' || text === 'ESession:Invalid session';
}
