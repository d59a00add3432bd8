import { describeInput } from '../describe-input';
import { KrakenValidationError } from '../errors';
import { ORDER_TYPES, type EditOrderRequest, type OrderType, type SendOrderRequest } from '../rest/types';
import type { InstrumentCache, InstrumentSpec } from './cache';
import { roundToStep, sizeStep, snapToGrid, truncateToStep } from './grid';

/** Local checks before anything reaches the exchange. Each failure names the field and why. */

const MAX_CLI_ORD_ID_LENGTH = 100;
// Kraken: the limit price offset "can only be set for triggers".
const TRIGGER_TYPES: readonly OrderType[] = ['stp', 'take_profit', 'trailing_stop'];
const SIDES = ['buy', 'sell'];
const TRIGGER_SIGNALS = ['mark', 'index', 'last'];

/** What each order type requires: a limit price, a stop price; whether it is a trigger order. */
interface TypeRules {
	limitPrice: boolean;
	stopPrice: boolean;
	trigger: boolean;
}

const RESTING: TypeRules = { limitPrice: true, stopPrice: false, trigger: false };
const STOP: TypeRules = { limitPrice: false, stopPrice: true, trigger: true };
const RULES_OF_TYPE: ReadonlyMap<unknown, TypeRules> = new Map<OrderType, TypeRules>([
	['lmt', RESTING],
	['post', RESTING],
	['ioc', RESTING],
	['fok', RESTING],
	['mkt', { limitPrice: false, stopPrice: false, trigger: false }],
	['stp', STOP],
	['take_profit', STOP],
	['trailing_stop', { limitPrice: false, stopPrice: false, trigger: true }],
]);
const DEVIATION_UNITS = ['PERCENT', 'QUOTE_CURRENCY'];
// Kraken's documented bounds for a percentage trailing distance.
const MIN_TRAILING_PERCENT = 0.1;
const MAX_TRAILING_PERCENT = 50;

function fail(field: string, reason: string): never {
	throw new KrakenValidationError(field, reason);
}

function checkPositive(field: string, value: unknown): void {
	if (typeof value !== 'number' || !Number.isFinite(value))
		fail(field, `must be a finite number, got ${describeInput(value)}`);
	if (value <= 0) fail(field, `must be greater than 0, got ${value}`);
}

function checkOptionalPositive(field: string, value: unknown): void {
	if (value !== undefined) checkPositive(field, value);
}

function notOneOf(field: string, value: unknown, allowed: readonly string[]): never {
	fail(field, `must be one of ${allowed.join(', ')}, got ${describeInput(value)}`);
}

function checkOneOf(field: string, value: unknown, allowed: readonly string[]): void {
	if (typeof value !== 'string' || !allowed.includes(value)) notOneOf(field, value, allowed);
}

function checkCliOrdId(value: unknown): void {
	if (value === undefined) return;
	if (typeof value !== 'string' || value.trim() === '') fail('cliOrdId', 'must be a non-empty string');
	if (value.length > MAX_CLI_ORD_ID_LENGTH) {
		fail('cliOrdId', `must be at most ${MAX_CLI_ORD_ID_LENGTH} characters, got ${value.length}`);
	}
}

function checkTrailing(deviation: unknown, unit: unknown): void {
	checkPositive('trailingStopMaxDeviation', deviation);
	checkOneOf('trailingStopDeviationUnit', unit, DEVIATION_UNITS);
	if (
		unit === 'PERCENT' &&
		((deviation as number) < MIN_TRAILING_PERCENT || (deviation as number) > MAX_TRAILING_PERCENT)
	) {
		fail(
			'trailingStopMaxDeviation',
			`must be between ${MIN_TRAILING_PERCENT} and ${MAX_TRAILING_PERCENT} percent`,
		);
	}
}

function checkProcessBefore(value: unknown): void {
	if (value === undefined) return;
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
		fail('processBefore', `must be an ISO date-time, got ${describeInput(value)}`);
	}
}

