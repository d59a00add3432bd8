import { PaperApiError } from './errors';
import type { Fields } from './order-params';
import { text } from './order-params';

type Json = Record<string, unknown>;

export interface BatchHandlers {
	send(fields: Fields): Json;
	edit(fields: Fields): Json;
	cancel(fields: Fields): Json;
}

/** Batch elements carry JSON values; the single-order handlers read fields as text. */
function asFields(element: Record<string, unknown>): Fields {
	const fields: Fields = {};
	for (const [key, value] of Object.entries(element)) {
		if (value === null || value === undefined) continue;
		fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return fields;
}

function parseInstructions(jsonText: string | undefined): Record<string, unknown>[] {
	if (jsonText === undefined)
		throw new PaperApiError('requiredArgumentMissing', 200, { errors: ['json is required'] });
	let parsed: unknown;
	try {
		parsed = JSON.parse(jsonText);
	} catch {
		throw new PaperApiError('Json Parse Error');
	}
	const instructions = (parsed as { batchOrder?: unknown } | null)?.batchOrder;
	if (!Array.isArray(instructions))
		throw new PaperApiError('requiredArgumentMissing', 200, { errors: ['batchOrder is required'] });
	if (instructions.some((item) => typeof item !== 'object' || item === null))
		throw new PaperApiError('Json Parse Error');
	return instructions as Record<string, unknown>[];
}

/** Runs one instruction; a top-level error of the single-order endpoint becomes that element's status. */
function runInstruction(instruction: Record<string, unknown>, handlers: BatchHandlers): Json {
	const fields = asFields(instruction);
	const kind = text(fields, 'order');
	const orderTag = text(fields, 'order_tag');
	try {
		if (kind === 'send') {
			if (orderTag === undefined) return { status: 'requiredArgumentMissing' };
			const status = handlers.send(fields);
			const { receivedTime, ...rest } = status;
			return { ...rest, order_tag: orderTag, dateTimeReceived: receivedTime };
		}
		if (kind === 'edit') {
			const status = handlers.edit(fields);
			const { orderId, receivedTime, ...rest } = status;
			return { ...rest, order_id: orderId, dateTimeReceived: receivedTime };
		}
		if (kind === 'cancel') {
			const status = handlers.cancel(fields);
			delete status.receivedTime;
			return status;
		}
		return {
			status: kind === undefined ? 'requiredArgumentMissing' : 'invalidArgument',
			order_tag: orderTag,
		};
	} catch (error) {
		if (error instanceof PaperApiError) return { status: error.krakenError, order_tag: orderTag };
		throw error;
	}
}

/** batchorder (§3.8): `json` holds `{"batchOrder":[…]}`; answers one batchStatus element per instruction. */
export function runBatch(jsonText: string | undefined, handlers: BatchHandlers): Json {
	const instructions = parseInstructions(jsonText);
	return { batchStatus: instructions.map((instruction) => runInstruction(instruction, handlers)) };
}
