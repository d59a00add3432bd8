import {
	KrakenApiError,
	KrakenError,
	KrakenNetworkError,
	KrakenOrderRejectedError,
	KrakenOrderOutcomeUnknownError,
	KrakenTimeoutError,
	KrakenUnavailableError,
	type OrderChangeAction,
} from '../errors';
import {
	findOrder,
	type FoundOrder,
	isOpen,
	numberOf,
	orderIdOf,
	type OrderRef,
	type OutcomeLookups,
} from './find-order';
import { isOutcomeUncertain } from './uncertain';

export interface OutcomeContext {
	lookups: OutcomeLookups;
	/** The whole time resolution may take; after it the outcome is reported unknown. */
	timeoutMs: number;
}

const NOT_RESENT = 'It was NOT re-sent';
const CHECK_FIRST =
	'check open orders and fills before acting again (a retry with the same cliOrdId cannot place a second order)';

function refText(ref: OrderRef): string {
	return ref.orderId !== undefined ? `order_id ${ref.orderId}` : `cliOrdId ${ref.cliOrdId ?? '?'}`;
}

function reasonOf(error: unknown): string {
	return error instanceof KrakenError ? error.message : 'the lookup failed';
}

/** Runs the lookups under one deadline; the signal aborts whatever is still waiting or in flight. */
async function withDeadline<T>(
	context: OutcomeContext,
	run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), context.timeoutMs);
	try {
		return await run(controller.signal);
	} finally {
		clearTimeout(timer);
	}
}

export function unknownOutcome(
	action: OrderChangeAction,
	what: string,
	cause: unknown,
	ref: OrderRef = {},
	lookupFailure?: unknown,
): KrakenOrderOutcomeUnknownError {
	const lookup = lookupFailure === undefined ? '' : `; looking it up failed too (${reasonOf(lookupFailure)})`;
	return new KrakenOrderOutcomeUnknownError(
		`outcome unknown: ${what} may or may not have taken effect (${reasonOf(cause)})${lookup}. ${NOT_RESENT}; ${CHECK_FIRST}`,
		{ action, cause, ...ref },
	);
}

/** The same kind of error as the unclear one, now saying what the lookup established. */
export function settledFailure(cause: unknown, message: string): KrakenError {
	if (cause instanceof KrakenTimeoutError) return new KrakenTimeoutError(message, { cause });
	if (cause instanceof KrakenApiError) {
		return new KrakenUnavailableError(message, {
			cause,
			...(cause.httpStatus !== undefined ? { httpStatus: cause.httpStatus } : {}),
			...(cause.endpoint !== undefined ? { endpoint: cause.endpoint } : {}),
		});
	}
	return new KrakenNetworkError(message, { cause });
}

async function lookUp(
	context: OutcomeContext,
	action: OrderChangeAction,
	ref: OrderRef,
	cause: unknown,
): Promise<FoundOrder | undefined> {
	try {
		return await withDeadline(context, (signal) => findOrder(context.lookups, ref, signal));
	} catch (lookupError) {
		throw unknownOutcome(action, `${action} of ${refText(ref)}`, cause, ref, lookupError);
	}
}

/**
 * After a send without a clear answer: the order as the exchange holds it, a rejection the
 * exchange recorded, or, when no list knows the cliOrdId, an error saying it was not placed.
 */
export async function resolveSendOutcome(
	context: OutcomeContext,
	cliOrdId: string,
	cause: unknown,
): Promise<FoundOrder> {
	const found = await lookUp(context, 'send', { cliOrdId }, cause);
	if (found === undefined) {
		throw settledFailure(
			cause,
			`${reasonOf(cause)}; no order with cliOrdId ${cliOrdId} exists at the exchange (order status, open orders, fills), so it was not placed. ${NOT_RESENT}`,
		);
	}
	const rejection = found.entry.error;
	if (typeof rejection === 'string' && rejection !== '') {
		throw new KrakenOrderRejectedError(`order send rejected: ${rejection} (found after no clear answer)`, {
			status: rejection,
			cliOrdId,
		});
	}
	return found;
}

interface EditLike extends OrderRef {
	size?: number;
	limitPrice?: number;
	stopPrice?: number;
	qtyMode?: 'ABSOLUTE' | 'RELATIVE';
}

function sizeNow(entry: Record<string, unknown>, qtyMode: EditLike['qtyMode']): number | undefined {
	const quantity = numberOf(entry, ['quantity']);
	const filled = numberOf(entry, ['filled', 'filledSize']) ?? 0;
	const unfilled = numberOf(entry, ['unfilledSize']);
	if (qtyMode === 'ABSOLUTE') return quantity ?? (unfilled === undefined ? undefined : unfilled + filled);
	return unfilled ?? (quantity === undefined ? undefined : quantity - filled);
}

