import type { IDataObject } from 'n8n-workflow';

import { KrakenValidationError } from '../../../core';
import type { DeviationUnit, OrderType, SendOrderRequest, TriggerSignal } from '../../../core/rest/types';
import { ORDER_TYPES } from '../../../core/rest/types';
import { checkPositive, optionalIsoTime, optionalPositive } from './params';

const LIMIT_TYPES: readonly string[] = ['lmt', 'post', 'ioc', 'fok'];
const TRIGGER_TYPES: readonly string[] = ['stp', 'take_profit'];
const UNITS: readonly string[] = ['PERCENT', 'QUOTE_CURRENCY'];
const SIGNALS: readonly string[] = ['mark', 'index', 'last'];

function oneOf<T extends string>(value: unknown, allowed: readonly string[], label: string): T {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new KrakenValidationError(label, `must be one of ${allowed.join(', ')}, not "${String(value)}"`);
	}
	return value as T;
}

/**
 * Builds a `sendorder` request from fields in Kraken's names, checking which fields the order
 * type needs and refusing the ones it cannot use. Shared by Order → Send and batch instructions,
 * so both reject the same mistakes with the same words before anything is sent.
 */
export function buildSendOrder(fields: IDataObject, prefix = ''): SendOrderRequest {
	const at = (field: string): string => `${prefix}${field}`;
	const orderType = oneOf<OrderType>(fields.orderType, ORDER_TYPES, at('orderType'));
	const symbol = typeof fields.symbol === 'string' ? fields.symbol.trim() : '';
	if (symbol === '') throw new KrakenValidationError(at('symbol'), 'is required');
	const order: SendOrderRequest = {
		orderType,
		symbol,
		side: oneOf(fields.side, ['buy', 'sell'], at('side')),
		size: checkPositive(fields.size, at('size')),
	};
	const limitPrice = optionalPositive(fields.limitPrice, at('limitPrice'));
	const stopPrice = optionalPositive(fields.stopPrice, at('stopPrice'));
	if (LIMIT_TYPES.includes(orderType)) {
		if (limitPrice === undefined)
			throw new KrakenValidationError(at('limitPrice'), `is required for ${orderType} orders`);
		order.limitPrice = limitPrice;
	} else if (limitPrice !== undefined) {
		if (orderType === 'mkt' || orderType === 'trailing_stop') {
			throw new KrakenValidationError(at('limitPrice'), `is not used by ${orderType} orders; remove it`);
		}
		order.limitPrice = limitPrice;
	}
	if (TRIGGER_TYPES.includes(orderType)) {
		if (stopPrice === undefined)
			throw new KrakenValidationError(at('stopPrice'), `is required for ${orderType} orders`);
		order.stopPrice = stopPrice;
	} else if (stopPrice !== undefined) {
		throw new KrakenValidationError(
			at('stopPrice'),
			`is only used by stp and take_profit orders, not ${orderType}`,
		);
	}
	const deviation = optionalPositive(fields.trailingStopMaxDeviation, at('trailingStopMaxDeviation'));
	const deviationUnit = fields.trailingStopDeviationUnit;
	if (orderType === 'trailing_stop') {
		if (deviation === undefined) {
			throw new KrakenValidationError(at('trailingStopMaxDeviation'), 'is required for trailing_stop orders');
		}
		const unit = oneOf<DeviationUnit>(deviationUnit, UNITS, at('trailingStopDeviationUnit'));
		if (unit === 'PERCENT' && (deviation < 0.1 || deviation > 50)) {
			throw new KrakenValidationError(
				at('trailingStopMaxDeviation'),
				`must be between 0.1 and 50 percent, not ${deviation}`,
			);
		}
		order.trailingStopMaxDeviation = deviation;
		order.trailingStopDeviationUnit = unit;
	} else if (deviation !== undefined) {
		throw new KrakenValidationError(
			at('trailingStopMaxDeviation'),
			`is only used by trailing_stop orders, not ${orderType}`,
		);
	}
	const isTriggered = TRIGGER_TYPES.includes(orderType) || orderType === 'trailing_stop';
	if (fields.triggerSignal !== undefined && fields.triggerSignal !== '') {
		if (!isTriggered) {
			throw new KrakenValidationError(
				at('triggerSignal'),
				`is only used by stp, take_profit and trailing_stop orders`,
			);
		}
		order.triggerSignal = oneOf<TriggerSignal>(fields.triggerSignal, SIGNALS, at('triggerSignal'));
	}
	const offsetValue = optionalPositive(fields.limitPriceOffsetValue, at('limitPriceOffsetValue'));
	const offsetUnit = fields.limitPriceOffsetUnit;
	if (offsetValue !== undefined || (offsetUnit !== undefined && offsetUnit !== '')) {
		if (!isTriggered) {
			throw new KrakenValidationError(
				at('limitPriceOffsetValue'),
				'is only used by stp, take_profit and trailing_stop orders',
			);
		}
		if (offsetValue === undefined) {
			throw new KrakenValidationError(
				at('limitPriceOffsetValue'),
				'is required together with limitPriceOffsetUnit',
			);
		}
		if (order.limitPrice !== undefined) {
			throw new KrakenValidationError(
				at('limitPriceOffsetValue'),
				'cannot be combined with limitPrice; use one of them',
			);
		}
		order.limitPriceOffsetValue = offsetValue;
		order.limitPriceOffsetUnit = oneOf<DeviationUnit>(offsetUnit, UNITS, at('limitPriceOffsetUnit'));
	}
	if (typeof fields.cliOrdId === 'string' && fields.cliOrdId.trim() !== '') {
		const cliOrdId = fields.cliOrdId.trim();
		if (cliOrdId.length > 100)
			throw new KrakenValidationError(at('cliOrdId'), 'is longer than 100 characters');
		order.cliOrdId = cliOrdId;
	}
	if (fields.reduceOnly === true) order.reduceOnly = true;
	const processBefore = optionalIsoTime(fields.processBefore, at('processBefore'));
	if (processBefore !== undefined) order.processBefore = processBefore;
	return order;
}
