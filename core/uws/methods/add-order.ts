import { KrakenValidationError } from '../../errors';
import type { DeviationUnit, OrderType, SendOrderRequest } from '../../rest/types';
import { checkClOrdId } from './cl-ord-id';
import { DERIVATIVES } from './wire';

/**
 * Legacy `sendorder` fields → UWS `add_order` params (reference §3.4.1). Every legacy field either
 * has a place in `add_order` or is refused with a `KrakenValidationError` naming it: nothing the
 * user set is dropped on the way.
 */

/** What one order becomes inside `add_order` or one element of `batch_add.orders` (no symbol). */
export type UwsOrderFields = Record<string, unknown>;

const PRICE_TYPE: Readonly<Record<DeviationUnit, string>> = { PERCENT: 'pct', QUOTE_CURRENCY: 'quote' };

interface UwsOrderType {
	order_type: string;
	time_in_force?: string;
	post_only?: true;
}

/** Legacy order type → UWS `order_type` and the flags it implied: without and with a limit price. */
const LIMIT: UwsOrderType = { order_type: 'limit' };
const POST_ONLY: UwsOrderType = { order_type: 'limit', post_only: true };
const IOC: UwsOrderType = { order_type: 'limit', time_in_force: 'ioc' };
const FOK: UwsOrderType = { order_type: 'limit', time_in_force: 'fok' };
const MARKET: UwsOrderType = { order_type: 'market' };
const TRAILING: UwsOrderType = { order_type: 'trailing-stop' };
const ORDER_TYPE_OF: ReadonlyMap<unknown, readonly [UwsOrderType, UwsOrderType]> = new Map<
	OrderType,
	readonly [UwsOrderType, UwsOrderType]
>([
	['lmt', [LIMIT, LIMIT]],
	['post', [POST_ONLY, POST_ONLY]],
	['ioc', [IOC, IOC]],
	['fok', [FOK, FOK]],
	['mkt', [MARKET, MARKET]],
	['stp', [{ order_type: 'stop-loss' }, { order_type: 'stop-loss-limit' }]],
	['take_profit', [{ order_type: 'take-profit' }, { order_type: 'take-profit-limit' }]],
	['trailing_stop', [TRAILING, TRAILING]],
]);

/** Writes the UWS order type and its flags into `fields`. */
function writeOrderType(order: SendOrderRequest, fields: UwsOrderFields): void {
	const both = ORDER_TYPE_OF.get(order.orderType);
	if (both === undefined)
		throw new KrakenValidationError('orderType', `unknown order type ${order.orderType}`);
	const type = both[order.limitPrice !== undefined ? 1 : 0];
	fields.order_type = type.order_type;
	if (type.time_in_force !== undefined) fields.time_in_force = type.time_in_force;
	if (type.post_only !== undefined) fields.post_only = type.post_only;
}

function refuse(field: string, reason: string): never {
	throw new KrakenValidationError(
		field,
		`${reason} (Kraken's Unified WebSocket cannot carry it for derivatives)`,
	);
}

/** Fields of a legacy order that UWS has no place for, refused by name (reference §3.4.1, §4). */
function refuseUncarriable(order: SendOrderRequest): void {
	if (order.triggerSignal === 'mark') {
		refuse('triggerSignal', 'mark is not a trigger reference on UWS; use index or last');
	}
	if (order.limitPriceOffsetValue !== undefined || order.limitPriceOffsetUnit !== undefined) {
		refuse(
			order.limitPriceOffsetValue !== undefined ? 'limitPriceOffsetValue' : 'limitPriceOffsetUnit',
			'a limit price relative to the trigger needs limit_price_type pct or quote, and derivatives accept only static',
		);
	}
	if (order.broker !== undefined) refuse('broker', 'add_order has no broker field');
	const triggered =
		order.orderType === 'stp' || order.orderType === 'take_profit' || order.orderType === 'trailing_stop';
	if (order.triggerSignal !== undefined && !triggered) {
		refuse(
			'triggerSignal',
			`a trigger reference applies only to stp, take_profit and trailing_stop, not ${order.orderType}`,
		);
	}
}

function triggersOf(order: SendOrderRequest): Record<string, unknown> | undefined {
	const reference = order.triggerSignal === undefined ? {} : { reference: order.triggerSignal };
	if (order.orderType === 'trailing_stop') {
		const unit = order.trailingStopDeviationUnit as DeviationUnit;
		return { ...reference, price: order.trailingStopMaxDeviation, price_type: PRICE_TYPE[unit] };
	}
	if (order.orderType === 'stp' || order.orderType === 'take_profit') {
		return { ...reference, price: order.stopPrice, price_type: 'static' };
	}
	return undefined;
}

/** Writes the order's fields as UWS names them into `fields` (which may already hold others). */
function writeUwsOrderFields(order: SendOrderRequest, fields: UwsOrderFields): UwsOrderFields {
	refuseUncarriable(order);
	if (order.cliOrdId !== undefined) checkClOrdId('cliOrdId', order.cliOrdId);
	writeOrderType(order, fields);
	fields.side = order.side;
	fields.order_qty = order.size;
	if (order.limitPrice !== undefined) fields.limit_price = order.limitPrice;
	const triggers = triggersOf(order);
	if (triggers !== undefined) fields.triggers = triggers;
	if (order.reduceOnly !== undefined) fields.reduce_only = order.reduceOnly;
	if (order.cliOrdId !== undefined) fields.cl_ord_id = order.cliOrdId;
	if (order.processBefore !== undefined) fields.deadline = new Date(order.processBefore).toISOString();
	return fields;
}

/**
 * The order's fields as UWS names them, without `symbol` and `asset_class` (a `batch_add` element
 * carries neither). Expects an order that passed the transport-neutral shape checks.
 */
export function toUwsOrderFields(order: SendOrderRequest): UwsOrderFields {
	return writeUwsOrderFields(order, {});
}

/** `add_order` params for one order; `validate` asks Kraken to check it without placing it. */
export function toAddOrderParams(order: SendOrderRequest, validate = false): Record<string, unknown> {
	const params = writeUwsOrderFields(order, { asset_class: DERIVATIVES, symbol: order.symbol });
	if (validate) params.validate = true;
	return params;
}