/** Whether the order now shows every value the edit asked for; undefined when it cannot tell. */
function editApplied(found: FoundOrder, edit: EditLike): boolean | undefined {
	const checks: [number | undefined, number | undefined][] = [];
	if (edit.limitPrice !== undefined) checks.push([edit.limitPrice, numberOf(found.entry, ['limitPrice'])]);
	if (edit.stopPrice !== undefined)
		checks.push([edit.stopPrice, numberOf(found.entry, ['stopPrice', 'triggerPrice'])]);
	if (edit.size !== undefined) checks.push([edit.size, sizeNow(found.entry, edit.qtyMode)]);
	if (checks.length === 0 || checks.some(([, now]) => now === undefined)) return undefined;
	return checks.every(([wanted, now]) => Math.abs((wanted as number) - (now as number)) < 1e-12);
}

/** After an edit without a clear answer: edited when the order shows the new values. */
export async function resolveEditOutcome(
	context: OutcomeContext,
	edit: EditLike,
	cause: unknown,
): Promise<FoundOrder> {
	const ref = edit.orderId !== undefined ? { orderId: edit.orderId } : { cliOrdId: edit.cliOrdId };
	const found = await lookUp(context, 'edit', ref, cause);
	const applied = found === undefined ? undefined : editApplied(found, edit);
	if (found !== undefined && applied === true) return found;
	if (found !== undefined && applied === false && isOpen(found)) {
		throw settledFailure(
			cause,
			`${reasonOf(cause)}; ${refText(ref)} is open with its previous values, so it was not edited. ${NOT_RESENT}`,
		);
	}
	throw unknownOutcome('edit', `the edit of ${refText(ref)}`, cause, ref);
}

/** After a cancel without a clear answer: cancelled, still open (not cancelled), or filled. */
export async function resolveCancelOutcome(
	context: OutcomeContext,
	ref: OrderRef,
	cause: unknown,
): Promise<FoundOrder> {
	const found = await lookUp(context, 'cancel', ref, cause);
	if (found === undefined) throw unknownOutcome('cancel', `the cancel of ${refText(ref)}`, cause, ref);
	if (isOpen(found)) {
		throw settledFailure(
			cause,
			`${reasonOf(cause)}; ${refText(ref)} is still open, so it was not cancelled. ${NOT_RESENT}`,
		);
	}
	const status = String(found.entry.status ?? '');
	if (found.source === 'fills' || status === 'FULLY_EXECUTED') {
		throw new KrakenOrderRejectedError(
			`order cancel rejected: the order was already completely filled [filled] (found after no clear answer)`,
			{ status: 'filled', ...ref, ...(orderIdOf(found.entry) ? { orderId: orderIdOf(found.entry) } : {}) },
		);
	}
	if (status === 'CANCELLED') return found;
	throw unknownOutcome('cancel', `the cancel of ${refText(ref)}`, cause, ref);
}

/** After cancel-all without a clear answer: done when no open order (of the symbol) is left. */
export async function resolveCancelAllOutcome(
	context: OutcomeContext,
	symbol: string | undefined,
	cause: unknown,
): Promise<void> {
	let left: unknown[];
	try {
		left = await withDeadline(context, (signal) => context.lookups.openOrders(signal));
	} catch (lookupError) {
		throw unknownOutcome('cancelAll', 'cancel all orders', cause, {}, lookupError);
	}
	const ofSymbol = left.filter(
		(order) => symbol === undefined || (order as { symbol?: unknown } | null)?.symbol === symbol,
	);
	if (ofSymbol.length > 0) {
		throw unknownOutcome(
			'cancelAll',
			`cancel all orders (${ofSymbol.length} still open, possibly placed since)`,
			cause,
		);
	}
}

/**
 * For a call that has nothing to look up but is safe to repeat (the dead man's switch sets a
 * timer; setting it again sets it to the same end), send it once more ahead of the queue.
 */
export async function resolveByRepeating<T>(
	context: OutcomeContext,
	action: OrderChangeAction,
	what: string,
	cause: unknown,
	repeat: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
	try {
		return await withDeadline(context, repeat);
	} catch (repeatError) {
		if (isOutcomeUncertain(repeatError)) throw unknownOutcome(action, what, cause);
		throw repeatError;
	}
}
