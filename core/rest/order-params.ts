import { KrakenOrderRejectedError, KrakenValidationError } from '../errors';
import type { FormValue } from './form';
import type {
	CancelAllOrdersResponse,
	CancelOrderRequest,
	EditOrderRequest,
	SendOrderRequest,
} from './types';

/** The sendorder parameters in a fixed order (required ones first, as Kraken documents them). */
export function sendOrderParams(order: SendOrderRequest): Record<string, FormValue> {
	return {
		orderType: order.orderType,
		symbol: order.symbol,
		side: order.side,
		size: order.size,
		limitPrice: order.limitPrice,
		stopPrice: order.stopPrice,
		cliOrdId: order.cliOrdId,
		triggerSignal: order.triggerSignal,
		reduceOnly: order.reduceOnly,
		trailingStopMaxDeviation: order.trailingStopMaxDeviation,
		trailingStopDeviationUnit: order.trailingStopDeviationUnit,
		limitPriceOffsetValue: order.limitPriceOffsetValue,
		limitPriceOffsetUnit: order.limitPriceOffsetUnit,
		processBefore: order.processBefore,
		broker: order.broker,
	};
}

/** editorder parameters. Note Kraken's camelCase `orderId` here (cancelorder uses `order_id`). */
export function editOrderParams(edit: EditOrderRequest): Record<string, FormValue> {
	return {
		orderId: edit.orderId,
		cliOrdId: edit.cliOrdId,
		size: edit.size,
		limitPrice: edit.limitPrice,
		stopPrice: edit.stopPrice,
		trailingStopMaxDeviation: edit.trailingStopMaxDeviation,
		trailingStopDeviationUnit: edit.trailingStopDeviationUnit,
		qtyMode: edit.qtyMode,
		processBefore: edit.processBefore,
	};
}

export function checkCancelRequest(request: CancelOrderRequest): Record<string, FormValue> {
	const orderId = (request as { order_id?: unknown })?.order_id;
	const cliOrdId = (request as { cliOrdId?: unknown })?.cliOrdId;
	const hasOrderId = typeof orderId === 'string' && orderId !== '';
	const hasCliOrdId = typeof cliOrdId === 'string' && cliOrdId !== '';
	if (!hasOrderId && !hasCliOrdId) {
		throw new KrakenValidationError('order_id', 'order_id or cliOrdId is required to cancel an order');
	}
	if (hasOrderId && hasCliOrdId)
		throw new KrakenValidationError('order_id', 'give order_id or cliOrdId, not both');
	return {
		order_id: hasOrderId ? (orderId as string) : undefined,
		cliOrdId: hasCliOrdId ? (cliOrdId as string) : undefined,
		processBefore: request.processBefore,
	};
}

/** The dead man's switch timeout: whole seconds, 0 to turn it off. */
export function checkDeadManTimeout(timeout: unknown): number {
	if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0) {
		throw new KrakenValidationError(
			'timeout',
			`must be a whole number of seconds, 0 or more, got ${String(timeout)}`,
		);
	}
	return timeout;
}

/**
 * cancelallorders answers `cancelled` or `noOrdersToCancel`. The latter is a success: the caller
 * wants no open orders and there are none, and failing would break every "flatten" flow that runs
 * when the account is already flat.
 */
export function assertCancelAllSucceeded(response: CancelAllOrdersResponse, endpoint: string): void {
	const status = response.cancelStatus?.status;
	if (status === 'cancelled' || status === 'noOrdersToCancel') return;
	throw new KrakenOrderRejectedError(`cancel all orders failed [${String(status)}]`, {
		status: String(status),
		orderEvents: response.cancelStatus?.orderEvents ?? [],
		endpoint,
		body: response,
	});
}
