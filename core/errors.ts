/**
 * One error hierarchy for everything the core throws. Branch on `code`, not on the message.
 * No error carries a secret, a signature or request headers.
 */

export type KrakenErrorCode =
	| 'KRAKEN_CONFIG'
	| 'KRAKEN_INVALID_ARG'
	| 'KRAKEN_NETWORK'
	| 'KRAKEN_TIMEOUT'
	| 'KRAKEN_API'
	| 'KRAKEN_AUTH'
	| 'KRAKEN_RATE_LIMIT'
	| 'KRAKEN_UNAVAILABLE'
	| 'KRAKEN_ORDER_REJECTED'
	| 'KRAKEN_OUTCOME_UNKNOWN'
	| 'KRAKEN_WS'
	| 'KRAKEN_UNSUPPORTED';

export interface KrakenErrorJSON {
	name: string;
	code: KrakenErrorCode;
	message: string;
	retryable: boolean;
	field?: string;
	httpStatus?: number;
	krakenError?: string;
	status?: string;
	endpoint?: string;
	feature?: string;
	substitute?: string;
}

export interface KrakenErrorOptions {
	cause?: unknown;
	field?: string;
}

export class KrakenError extends Error {
	readonly code: KrakenErrorCode = 'KRAKEN_API';
	readonly retryable: boolean = false;
	/** The input field at fault, for config and validation errors. */
	readonly field?: string;

	constructor(message: string, options: KrakenErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = new.target.name;
		if (options.field !== undefined) this.field = options.field;
	}

	toJSON(): KrakenErrorJSON {
		const json: KrakenErrorJSON = {
			name: this.name,
			code: this.code,
			message: this.message,
			retryable: this.retryable,
		};
		if (this.field !== undefined) json.field = this.field;
		return json;
	}
}

/** Missing or malformed key, secret, URL or environment. Never retried. */
export class KrakenConfigError extends KrakenError {
	override readonly code = 'KRAKEN_CONFIG';
}

/** Input rejected locally, before anything was sent. Never retried. */
export class KrakenValidationError extends KrakenError {
	override readonly code = 'KRAKEN_INVALID_ARG';
	constructor(field: string, reason: string, options: Omit<KrakenErrorOptions, 'field'> = {}) {
		super(`${field}: ${reason}`, { ...options, field });
	}
}

/** The request did not complete: connection refused, reset, DNS, TLS. */
export class KrakenNetworkError extends KrakenError {
	override readonly code: KrakenErrorCode = 'KRAKEN_NETWORK';
	override readonly retryable = true;
}

/** No answer within the request timeout. The outcome of a state-changing call is unknown. */
export class KrakenTimeoutError extends KrakenNetworkError {
	override readonly code = 'KRAKEN_TIMEOUT';
}

export interface KrakenApiErrorDetails extends KrakenErrorOptions {
	httpStatus?: number;
	krakenError?: string;
	endpoint?: string;
	/** The parsed response body, kept for diagnostics. Response bodies never contain secrets. */
	body?: unknown;
}

/** Kraken answered with an error. */
export class KrakenApiError extends KrakenError {
	override readonly code: KrakenErrorCode = 'KRAKEN_API';
	readonly httpStatus?: number;
	readonly krakenError?: string;
	readonly endpoint?: string;
	readonly body?: unknown;

	constructor(message: string, details: KrakenApiErrorDetails = {}) {
		super(message, details);
		if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
		if (details.krakenError !== undefined) this.krakenError = details.krakenError;
		if (details.endpoint !== undefined) this.endpoint = details.endpoint;
		if (details.body !== undefined) this.body = details.body;
	}

	override toJSON(): KrakenErrorJSON {
		const json = super.toJSON();
		if (this.httpStatus !== undefined) json.httpStatus = this.httpStatus;
		if (this.krakenError !== undefined) json.krakenError = this.krakenError;
		if (this.endpoint !== undefined) json.endpoint = this.endpoint;
		return json;
	}
}

/** Wrong key or signature, Spot key on Futures, nonce out of order. */
export class KrakenAuthError extends KrakenApiError {
	override readonly code = 'KRAKEN_AUTH';
}

/** `apiLimitExceeded` or HTTP 429. */
export class KrakenRateLimitError extends KrakenApiError {
	override readonly code = 'KRAKEN_RATE_LIMIT';
	override readonly retryable = true;
	/** Seconds until the budget refills, when the server said so. */
	readonly retryAfterSeconds?: number;
	constructor(message: string, details: KrakenApiErrorDetails & { retryAfterSeconds?: number } = {}) {
		super(message, details);
		if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
	}
}

