import {
	KrakenApiError,
	KrakenAuthError,
	KrakenOrderRejectedError,
	KrakenRateLimitError,
	KrakenUnavailableError,
} from './errors';

type ApiErrorClass =
	| typeof KrakenApiError
	| typeof KrakenAuthError
	| typeof KrakenRateLimitError
	| typeof KrakenUnavailableError;

interface ApiErrorRow {
	errorClass: ApiErrorClass;
	message: string;
}

/**
 * Kraken's top-level `error` strings (the same enum on every endpoint) and what they mean to a
 * user. Unknown strings become a plain, non-retryable `KrakenApiError`.
 */
export const API_ERRORS: Readonly<Record<string, ApiErrorRow>> = {
	accountInactive: { errorClass: KrakenApiError, message: 'the Kraken Futures account is inactive' },
	apiLimitExceeded: {
		errorClass: KrakenRateLimitError,
		message: 'rate limit exceeded: Kraken refused the call until the request budget refills',
	},
	authenticationError: {
		errorClass: KrakenAuthError,
		message:
			'authentication failed: check the API key and secret (Kraken Futures keys are separate from Kraken Spot keys)',
	},
	insufficientFunds: { errorClass: KrakenApiError, message: 'insufficient funds' },
	invalidAccount: { errorClass: KrakenApiError, message: 'invalid account' },
	invalidAmount: { errorClass: KrakenApiError, message: 'invalid amount' },
	invalidArgument: { errorClass: KrakenApiError, message: 'Kraken rejected an argument as invalid' },
	invalidUnit: { errorClass: KrakenApiError, message: 'invalid unit' },
	'Json Parse Error': { errorClass: KrakenApiError, message: 'Kraken could not parse the request JSON' },
	marketUnavailable: { errorClass: KrakenUnavailableError, message: 'the market is unavailable' },
	nonceBelowThreshold: {
		errorClass: KrakenAuthError,
		message:
			'nonce below threshold: another client on this API key sent a higher nonce (turn the nonce off, or give each process its own key)',
	},
	nonceDuplicate: {
		errorClass: KrakenAuthError,
		message: 'nonce already used: another client on this API key sent the same nonce',
	},
	notFound: { errorClass: KrakenApiError, message: 'not found' },
	requiredArgumentMissing: { errorClass: KrakenApiError, message: 'a required argument is missing' },
	'Server Error': { errorClass: KrakenUnavailableError, message: 'Kraken reported a server error' },
	Unavailable: { errorClass: KrakenUnavailableError, message: 'Kraken Futures is unavailable' },
	unknownError: { errorClass: KrakenApiError, message: 'Kraken reported an unknown error' },
	contractNotFound: { errorClass: KrakenApiError, message: 'contract not found' },
	'Bad Request': { errorClass: KrakenApiError, message: 'Kraken rejected the request as malformed' },
};

/** Status strings that mean the order action happened. Everything else, known or not, is a rejection. */
export const ORDER_SUCCESS_STATUSES: Readonly<
	Record<'send' | 'edit' | 'cancel' | 'batch', readonly string[]>
> = {
	send: ['placed'],
	edit: ['edited'],
	cancel: ['cancelled'],
	batch: ['placed', 'edited', 'cancelled'],
};

/** Plain-language reasons for the order status strings Kraken returns inside `result: "success"`. */
export const ORDER_STATUS_REASONS: Readonly<Record<string, string>> = {
	partiallyFilled: 'the order was only partially filled',
	filled: 'the order was already completely filled',
	cancelled: 'the order was cancelled',
	edited: 'the order was edited',
	notFound: 'no such order (it may already be filled or cancelled)',
	noOrdersToCancel: 'there were no open orders to cancel',
	marketSuspended: 'the market is suspended',
	marketInactive: 'the market is inactive',
	marketIsPostOnly: 'the market accepts post-only orders only',
	invalidOrderType: 'invalid order type',
	invalidSide: 'invalid side',
	invalidPrice: 'invalid price (check the tick size)',
	invalidSize: 'invalid size (check the contract size precision)',
	tooManySmallOrders: 'too many small orders',
	tooManyOrders: 'too many open orders',
	maxPositionViolation: 'the order would exceed the maximum position size',
	outsidePriceCollar: 'the price is outside the price collar',
	wouldIncreasePriceDislocation: 'the order would increase price dislocation',
	insufficientAvailableFunds: 'insufficient available funds (margin) for this order',
	wouldCauseLiquidation: 'the order would cause a liquidation',
	fixedLeverageTooHigh: 'the fixed leverage is too high',
	clientOrderIdAlreadyExist: 'the cliOrdId is already in use',
	clientOrderIdTooBig: 'the cliOrdId is too long (100 characters at most)',
	clientOrderIdTooLong: 'the cliOrdId is too long (100 characters at most)',
	clientOrderIdInvalid: 'the cliOrdId is invalid',
	orderForEditNotAStop: 'the order to edit is not a stop order',
	orderForEditNotFound: 'the order to edit was not found',
	cannotEditTriggerPriceOfTrailingStop: 'the trigger price of a trailing stop cannot be edited',
	cannotEditLimitPriceOfTrailingStop: 'the limit price of a trailing stop cannot be edited',
	postWouldExecute: 'a post-only order would have executed immediately',
	iocWouldNotExecute: 'an immediate-or-cancel order found nothing to execute against',
	selfFill: 'the order would fill against your own order',
	wouldNotReducePosition: 'a reduce-only order would not reduce the position',
	wouldProcessAfterSpecifiedTime: 'the order would be processed after processBefore',
	requiredArgumentMissing: 'a required argument is missing',
	notAllCancelled:
		'Kraken cancelled fewer orders of this batch step than it was given (which ones is unknown)',
};

