import { randomUUID } from 'node:crypto';
import { describeInput } from '../describe-input';
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

/** The order types Kraken's batch send element defines (no `mkt`). */
const BATCH_ORDER_TYPES = ['lmt', 'post', 'ioc', 'stp', 'take_profit', 'fok', 'trailing_stop'];

/** Every field of Kraken's batch send element besides `order` and `order_tag`, in its order. */
const BATCH_SEND_FIELDS = [
	'orderType',
	'symbol',
	'side',
	'size',
	'limitPrice',
	'stopPrice',
	'cliOrdId',
	'triggerSignal',
	'reduceOnly',
	'trailingStopMaxDeviation',
	'trailingStopDeviationUnit',
] as const;

/**
 * A send element carries only what Kraken's batch schema defines: a field it cannot carry would be
 * refused or, worse, dropped (a stop-limit without its offset becomes a stop-market).
 */
function checkBatchSendFields(fields: Record<string, unknown>): void {
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || name === 'order') continue;
		if (!(BATCH_SEND_FIELDS as readonly string[]).includes(name)) {
			throw new KrakenValidationError(
				name,
				'a batch order cannot carry this field; send this order on its own',
			);
		}
	}
	if (typeof fields.orderType === 'string' && !BATCH_ORDER_TYPES.includes(fields.orderType)) {
		throw new KrakenValidationError(
			'orderType',
			`a batch order must be one of ${BATCH_ORDER_TYPES.join(', ')}, got ${describeInput(fields.orderType)}`,
		);
	}
}

async function toWireElement(
	instruction: BatchInstruction,
	index: number,
	checkOrder: (order: SendOrderRequest) => Promise<SendOrderRequest>,
): Promise<Record<string, unknown>> {
	switch (instruction?.order) {
		case 'send': {
			const { order_tag: tag, ...fields } = instruction;
			checkBatchSendFields(fields);
			const order = (await checkOrder(fields)) as unknown as Record<string, unknown>;
			// Kraken's batch docs: "for stp orders, limitPrice is also required".
			if (order.orderType === 'stp' && order.limitPrice === undefined) {
				throw new KrakenValidationError('limitPrice', 'is required for a stp order in a batch');
			}
			// Every element gets a cliOrdId: it is how an unclear batch answer is looked up.
			const element: Record<string, unknown> = { order: 'send', order_tag: tag ?? String(index) };
			for (const name of BATCH_SEND_FIELDS) element[name] = order[name];
			element.cliOrdId ??= randomUUID();
			return element;
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
