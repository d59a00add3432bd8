import { strict as assert } from 'node:assert';
import type { BatchInstruction } from '../../../../core/rest/types';
import { toBatchOrderResponse } from '../../../../core/uws/methods/batch-result';
import type { BatchStep } from '../../../../core/uws/methods/batch';
import {
	toCancelAllResponse,
	toCancelOrderResponse,
	toDeadManResponse,
	toEditOrderResponse,
	toSendOrderResult,
} from '../../../../core/uws/methods/results';

const ORDER_ID = '11111111-1111-4111-8111-111111111111';
const TIMES = { time_in: '2026-11-30T16:00:00.100000Z', time_out: '2026-11-30T16:00:00.200000Z' };

function ack(method: string, result: unknown) {
	const raw = { method, result, success: true, req_id: 7, ...TIMES };
	return { method, result, ...TIMES, raw };
}

describe('UWS replies in the legacy result shapes', () => {
	it('add_order → sendStatus placed, with the raw reply alongside', () => {
		const reply = ack('add_order', { order_id: ORDER_ID, cl_ord_id: 'mine' });
		const result = toSendOrderResult(reply, {
			orderType: 'mkt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: 1,
			cliOrdId: 'mine',
		});
		assert.equal(result.result, 'success');
		assert.equal(result.serverTime, TIMES.time_out);
		assert.deepEqual(result.sendStatus, {
			status: 'placed',
			order_id: ORDER_ID,
			cliOrdId: 'mine',
			receivedTime: TIMES.time_in,
			orderEvents: [],
		});
		assert.equal(result.uwsReply, reply.raw);
	});

	it('a dry run is validated, never placed, and has no order id', () => {
		const result = toSendOrderResult(
			ack('add_order', { order_id: '' }),
			{ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 },
			true,
		);
		assert.equal(result.sendStatus.status, 'validated');
		assert.equal('order_id' in result.sendStatus, false);
	});

	it('amend_order → editStatus edited (the derivatives reply has an empty amend_id)', () => {
		const result = toEditOrderResponse(ack('amend_order', { amend_id: '', cl_ord_id: 'mine' }), {
			cliOrdId: 'mine',
			limitPrice: 1,
		});
		assert.deepEqual(result.editStatus, { status: 'edited', cliOrdId: 'mine', orderEvents: [] });
		assert.equal((result.uwsReply.result as Record<string, unknown>).amend_id, '');
	});

	it('cancel_order → cancelStatus cancelled', () => {
		const result = toCancelOrderResponse(ack('cancel_order', { order_id: ORDER_ID }), { order_id: ORDER_ID });
		assert.equal(result.cancelStatus.status, 'cancelled');
		assert.equal(result.cancelStatus.order_id, ORDER_ID);
	});

	it('cancel_all → cancelled with a count, or noOrdersToCancel for 0', () => {
		const some = toCancelAllResponse([ack('cancel_all', { count: 3 })]);
		assert.equal(some.cancelStatus.status, 'cancelled');
		assert.equal(some.cancelledCount, 3);
		assert.equal(some.cancelStatus.cancelledOrders, undefined, 'cancel_all does not say which orders');
		const none = toCancelAllResponse([ack('cancel_all', { count: 0 })]);
		assert.equal(none.cancelStatus.status, 'noOrdersToCancel');
	});

	it('the per-symbol emulation lists the orders it cancelled and sums the counts', () => {
		const result = toCancelAllResponse(
			[ack('batch_cancel', { count: 2 }), ack('cancel_order', { order_id: 'c' })],
			[{ order_id: 'a' }, { order_id: 'b' }, { order_id: 'c', cliOrdId: 'x' }],
		);
		assert.equal(result.cancelStatus.status, 'cancelled');
		assert.equal(result.cancelledCount, 3);
		assert.deepEqual(
			result.cancelStatus.cancelledOrders?.map((o) => o.order_id),
			['a', 'b', 'c'],
		);
		assert.equal(result.uwsReplies.length, 2);
		assert.equal(toCancelAllResponse([], []).cancelStatus.status, 'noOrdersToCancel');
	});

	it('cancel_all_orders_after → status {currentTime, triggerTime}', () => {
		const result = toDeadManResponse(
			ack('cancel_all_orders_after', {
				currentTime: '2026-11-30T16:00:00Z',
				triggerTime: '2026-11-30T16:01:00Z',
			}),
		);
		assert.deepEqual(result.status, {
			currentTime: '2026-11-30T16:00:00Z',
			triggerTime: '2026-11-30T16:01:00Z',
		});
	});

	it('a split batch → one batchStatus entry per instruction, in the instructions order', () => {
		const instructions: BatchInstruction[] = [
			{
				order: 'send',
				order_tag: 'a',
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: 1,
				limitPrice: 1,
			},
			{ order: 'cancel', order_id: 'old' },
			{
				order: 'send',
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: 1,
				limitPrice: 1,
				cliOrdId: 'c2',
			},
		];
		const steps: BatchStep[] = [
			{ kind: 'send', indexes: [0, 2], method: 'batch_add', params: {} },
			{ kind: 'cancel', indexes: [1], method: 'cancel_order', params: {} },
		];
		const result = toBatchOrderResponse(instructions, steps, [
			ack('batch_add', [{ order_id: 'n1' }, { order_id: 'n2', cl_ord_id: 'c2' }]),
			ack('cancel_order', { order_id: 'old' }),
		]);
		assert.deepEqual(
			result.batchStatus.map((e) => [e.status, e.order_tag, e.order_id, e.cliOrdId]),
			[
				['placed', 'a', 'n1', undefined],
				['cancelled', undefined, 'old', undefined],
				['placed', '2', 'n2', 'c2'],
			],
		);
		assert.equal(result.uwsReplies.length, 2);
	});

	it('an order Kraken rejects inside a batch_add keeps its error as its status', () => {
		const instructions: BatchInstruction[] = [
			{ order: 'send', orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 1 },
			{ order: 'send', orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 1 },
		];
		const steps: BatchStep[] = [{ kind: 'send', indexes: [0, 1], method: 'batch_add', params: {} }];
		const result = toBatchOrderResponse(instructions, steps, [
			ack('batch_add', [{ error: 'EOrder:Insufficient funds' }, { order_id: 'n2' }]),
		]);
		assert.deepEqual(
			result.batchStatus.map((e) => e.status),
			['EOrder:Insufficient funds', 'placed'],
		);
	});

	it('a batch_cancel that cancelled fewer than it was given marks its entries', () => {
		const instructions: BatchInstruction[] = [
			{ order: 'cancel', order_id: 'a' },
			{ order: 'cancel', order_id: 'b' },
		];
		const steps: BatchStep[] = [{ kind: 'cancel', indexes: [0, 1], method: 'batch_cancel', params: {} }];
		const short = toBatchOrderResponse(instructions, steps, [ack('batch_cancel', { count: 1 })]);
		assert.deepEqual(
			short.batchStatus.map((e) => e.status),
			['notAllCancelled', 'notAllCancelled'],
		);
		const full = toBatchOrderResponse(instructions, steps, [ack('batch_cancel', { count: 2 })]);
		assert.deepEqual(
			full.batchStatus.map((e) => e.status),
			['cancelled', 'cancelled'],
		);
	});
});
