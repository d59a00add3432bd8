import {
	jsonParse,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkOrderGuards, KrakenValidationError } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import type { BatchInstruction } from '../../../../core/rest/types';
import { enforceGuards, readGuards } from '../../helpers/guards';
import { buildSendOrder } from '../../helpers/order-request';
import { guardsField } from '../common.descriptions';
import { buildEditOrder } from './edit.operation';

const EXAMPLE = JSON.stringify(
	[
		{
			order: 'send',
			order_tag: '1',
			orderType: 'lmt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: 0.001,
			limitPrice: 50000,
		},
		{ order: 'cancel', order_id: 'e35d61dd-8a30-4d5f-a574-b5593ef0c050' },
	],
	null,
	2,
);

const properties: INodeProperties[] = [
	{
		displayName: 'Instructions (JSON)',
		name: 'instructions',
		type: 'json',
		required: true,
		default: EXAMPLE,
		description:
			'Array of send, edit and cancel instructions in Kraken\'s names (batchOrder). Send: order "send", order_tag, orderType, symbol, side, size and the prices the type needs. Edit: order "edit", order_id or cliOrdId, and the new size or prices. Cancel: order "cancel", order_id or cliOrdId.',
	},
	guardsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['batch'] } },
	properties,
);

function orderReference(entry: IDataObject, position: string): { order_id: string } | { cliOrdId: string } {
	const orderId = typeof entry.order_id === 'string' ? entry.order_id.trim() : '';
	const cliOrdId = typeof entry.cliOrdId === 'string' ? entry.cliOrdId.trim() : '';
	if (orderId !== '') return { order_id: orderId };
	if (cliOrdId !== '') return { cliOrdId };
	throw new KrakenValidationError(`${position}.order_id`, 'give order_id or cliOrdId');
}

function parseInstructions(raw: unknown): IDataObject[] {
	let value = raw;
	if (typeof raw === 'string') {
		value = jsonParse(raw, { errorMessage: 'Instructions (JSON) is not valid JSON' });
	}
	if (!Array.isArray(value) || value.length === 0) {
		throw new KrakenValidationError('instructions', 'must be a non-empty JSON array of instructions');
	}
	return value as IDataObject[];
}

/** Checks every instruction before anything is sent: one bad instruction stops the whole batch. */
export function buildBatch(raw: unknown): BatchInstruction[] {
	return parseInstructions(raw).map((entry, index): BatchInstruction => {
		const position = `instructions[${index}]`;
		if (typeof entry !== 'object' || entry === null) {
			throw new KrakenValidationError(position, 'must be an object');
		}
		switch (entry.order) {
			case 'send': {
				const order = buildSendOrder(entry, `${position}.`);
				const tag = entry.order_tag === undefined ? String(index + 1) : String(entry.order_tag);
				return { order: 'send', order_tag: tag, ...order };
			}
			case 'edit': {
				const reference = orderReference(entry, position);
				const edit = buildEditOrder(
					'order_id' in reference ? { orderId: reference.order_id } : reference,
					entry,
					`${position}.`,
				);
				const { orderId, ...rest } = edit;
				return orderId === undefined
					? { order: 'edit', ...rest }
					: { order: 'edit', order_id: orderId, ...rest };
			}
			case 'cancel':
				return { order: 'cancel', ...orderReference(entry, position) };
			default:
				throw new KrakenValidationError(
					`${position}.order`,
					`must be "send", "edit" or "cancel", not "${String(entry.order)}"`,
				);
		}
	});
}

/** Names the instruction a guard refused, e.g. `instructions[2].size`. */
function atPosition(index: number): (error: unknown) => never {
	return (error) => {
		if (error instanceof KrakenValidationError && error.field !== undefined) {
			throw new KrakenValidationError(
				`instructions[${index}].${error.field}`,
				error.message.slice(error.field.length + 2),
			);
		}
		throw error;
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: KrakenFuturesTradingApi,
	itemIndex: number,
): Promise<IDataObject[]> {
	const instructions = buildBatch(this.getNodeParameter('instructions', itemIndex));
	const guards = readGuards(this, itemIndex);
	for (const [index, instruction] of instructions.entries()) {
		if (instruction.order === 'send') {
			await enforceGuards(client, instruction, guards).catch(atPosition(index));
		} else if (
			instruction.order === 'edit' &&
			instruction.size !== undefined &&
			guards.maxSize !== undefined
		) {
			const { size } = instruction;
			await Promise.resolve()
				.then(() => checkOrderGuards({ symbol: instruction.symbol ?? '', size }, { maxSize: guards.maxSize }))
				.catch(atPosition(index));
		}
	}
	const result = await client.batchOrder(instructions);
	return result.batchStatus as unknown as IDataObject[];
}
