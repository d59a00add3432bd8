import type { Params } from '../exchange';
import { UwsRequestError, type Json } from './envelope';
import {
	CL_ORD_ID_MAX,
	DEFAULT_TRIGGER_REFERENCE,
	ERRORS,
	NOT_FOR_DERIVATIVES,
	ORDER_TYPES,
} from './unverified';

const invalid = (detail: string): UwsRequestError => new UwsRequestError(ERRORS.invalidArguments(detail));

function positiveNumber(params: Json, name: string, required: boolean): number | undefined {
	const value = params[name];
	if (value === undefined) {
		if (required) throw invalid(`params.${name} is required`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
		throw invalid(`params.${name} must be a positive number`);
	return value;
}

function optionalFlag(params: Json, name: string): boolean {
	const value = params[name];
	if (value === undefined) return false;
	if (typeof value !== 'boolean') throw invalid(`params.${name} must be a boolean`);
	return value;
}

/** `asset_class` is required on every trading method and only `derivatives` is live (verified). */
export function requireDerivatives(params: Json): void {
	if (params.asset_class !== 'derivatives') throw invalid("params.asset_class must be 'derivatives'");
}

export function clientOrderId(params: Json): string | undefined {
	const value = params.cl_ord_id;
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '' || value.length > CL_ORD_ID_MAX) {
		throw invalid(`params.cl_ord_id must be a text of 1 to ${CL_ORD_ID_MAX} characters`);
	}
	return value;
}

function triggerFields(order: Json, legacyType: string, fields: Params): void {
	const triggers = order.triggers as Json | undefined;
	if (triggers === undefined || typeof triggers !== 'object' || triggers === null)
		throw invalid('params.triggers is required');
	const reference = triggers.reference ?? DEFAULT_TRIGGER_REFERENCE;
	if (reference !== 'index' && reference !== 'last')
		throw invalid("params.triggers.reference must be 'index' or 'last'");
	fields.triggerSignal = reference;
	const price = positiveNumber(triggers, 'price', true) as number;
	const priceType = triggers.price_type ?? 'static';
	if (legacyType === 'trailing_stop') {
		if (priceType !== 'pct' && priceType !== 'quote')
			throw invalid("params.triggers.price_type must be 'pct' or 'quote' for trailing stops");
		fields.trailingStopMaxDeviation = String(price);
		fields.trailingStopDeviationUnit = priceType === 'pct' ? 'PERCENT' : 'QUOTE_CURRENCY';
		return;
	}
	if (priceType !== 'static') throw invalid("params.triggers.price_type must be 'static'");
	fields.stopPrice = String(price);
}

function legacyLimitType(order: Json): string {
	const timeInForce = order.time_in_force ?? 'gtc';
	if (timeInForce === 'gtd') throw invalid('params.time_in_force gtd is not available for derivatives');
	if (timeInForce !== 'gtc' && timeInForce !== 'ioc' && timeInForce !== 'fok') {
		throw invalid("params.time_in_force must be 'gtc', 'ioc' or 'fok'");
	}
	if (optionalFlag(order, 'post_only')) {
		if (timeInForce !== 'gtc') throw invalid('params.post_only cannot be combined with ioc or fok');
		return 'post';
	}
	return timeInForce === 'gtc' ? 'lmt' : timeInForce;
}

/**
 * An `add_order` (or one `batch_add` order, with the batch's symbol) as the engine's legacy order fields.
 * Refuses, naming the field, what derivatives cannot carry.
 */
export function legacyOrderFields(order: Json, symbol: unknown): Params {
	for (const field of NOT_FOR_DERIVATIVES) {
		if (order[field] !== undefined) throw invalid(`params.${field} is not available for derivatives`);
	}
	if (order.limit_price_type !== undefined && order.limit_price_type !== 'static') {
		throw invalid("params.limit_price_type must be 'static' for derivatives");
	}
	const orderType = order.order_type;
	if (typeof orderType !== 'string' || ORDER_TYPES[orderType] === undefined) {
		throw invalid(`params.order_type must be one of ${Object.keys(ORDER_TYPES).join(', ')}`);
	}
	if (order.side !== 'buy' && order.side !== 'sell') throw invalid("params.side must be 'buy' or 'sell'");
	if (typeof symbol !== 'string' || symbol === '') throw invalid('params.symbol is required');
	const legacyType = orderType === 'limit' ? legacyLimitType(order) : ORDER_TYPES[orderType];
	const fields: Params = {
		orderType: legacyType,
		symbol,
		side: order.side,
		size: String(positiveNumber(order, 'order_qty', true)),
	};
	const needsLimit =
		orderType === 'limit' || (orderType.endsWith('-limit') && legacyType !== 'trailing_stop');
	const limitPrice = positiveNumber(order, 'limit_price', needsLimit);
	if (limitPrice !== undefined && orderType !== 'market') fields.limitPrice = String(limitPrice);
	if (legacyType === 'stp' || legacyType === 'take_profit' || legacyType === 'trailing_stop') {
		triggerFields(order, legacyType, fields);
	}
	if (optionalFlag(order, 'reduce_only')) fields.reduceOnly = 'true';
	const clOrdId = clientOrderId(order);
	if (clOrdId !== undefined) fields.cliOrdId = clOrdId;
	if (order.deadline !== undefined) {
		if (typeof order.deadline !== 'string' || Number.isNaN(Date.parse(order.deadline))) {
			throw invalid('params.deadline must be an RFC 3339 time');
		}
		fields.processBefore = order.deadline;
	}
	return fields;
}

/** `amend_order` as legacy editorder fields; `order_qty` is the new total quantity (ABSOLUTE). */
export function legacyAmendFields(params: Json): Params {
	const fields: Params = {};
	if (typeof params.order_id === 'string') fields.orderId = params.order_id;
	else {
		const clOrdId = clientOrderId(params);
		if (clOrdId === undefined) throw invalid('params.order_id or params.cl_ord_id is required');
		fields.cliOrdId = clOrdId;
	}
	const qty = positiveNumber(params, 'order_qty', false);
	if (qty !== undefined) {
		fields.size = String(qty);
		fields.qtyMode = 'ABSOLUTE';
	}
	const limitPrice = positiveNumber(params, 'limit_price', false);
	if (limitPrice !== undefined) fields.limitPrice = String(limitPrice);
	const triggerPrice = positiveNumber(params, 'trigger_price', false);
	if (triggerPrice !== undefined) fields.stopPrice = String(triggerPrice);
	for (const field of ['display_qty', 'limit_price_type', 'trigger_price_type']) {
		if (params[field] !== undefined && !(field.endsWith('_type') && params[field] === 'static')) {
			throw invalid(`params.${field} is not available for derivatives`);
		}
	}
	return fields;
}