/** Maintenance, `Unavailable`, `marketUnavailable`, HTTP 5xx. */
export class KrakenUnavailableError extends KrakenApiError {
	override readonly code = 'KRAKEN_UNAVAILABLE';
	override readonly retryable = true;
}

export interface OrderRejectionDetails extends KrakenApiErrorDetails {
	/** The raw status string, e.g. `insufficientAvailableFunds`. */
	status: string;
	orderId?: string;
	cliOrdId?: string;
	orderEvents?: unknown[];
}

/**
 * `result: "success"` with a status other than placed/edited/cancelled, or a REJECT event:
 * the order does not exist (or the edit/cancel did not happen).
 */
export class KrakenOrderRejectedError extends KrakenApiError {
	override readonly code = 'KRAKEN_ORDER_REJECTED';
	readonly status: string;
	readonly orderId?: string;
	readonly cliOrdId?: string;
	readonly orderEvents: unknown[];

	constructor(message: string, details: OrderRejectionDetails) {
		super(message, details);
		this.status = details.status;
		if (details.orderId !== undefined) this.orderId = details.orderId;
		if (details.cliOrdId !== undefined) this.cliOrdId = details.cliOrdId;
		this.orderEvents = details.orderEvents ?? [];
	}

	override toJSON(): KrakenErrorJSON {
		return { ...super.toJSON(), status: this.status };
	}
}

/** What an order-changing call was when its outcome could not be established. */
export type OrderChangeAction = 'send' | 'edit' | 'cancel' | 'cancelAll' | 'batch' | 'deadManSwitch';

export interface OutcomeUnknownDetails extends KrakenErrorOptions {
	action: OrderChangeAction;
	cliOrdId?: string;
	orderId?: string;
}

/**
 * The call may or may not have taken effect: the request left, but no trustworthy answer came back
 * and looking the order up could not settle it. Not a failure: the order may exist. It was not
 * re-sent; check the account (open orders, fills) before acting again.
 */
export class KrakenOrderOutcomeUnknownError extends KrakenError {
	override readonly code = 'KRAKEN_OUTCOME_UNKNOWN';
	readonly action: OrderChangeAction;
	readonly cliOrdId?: string;
	readonly orderId?: string;

	constructor(message: string, details: OutcomeUnknownDetails) {
		super(message, details);
		this.action = details.action;
		if (details.cliOrdId !== undefined) this.cliOrdId = details.cliOrdId;
		if (details.orderId !== undefined) this.orderId = details.orderId;
	}
}

/** WebSocket protocol failures: challenge refused, subscribe failed, `alert`/`error` events. */
export class KrakenWsError extends KrakenError {
	override readonly code = 'KRAKEN_WS';
	readonly feed?: string;
	constructor(message: string, options: KrakenErrorOptions & { feed?: string } = {}) {
		super(message, options);
		if (options.feed !== undefined) this.feed = options.feed;
	}
}

export type KrakenTransportName = 'unified' | 'legacy';

const TRANSPORT_NAMES: Readonly<Record<KrakenTransportName, string>> = {
	unified: "Kraken's Unified WebSocket",
	legacy: "Kraken's Derivatives REST v3 API",
};

/**
 * The feature exists on one of Kraken's APIs but not on the one this client talks to. Nothing was
 * sent. `substitute` names what that API offers instead, where it offers anything.
 */
export class KrakenUnsupportedError extends KrakenError {
	override readonly code = 'KRAKEN_UNSUPPORTED';
	readonly feature: string;
	readonly transport: KrakenTransportName;
	readonly substitute?: string;

	constructor(
		feature: string,
		options: KrakenErrorOptions & { transport?: KrakenTransportName; substitute?: string } = {},
	) {
		const transport = options.transport ?? 'unified';
		const instead = options.substitute === undefined ? '' : `; instead: ${options.substitute}`;
		super(`${feature} is not available: ${TRANSPORT_NAMES[transport]} does not offer it${instead}`, options);
		this.feature = feature;
		this.transport = transport;
		if (options.substitute !== undefined) this.substitute = options.substitute;
	}

	override toJSON(): KrakenErrorJSON {
		return {
			...super.toJSON(),
			feature: this.feature,
			...(this.substitute !== undefined ? { substitute: this.substitute } : {}),
		};
	}
}

export function isKrakenError(value: unknown): value is KrakenError {
	return value instanceof KrakenError;
}
