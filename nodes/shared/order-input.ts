import { KrakenValidationError, type EditOrderRequest, type SendOrderRequest } from '../../core';
import {
	readBoolean,
	readChoice,
	readNumber,
	readPositiveNumber,
	readString,
	readTime,
	type RawInput,
} from './input';

/** Every sendorder parameter, in Kraken's spelling: the names a msg or item may override. */
export const SEND_ORDER_FIELDS = [
	'symbol',
	'side',
	'orderType',
	'size',
	'limitPrice',
	'stopPrice',
	'reduceOnly',
	'cliOrdId',
	'triggerSignal',
	'trailingStopMaxDeviation',
	'trailingStopDeviationUnit',
	'limitPriceOffsetValue',
	'limitPriceOffsetUnit',
	'processBefore',
] as const;

/** Every editorder parameter a msg or item may override. */
export const EDIT_ORDER_FIELDS = [
	'orderId',
	'cliOrdId',
	'size',
	'limitPrice',
	'stopPrice',
	'trailingStopMaxDeviation',
	'trailingStopDeviationUnit',
	'qtyMode',
	'processBefore',
] as const;

const ORDER_TYPES = ['lmt', 'post', 'ioc', 'mkt', 'stp', 'take_profit', 'trailing_stop', 'fok'] as const;

/** Words that alert senders (TradingView and the like) commonly use for Kraken's order types. */
const ORDER_TYPE_ALIASES: Record<string, (typeof ORDER_TYPES)[number]> = {
	limit: 'lmt',
	market: 'mkt',
	stop: 'stp',
	'post-only': 'post',
	post_only: 'post',
	'take-profit': 'take_profit',
	takeprofit: 'take_profit',
	'trailing-stop': 'trailing_stop',
};
const SIDES = ['buy', 'sell'] as const;
const TRIGGER_SIGNALS = ['mark', 'index', 'last'] as const;
const UNITS = ['PERCENT', 'QUOTE_CURRENCY'] as const;
const QTY_MODES = ['ABSOLUTE', 'RELATIVE'] as const;
const MAX_CLI_ORD_ID = 100;

function readCliOrdId(input: RawInput): string | undefined {
	const cliOrdId = readString(input, 'cliOrdId');
	if (cliOrdId !== undefined && cliOrdId.length > MAX_CLI_ORD_ID) {
		throw new KrakenValidationError('cliOrdId', `must be at most ${MAX_CLI_ORD_ID} characters`);
	}
	return cliOrdId;
}

function requireFor(value: number | string | undefined, field: string, orderType: string): void {
	if (value === undefined) throw new KrakenValidationError(field, `is required for ${orderType} orders`);
}

function dropUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The order type in Kraken's spelling (common alert words accepted), or undefined when not given. */
export function readOrderType(input: RawInput): (typeof ORDER_TYPES)[number] | undefined {
	return readChoice(input, 'orderType', ORDER_TYPES, ORDER_TYPE_ALIASES);
}

/** Turns loose input (form strings, JSON) into a sendorder request, or throws naming the bad field. */
export function toSendOrderRequest(input: RawInput): SendOrderRequest {
	const orderType = readOrderType(input);
	if (orderType === undefined) throw new KrakenValidationError('orderType', 'is required');
	const side = readChoice(input, 'side', SIDES);
	if (side === undefined) throw new KrakenValidationError('side', 'is required');
	const request: SendOrderRequest = {
		orderType,
		symbol: readString(input, 'symbol', true).toUpperCase(),
		side,
		size: readPositiveNumber(input, 'size', true),
		limitPrice: readPositiveNumber(input, 'limitPrice'),
		stopPrice: readPositiveNumber(input, 'stopPrice'),
		cliOrdId: readCliOrdId(input),
		triggerSignal: readChoice(input, 'triggerSignal', TRIGGER_SIGNALS),
		reduceOnly: readBoolean(input, 'reduceOnly'),
		trailingStopMaxDeviation: readPositiveNumber(input, 'trailingStopMaxDeviation'),
		trailingStopDeviationUnit: readChoice(input, 'trailingStopDeviationUnit', UNITS),
		limitPriceOffsetValue: readNumber(input, 'limitPriceOffsetValue'),
		limitPriceOffsetUnit: readChoice(input, 'limitPriceOffsetUnit', UNITS),
		processBefore: readTime(input, 'processBefore'),
	};
	if (['lmt', 'post', 'ioc', 'fok'].includes(orderType))
		requireFor(request.limitPrice, 'limitPrice', orderType);
	if (orderType === 'stp' || orderType === 'take_profit')
		requireFor(request.stopPrice, 'stopPrice', orderType);
	if (orderType === 'trailing_stop') {
		requireFor(request.trailingStopMaxDeviation, 'trailingStopMaxDeviation', orderType);
		requireFor(request.trailingStopDeviationUnit, 'trailingStopDeviationUnit', orderType);
	}
	if ((request.limitPriceOffsetValue === undefined) !== (request.limitPriceOffsetUnit === undefined)) {
		const missing =
			request.limitPriceOffsetValue === undefined ? 'limitPriceOffsetValue' : 'limitPriceOffsetUnit';
		throw new KrakenValidationError(missing, 'is required together with the other limit price offset field');
	}
	return dropUndefined(request);
}

/** Turns loose input into an editorder request; one of orderId and cliOrdId is required. */
export function toEditOrderRequest(input: RawInput): EditOrderRequest {
	const request: EditOrderRequest = {
		orderId: readString(input, 'orderId'),
		cliOrdId: readCliOrdId(input),
		size: readPositiveNumber(input, 'size'),
		limitPrice: readPositiveNumber(input, 'limitPrice'),
		stopPrice: readPositiveNumber(input, 'stopPrice'),
		trailingStopMaxDeviation: readPositiveNumber(input, 'trailingStopMaxDeviation'),
		trailingStopDeviationUnit: readChoice(input, 'trailingStopDeviationUnit', UNITS),
		qtyMode: readChoice(input, 'qtyMode', QTY_MODES),
		processBefore: readTime(input, 'processBefore'),
	};
	if (request.orderId === undefined && request.cliOrdId === undefined) {
		throw new KrakenValidationError('orderId', 'orderId or cliOrdId is required to edit an order');
	}
	if (request.orderId !== undefined && request.cliOrdId !== undefined) {
		throw new KrakenValidationError('cliOrdId', 'give either orderId or cliOrdId, not both');
	}
	return dropUndefined(request);
}