/**
 * A copy of the caller's own fields, made before any field is read. A caller's order is often
 * built as `{ ...template, cliOrdId }`, and under Node.js 20 (V8 11.3) every object built that
 * way, a spread followed by a field the template lacks, gets a hidden class of its own: each field
 * read from it misses V8's inline caches and costs a trip to the runtime (a dozen per order, tens
 * of microseconds on the path from a tick to its order). A plain spread adds no field, so every
 * copy with the same fields shares one hidden class and the checks and mapping after it stay on
 * fast paths. (`Object.assign` would share too, but it would let an own `__proto__` field, as
 * `JSON.parse` makes, replace the copy's prototype.)
 */
function ownCopy<T extends object>(request: T): T {
	return { ...request };
}

/**
 * Checks that need no instrument data. Returns a copy with the symbol in Kraken's upper case.
 * Runs before every order, often right after a tick: type rules come from one lookup, and the
 * checks read the copy (see ownCopy), never the caller's object.
 */
export function checkOrderShape(order: SendOrderRequest): SendOrderRequest {
	if (typeof order !== 'object' || order === null) fail('order', 'must be an object');
	const request = ownCopy(order);
	const type = request.orderType;
	const rules = RULES_OF_TYPE.get(type) ?? notOneOf('orderType', type, ORDER_TYPES);
	const symbol = typeof request.symbol === 'string' ? request.symbol.trim() : '';
	if (symbol === '') fail('symbol', 'is required');
	if (request.side !== 'buy' && request.side !== 'sell') notOneOf('side', request.side, SIDES);
	checkPositive('size', request.size);
	if (rules.limitPrice && request.limitPrice === undefined) {
		fail('limitPrice', `is required for orderType ${type}`);
	}
	if (rules.stopPrice && request.stopPrice === undefined) {
		fail('stopPrice', `is required for orderType ${type}`);
	}
	if (type === 'trailing_stop') {
		if (request.limitPrice !== undefined) fail('limitPrice', 'must be left out for a trailing_stop order');
		if (request.stopPrice !== undefined) fail('stopPrice', 'must be left out for a trailing_stop order');
		checkTrailing(request.trailingStopMaxDeviation, request.trailingStopDeviationUnit);
	}
	checkOptionalPositive('limitPrice', request.limitPrice);
	checkOptionalPositive('stopPrice', request.stopPrice);
	checkCliOrdId(request.cliOrdId);
	if (request.triggerSignal !== undefined)
		checkOneOf('triggerSignal', request.triggerSignal, TRIGGER_SIGNALS);
	if (request.reduceOnly !== undefined && typeof request.reduceOnly !== 'boolean') {
		fail('reduceOnly', 'must be true or false');
	}
	const hasOffsetValue = request.limitPriceOffsetValue !== undefined;
	if (hasOffsetValue !== (request.limitPriceOffsetUnit !== undefined)) {
		fail(
			hasOffsetValue ? 'limitPriceOffsetUnit' : 'limitPriceOffsetValue',
			'limitPriceOffsetValue and limitPriceOffsetUnit go together',
		);
	}
	if (hasOffsetValue && !rules.trigger) {
		fail(
			'limitPriceOffsetValue',
			`can only be set on trigger orders (${TRIGGER_TYPES.join(', ')}), not on orderType ${type}`,
		);
	}
	if (hasOffsetValue && request.limitPrice !== undefined) {
		fail('limitPrice', 'give limitPrice or limitPriceOffsetValue, not both');
	}
	if (hasOffsetValue) {
		const offset = request.limitPriceOffsetValue;
		if (typeof offset !== 'number' || !Number.isFinite(offset))
			fail('limitPriceOffsetValue', 'must be a finite number');
		checkOneOf('limitPriceOffsetUnit', request.limitPriceOffsetUnit, DEVIATION_UNITS);
	}
	checkProcessBefore(request.processBefore);
	request.symbol = symbol.toUpperCase();
	return request;
}