export function describeOrderStatus(status: string): string {
	// Own keys only: a status such as "toString" must not pick up Object.prototype members.
	return Object.hasOwn(ORDER_STATUS_REASONS, status)
		? ORDER_STATUS_REASONS[status]
		: `Kraken reported order status "${status}"`;
}

export interface ApiErrorContext {
	httpStatus?: number;
	endpoint?: string;
	body?: unknown;
	retryAfterSeconds?: number;
}

/** Maps a top-level `error` string (plus HTTP status) to the matching error class. */
export function apiErrorFromString(krakenError: string, context: ApiErrorContext = {}): KrakenApiError {
	const row = Object.hasOwn(API_ERRORS, krakenError) ? API_ERRORS[krakenError] : undefined;
	const where = context.endpoint ? ` (${context.endpoint})` : '';
	const details = { ...context, krakenError };
	if (row === undefined) {
		return new KrakenApiError(`Kraken Futures error "${krakenError}"${where}`, details);
	}
	const message = `${row.message} [${krakenError}]${where}`;
	if (row.errorClass === KrakenRateLimitError) return new KrakenRateLimitError(message, details);
	return new row.errorClass(message, details);
}

/** Maps an HTTP status with no usable Kraken error string. */
export function apiErrorFromHttpStatus(httpStatus: number, context: ApiErrorContext = {}): KrakenApiError {
	const where = context.endpoint ? ` (${context.endpoint})` : '';
	const details = { ...context, httpStatus };
	if (httpStatus === 401 || httpStatus === 403) {
		return new KrakenAuthError(
			`authentication failed: HTTP ${httpStatus}${where}; check the API key and secret (Kraken Futures keys are separate from Kraken Spot keys)`,
			details,
		);
	}
	if (httpStatus === 429) return new KrakenRateLimitError(`rate limit exceeded: HTTP 429${where}`, details);
	if (httpStatus >= 500)
		return new KrakenUnavailableError(`Kraken Futures answered HTTP ${httpStatus}${where}`, details);
	return new KrakenApiError(`Kraken Futures answered HTTP ${httpStatus}${where}`, details);
}

export type OrderAction = keyof typeof ORDER_SUCCESS_STATUSES;

interface OrderStatusLike {
	status?: unknown;
	order_id?: unknown;
	orderId?: unknown;
	cliOrdId?: unknown;
	orderEvents?: unknown;
}

function hasRejectEvent(events: unknown[]): boolean {
	return events.some(
		(event) => typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'REJECT',
	);
}

/**
 * Throws `KrakenOrderRejectedError` when a `sendStatus`/`editStatus`/`cancelStatus`/`batchStatus`
 * entry does not report success, or carries a REJECT event despite a success status.
 */
export function assertOrderAccepted(action: OrderAction, statusObject: unknown, endpoint?: string): void {
	const entry = (
		typeof statusObject === 'object' && statusObject !== null ? statusObject : {}
	) as OrderStatusLike;
	const status = typeof entry.status === 'string' ? entry.status : 'missingStatus';
	const events = Array.isArray(entry.orderEvents) ? entry.orderEvents : [];
	const succeeded = ORDER_SUCCESS_STATUSES[action].includes(status) && !hasRejectEvent(events);
	if (succeeded) return;
	const orderId =
		typeof entry.order_id === 'string'
			? entry.order_id
			: typeof entry.orderId === 'string'
				? entry.orderId
				: undefined;
	const cliOrdId = typeof entry.cliOrdId === 'string' ? entry.cliOrdId : undefined;
	throw new KrakenOrderRejectedError(`order ${action} rejected: ${describeOrderStatus(status)} [${status}]`, {
		status,
		orderEvents: events,
		...(orderId !== undefined ? { orderId } : {}),
		...(cliOrdId !== undefined ? { cliOrdId } : {}),
		...(endpoint !== undefined ? { endpoint } : {}),
	});
}
