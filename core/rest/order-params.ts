import { KrakenValidationError } from '../errors';
import { checkEditShape, checkOrderShape } from '../instruments/validate-order';
import type { FormValue } from './form';
import type { BatchInstruction, CancelOrderRequest, EditOrderRequest, SendOrderRequest } from './types';

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

/**
 * A batch instruction as Kraken's JSON expects it. Send elements get an `order_tag` (their index)
 * when the caller gave none: Kraken requires it to map each result back to its instruction.
 */
export function batchWireElement(instruction: BatchInstruction, index: number): Record<string, unknown> {
	const field = (name: string): string => `instructions[${index}].${name}`;
	const rethrowWithIndex = (error: unknown): never => {
		if (error instanceof KrakenValidationError && error.field !== undefined) {
			throw new KrakenValidationError(field(error.field), error.message.slice(error.field.length + 2));
		}
		throw error;
	};
	switch (instruction?.order) {
		case 'send': {
			const { order_tag: tag, order: _order, ...rest } = instruction;
			let order: SendOrderRequest;
			try {
				order = checkOrderShape(rest);
			} catch (error) {
				return rethrowWithIndex(error);
			}
			return { order: 'send', order_tag: tag ?? String(index), ...order };
		}
		case 'edit': {
			const { order_id: orderId, order: _order, ...rest } = instruction;
			let edit: EditOrderRequest;
			try {
				edit = checkEditShape({ ...rest, orderId });
			} catch (error) {
				return rethrowWithIndex(error);
			}
			const { orderId: id, symbol: _symbol, ...fields } = edit;
			return { order: 'edit', order_id: id, ...fields };
		}
		case 'cancel': {
			let params: Record<string, FormValue>;
			try {
				params = checkCancelRequest(instruction as CancelOrderRequest);
			} catch (error) {
				return rethrowWithIndex(error);
			}
			return { order: 'cancel', order_id: params.order_id, cliOrdId: params.cliOrdId };
		}
		default:
			throw new KrakenValidationError(field('order'), 'must be send, edit or cancel');
	}
}