/** Checks that need no instrument data, for an edit: only the fields present, read from a copy. */
export function checkEditShape(edit: EditOrderRequest): EditOrderRequest {
	if (typeof edit !== 'object' || edit === null) fail('edit', 'must be an object');
	const request = ownCopy(edit);
	const hasOrderId = typeof request.orderId === 'string' && request.orderId !== '';
	const hasCliOrdId = typeof request.cliOrdId === 'string' && request.cliOrdId !== '';
	if (!hasOrderId && !hasCliOrdId) fail('orderId', 'orderId or cliOrdId is required to edit an order');
	if (hasOrderId && hasCliOrdId) fail('orderId', 'give orderId or cliOrdId, not both');
	checkCliOrdId(request.cliOrdId);
	checkOptionalPositive('size', request.size);
	checkOptionalPositive('limitPrice', request.limitPrice);
	checkOptionalPositive('stopPrice', request.stopPrice);
	if (request.trailingStopMaxDeviation !== undefined || request.trailingStopDeviationUnit !== undefined) {
		checkTrailing(request.trailingStopMaxDeviation, request.trailingStopDeviationUnit);
	}
	if (request.qtyMode !== undefined) checkOneOf('qtyMode', request.qtyMode, ['ABSOLUTE', 'RELATIVE']);
	checkProcessBefore(request.processBefore);
	const symbol = request.symbol?.trim().toUpperCase();
	if (symbol !== undefined) request.symbol = symbol;
	return request;
}

function priceOnGrid(
	field: string,
	price: number,
	tick: number,
	instrument: InstrumentSpec,
	roundToGrid: boolean,
): number {
	const onGrid = snapToGrid(price, tick) ?? (roundToGrid ? roundToStep(price, tick) : undefined);
	if (onGrid === undefined)
		fail(field, `${price} is not a multiple of the tick size ${tick} for ${instrument.symbol}`);
	if (onGrid <= 0) fail(field, `rounds to 0 on the tick size ${tick}`);
	return onGrid;
}

interface GridFields {
	size?: number;
	limitPrice?: number;
	stopPrice?: number;
}

/** Puts price and size on the instrument's grid, or rejects them (rounds when `roundToGrid`). */
export function applyInstrumentGrid<T extends GridFields>(
	request: T,
	instrument: InstrumentSpec,
	roundToGrid: boolean,
): T {
	const result = { ...request };
	const tick = instrument.tickSize;
	if (tick !== undefined) {
		if (result.limitPrice !== undefined)
			result.limitPrice = priceOnGrid('limitPrice', result.limitPrice, tick, instrument, roundToGrid);
		if (result.stopPrice !== undefined)
			result.stopPrice = priceOnGrid('stopPrice', result.stopPrice, tick, instrument, roundToGrid);
	}
	const precision = instrument.contractValueTradePrecision;
	if (precision !== undefined && result.size !== undefined) {
		const step = sizeStep(precision);
		const onGrid = snapToGrid(result.size, step);
		if (onGrid !== undefined) result.size = onGrid;
		else if (roundToGrid) result.size = truncateToStep(result.size, step);
		else fail('size', `${result.size} is not a multiple of the size step ${step} for ${instrument.symbol}`);
		if (result.size <= 0) fail('size', `is below the smallest size step ${step} for ${instrument.symbol}`);
	}
	return result;
}

/** The instrument checks for a new order: the symbol exists, trades, and price/size fit its grid. */
export function checkOrderAgainstInstrument(
	request: SendOrderRequest,
	instrument: InstrumentSpec | undefined,
	roundToGrid: boolean,
): SendOrderRequest {
	if (instrument === undefined)
		fail('symbol', `${describeInput(request.symbol)} is not a Kraken Futures instrument`);
	if (!instrument.tradeable) fail('symbol', `${instrument.symbol} is not tradeable`);
	const onGrid = applyInstrumentGrid(request, instrument, roundToGrid);
	onGrid.symbol = instrument.symbol;
	return onGrid;
}

/**
 * The shape checks of an edit and, when it names its symbol, the instrument's grid (the edit does
 * not carry the symbol to Kraken; it only says which grid the new price and size must fit).
 */
export async function checkEdit(
	request: EditOrderRequest,
	instruments: InstrumentCache | undefined,
	roundToGrid: boolean,
): Promise<EditOrderRequest> {
	const edit = checkEditShape(request);
	if (instruments === undefined || edit.symbol === undefined) return edit;
	const instrument = await instruments.get(edit.symbol);
	if (instrument === undefined)
		fail('symbol', `${describeInput(edit.symbol)} is not a Kraken Futures instrument`);
	return applyInstrumentGrid(edit, instrument, roundToGrid);
}
