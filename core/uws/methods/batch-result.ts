import type * as T from '../../rest/types';
import type { BatchStep } from './batch';
import type { AckLike } from './results';

/** The per-order entries of a `batch_add` reply: `result` is a list in the orders' order (Spot v2 shape). */
function addedOrders(ack: AckLike): Record<string, unknown>[] {
	const { result } = ack;
	if (Array.isArray(result)) return result as Record<string, unknown>[];
	return typeof result === 'object' && result !== null ? [result as Record<string, unknown>] : [];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A `batch_cancel` answers only how many it cancelled: when that is fewer than it was given, which
 * ones were not is unknown, and every entry of the step says so.
 */
export const NOT_ALL_CANCELLED = 'notAllCancelled';

function cancelCount(ack: AckLike): number | undefined {
	const { result } = ack;
	const count =
		typeof result === 'object' && result !== null ? (result as { count?: unknown }).count : undefined;
	return typeof count === 'number' ? count : undefined;
}

const STATUS_OF: Readonly<Record<BatchStep['kind'], string>> = {
	send: 'placed',
	edit: 'edited',
	cancel: 'cancelled',
};

function entryFor(
	instruction: T.BatchInstruction,
	index: number,
	step: BatchStep,
	position: number,
	ack: AckLike,
	validate: boolean,
): T.BatchStatusEntry {
	const answer = step.kind === 'send' ? (addedOrders(ack)[position] ?? {}) : {};
	const status =
		text(answer.error) ??
		(step.method === 'batch_cancel' && cancelCount(ack) !== step.indexes.length
			? NOT_ALL_CANCELLED
			: step.kind === 'send' && validate
				? 'validated'
				: STATUS_OF[step.kind]);
	const entry: T.BatchStatusEntry = { status, orderEvents: [] };
	if (instruction.order === 'send') entry.order_tag = instruction.order_tag ?? String(index);
	const orderId = text(answer.order_id) ?? text((instruction as { order_id?: unknown }).order_id);
	const cliOrdId = text(answer.cl_ord_id) ?? text((instruction as { cliOrdId?: unknown }).cliOrdId);
	if (orderId !== undefined) entry.order_id = orderId;
	if (cliOrdId !== undefined) entry.cliOrdId = cliOrdId;
	return entry;
}

export type BatchResult = T.BatchOrderResponse & { uwsReplies: Record<string, unknown>[] };

/**
 * The replies of a split batch → one `batchStatus` entry per legacy instruction, in the
 * instructions' order, with every UWS reply kept.
 */
export function toBatchOrderResponse(
	instructions: readonly T.BatchInstruction[],
	steps: readonly BatchStep[],
	acks: readonly AckLike[],
	validate = false,
): BatchResult {
	const entries: T.BatchStatusEntry[] = new Array(instructions.length);
	steps.forEach((step, s) => {
		step.indexes.forEach((index, position) => {
			entries[index] = entryFor(instructions[index], index, step, position, acks[s], validate);
		});
	});
	const last = acks.at(-1);
	const time = last?.time_out ?? last?.time_in;
	return {
		result: 'success',
		...(time !== undefined ? { serverTime: time } : {}),
		batchStatus: entries,
		uwsReplies: acks.map((ack) => ack.raw),
	};
}
