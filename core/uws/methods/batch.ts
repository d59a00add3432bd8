import { KrakenValidationError } from '../../errors';
import { checkEditShape } from '../../instruments/validate-order';
import { atIndex } from '../../rest/batch';
import { checkCancelRequest } from '../../rest/order-params';
import type { BatchInstruction, EditOrderRequest, SendOrderRequest } from '../../rest/types';
import { toAmendOrderParams } from './amend-order';
import { toAddOrderParams, toUwsOrderFields } from './add-order';
import { type CancelTarget, evenChunks, planCancels, type UwsCall } from './cancel';
import { BATCH_ADD_MAX, DERIVATIVES } from './wire';

/**
 * A legacy `batchorder` (sends, edits and cancels mixed, any symbols) has no single UWS call. It
 * is split into steps that keep the instructions' order: each run of consecutive sends becomes one
 * `batch_add` per symbol (2 to 15 orders; a lone order goes by `add_order`), each run of
 * consecutive cancels `batch_cancel` (2 to 50; a lone one `cancel_order`), and each edit its own
 * `amend_order`, since UWS has no batch amend.
 */

export type BatchStepKind = 'send' | 'edit' | 'cancel';

export interface BatchStep extends UwsCall {
	kind: BatchStepKind;
	/** The instructions this step carries out, by their index in the legacy batch. */
	indexes: number[];
}

export interface BatchPlanOptions {
	validate?: boolean;
	/** ISO time: becomes the `deadline` of every step that has one. */
	processBefore?: string;
	/** The filled quantity of an open order (for RELATIVE edits), as the executions channel knows it. */
	filledQtyOf?: (edit: EditOrderRequest) => number | undefined;
}

type Checked =
	| { kind: 'send'; index: number; order: SendOrderRequest }
	| { kind: 'edit'; index: number; edit: EditOrderRequest }
	| { kind: 'cancel'; index: number; target: CancelTarget };

async function checkInstruction(
	instruction: BatchInstruction,
	index: number,
	checkOrder: (order: SendOrderRequest) => Promise<SendOrderRequest>,
	options: BatchPlanOptions,
): Promise<{ checked: Checked; call?: UwsCall }> {
	switch (instruction?.order) {
		case 'send': {
			const { order: _kind, order_tag: _tag, ...fields } = instruction;
			const order = await checkOrder(fields);
			toUwsOrderFields(order);
			return { checked: { kind: 'send', index, order } };
		}
		case 'edit': {
			const { order: _kind, order_id: orderId, ...rest } = instruction;
			const edit = checkEditShape({ ...rest, ...(orderId !== undefined ? { orderId } : {}) });
			const params = toAmendOrderParams(
				{ ...edit, ...(options.processBefore !== undefined ? { processBefore: options.processBefore } : {}) },
				options.filledQtyOf?.(edit),
			);
			return { checked: { kind: 'edit', index, edit }, call: { method: 'amend_order', params } };
		}
		case 'cancel': {
			const checked = checkCancelRequest(instruction as Parameters<typeof checkCancelRequest>[0]);
			if (options.processBefore !== undefined) {
				throw new KrakenValidationError(
					'processBefore',
					"cancel_order and batch_cancel have no deadline on Kraken's Unified WebSocket",
				);
			}
			const target: CancelTarget =
				checked.order_id !== undefined
					? { order_id: String(checked.order_id) }
					: { cliOrdId: String(checked.cliOrdId) };
			return { checked: { kind: 'cancel', index, target } };
		}
		default:
			throw new KrakenValidationError('order', 'must be send, edit or cancel');
	}
}

function sendSteps(run: Extract<Checked, { kind: 'send' }>[], options: BatchPlanOptions): BatchStep[] {
	const bySymbol = new Map<string, Extract<Checked, { kind: 'send' }>[]>();
	for (const item of run) bySymbol.set(item.order.symbol, [...(bySymbol.get(item.order.symbol) ?? []), item]);
	const deadline =
		options.processBefore === undefined ? {} : { deadline: new Date(options.processBefore).toISOString() };
	const steps: BatchStep[] = [];
	for (const [symbol, items] of bySymbol) {
		for (const chunk of evenChunks(items, BATCH_ADD_MAX)) {
			const indexes = chunk.map((item) => item.index);
			if (chunk.length === 1) {
				const params = { ...toAddOrderParams(chunk[0].order, options.validate === true), ...deadline };
				steps.push({ kind: 'send', indexes, method: 'add_order', params });
				continue;
			}
			const params = {
				asset_class: DERIVATIVES,
				symbol,
				orders: chunk.map((item) => toUwsOrderFields(item.order)),
				...deadline,
				...(options.validate === true ? { validate: true } : {}),
			};
			steps.push({ kind: 'send', indexes, method: 'batch_add', params });
		}
	}
	return steps;
}

function cancelSteps(run: Extract<Checked, { kind: 'cancel' }>[]): BatchStep[] {
	const steps: BatchStep[] = [];
	let offset = 0;
	for (const call of planCancels(run.map((item) => item.target))) {
		const ids = call.method === 'cancel_order' ? 1 : countIds(call.params);
		steps.push({ kind: 'cancel', indexes: run.slice(offset, offset + ids).map((i) => i.index), ...call });
		offset += ids;
	}
	return steps;
}

function countIds(params: Record<string, unknown>): number {
	const orders = Array.isArray(params.orders) ? params.orders.length : 0;
	return orders + (Array.isArray(params.cl_ord_id) ? params.cl_ord_id.length : 0);
}

/**
 * Checks every instruction (a failure names it: `instructions[2].size`) and returns the UWS calls
 * that carry the batch out, in order. Nothing is sent when any instruction fails its checks.
 */
export async function planBatch(
	instructions: readonly BatchInstruction[],
	checkOrder: (order: SendOrderRequest) => Promise<SendOrderRequest>,
	options: BatchPlanOptions = {},
): Promise<BatchStep[]> {
	if (!Array.isArray(instructions) || instructions.length === 0) {
		throw new KrakenValidationError('instructions', 'must be a non-empty list');
	}
	const checked: { checked: Checked; call?: UwsCall }[] = [];
	for (const [index, instruction] of instructions.entries()) {
		checked.push(await atIndex(index, () => checkInstruction(instruction, index, checkOrder, options)));
	}
	const steps: BatchStep[] = [];
	let i = 0;
	while (i < checked.length) {
		const { checked: first, call } = checked[i];
		if (first.kind === 'edit') {
			steps.push({ kind: 'edit', indexes: [first.index], ...(call as UwsCall) });
			i += 1;
			continue;
		}
		let end = i;
		while (end < checked.length && checked[end].checked.kind === first.kind) end += 1;
		const run = checked.slice(i, end).map((item) => item.checked);
		if (first.kind === 'send') steps.push(...sendSteps(run as Extract<Checked, { kind: 'send' }>[], options));
		else steps.push(...cancelSteps(run as Extract<Checked, { kind: 'cancel' }>[]));
		i = end;
	}
	return steps;
}
