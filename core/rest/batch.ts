import { assertOrderAccepted } from '../error-map';
import { KrakenOrderRejectedError, KrakenValidationError } from '../errors';
import { checkEditShape } from '../instruments/validate-order';
import { checkCancelRequest } from './order-params';
import type { BatchInstruction, BatchOrderResponse, SendOrderRequest } from './types';

/** Re-labels a validation error with the instruction it came from (`instructions[2].size`). */
export async function atIndex<R>(index: number, check: () => R | Promise<R>): Promise<R> {
	try {
		return await check();
	} catch (error) {
		if (!(error instanceof KrakenValidationError) || error.field === undefined) throw error;
		const reason = error.message.slice(error.field.length + 2);
		throw new KrakenValidationError(`instructions[${index}].${error.field}`, reason);
	}
}

/**
 * Checks every instruction and turns it into Kraken's batch JSON element. Send elements are
 * checked like a single order and get an `order_tag` (their index) when the caller gave none:
 * Kraken requires it to map each result back to its instruction.
 */
export async function prepareBatch(
	instructions: readonly BatchInstruction[],
	checkOrder: (order: SendOrderRequest) => Promise<SendOrderRequest>,
): Promise<Record<string, unknown>[]> {
	if (!Array.isArray(instructions) || instructions.length === 0) {
		throw new KrakenValidationError('instructions', 'must be a non-empty list');
	}
	const elements: Record<string, unknown>[] = [];
	for (const [index, instruction] of instructions.entries()) {
		elements.push(await atIndex(index, () => toWireElement(instruction, index, checkOrder)));
	}
	return elements;
}

async function toWireElement(
	instruction: BatchInstruction,
	index: number,
	checkOrder: (order: SendOrderRequest) => Promise<SendOrderRequest>,
): Promise<Record<string, unknown>> {
	switch (instruction?.order) {
		case 'send': {
			const { order_tag: tag, ...fields } = instruction;
			const order = await checkOrder(fields);
			return { order: 'send', order_tag: tag ?? String(index), ...order };
		}
		case 'edit': {
			const edit = checkEditShape({ ...instruction, orderId: instruction.order_id });
			return {
				order: 'edit',
				order_id: edit.orderId,
				cliOrdId: edit.cliOrdId,
				size: edit.size,
				limitPrice: edit.limitPrice,
				stopPrice: edit.stopPrice,
				trailingStopMaxDeviation: edit.trailingStopMaxDeviation,
				trailingStopDeviationUnit: edit.trailingStopDeviationUnit,
				qtyMode: edit.qtyMode,
			};
		}
		case 'cancel': {
			const params = checkCancelRequest(instruction as Parameters<typeof checkCancelRequest>[0]);
			return { order: 'cancel', order_id: params.order_id, cliOrdId: params.cliOrdId };
		}
		default:
			throw new KrakenValidationError('order', 'must be send, edit or cancel');
	}
}

/** Every element must have succeeded; the first that did not is thrown, with the whole response kept. */
export function assertBatchAccepted(response: BatchOrderResponse, endpoint: string): void {
	for (const [index, entry] of (response.batchStatus ?? []).entries()) {
		try {
			assertOrderAccepted('batch', entry, endpoint);
		} catch (error) {
			if (!(error instanceof KrakenOrderRejectedError)) throw error;
			const tag = entry.order_tag !== undefined ? `, order_tag ${entry.order_tag}` : '';
			throw new KrakenOrderRejectedError(`${error.message} (batch element ${index}${tag})`, {
				status: error.status,
				orderEvents: error.orderEvents,
				endpoint,
				body: response,
				...(error.orderId !== undefined ? { orderId: error.orderId } : {}),
				...(error.cliOrdId !== undefined ? { cliOrdId: error.cliOrdId } : {}),
			});
		}
	}
}
