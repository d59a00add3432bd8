import { strict as assert } from 'node:assert';
import { KrakenValidationError } from '../../../../core/errors';
import { checkOrderShape } from '../../../../core/instruments/validate-order';
import type { BatchInstruction, SendOrderRequest } from '../../../../core/rest/types';
import { planBatch } from '../../../../core/uws/methods/batch';

const check = async (order: SendOrderRequest): Promise<SendOrderRequest> => checkOrderShape(order);

function send(symbol: string, tag?: string, extra: Partial<SendOrderRequest> = {}): BatchInstruction {
	return {
		order: 'send',
		...(tag !== undefined ? { order_tag: tag } : {}),
		orderType: 'lmt',
		symbol,
		side: 'buy',
		size: 1,
		limitPrice: 100,
		...extra,
	};
}

const cancel = (id: string): BatchInstruction => ({ order: 'cancel', order_id: id });

describe('UWS batch split', () => {
	it('one symbol, several orders: one batch_add', async () => {
		const steps = await planBatch([send('PF_XBTUSD'), send('PF_XBTUSD'), send('PF_XBTUSD')], check);
		assert.equal(steps.length, 1);
		assert.equal(steps[0].method, 'batch_add');
		assert.equal(steps[0].params.symbol, 'PF_XBTUSD');
		assert.equal((steps[0].params.orders as unknown[]).length, 3);
		assert.deepEqual(steps[0].indexes, [0, 1, 2]);
	});

	it('sends of several symbols: one batch_add per symbol, a lone order by add_order', async () => {
		const steps = await planBatch(
			[send('PF_XBTUSD'), send('PF_ETHUSD'), send('PF_XBTUSD'), send('PF_SOLUSD'), send('PF_ETHUSD')],
			check,
		);
		assert.deepEqual(
			steps.map((s) => [s.method, s.params.symbol, s.indexes]),
			[
				['batch_add', 'PF_XBTUSD', [0, 2]],
				['batch_add', 'PF_ETHUSD', [1, 4]],
				['add_order', 'PF_SOLUSD', [3]],
			],
		);
	});

	it('more than 15 orders of a symbol: batches of 2 to 15', async () => {
		const steps = await planBatch(
			Array.from({ length: 31 }, () => send('PF_XBTUSD')),
			check,
		);
		const sizes = steps.map((s) => (s.params.orders as unknown[]).length);
		assert.deepEqual(sizes, [11, 10, 10]);
		assert.deepEqual(
			steps.flatMap((s) => s.indexes),
			Array.from({ length: 31 }, (_, i) => i),
		);
	});

	it('keeps the order of runs: sends, then cancels, then an edit, then sends', async () => {
		const steps = await planBatch(
			[
				send('PF_XBTUSD'),
				cancel('a'),
				cancel('b'),
				{ order: 'edit', order_id: 'c', size: 2, qtyMode: 'ABSOLUTE' },
				send('PF_XBTUSD'),
				send('PF_XBTUSD'),
				cancel('d'),
			],
			check,
		);
		assert.deepEqual(
			steps.map((s) => [s.method, s.indexes]),
			[
				['add_order', [0]],
				['batch_cancel', [1, 2]],
				['amend_order', [3]],
				['batch_add', [4, 5]],
				['cancel_order', [6]],
			],
		);
		assert.deepEqual(steps[1].params.orders, ['a', 'b']);
		assert.deepEqual(steps[2].params, { asset_class: 'derivatives', order_id: 'c', order_qty: 2 });
	});

	it('a RELATIVE edit gets its fills added back from the tracked order', async () => {
		const steps = await planBatch([{ order: 'edit', order_id: 'c', size: 2 }], check, {
			filledQtyOf: (edit) => (edit.orderId === 'c' ? 0.5 : undefined),
		});
		assert.equal(steps[0].params.order_qty, 2.5);
	});

	it('validate and processBefore reach every step that carries them', async () => {
		const steps = await planBatch([send('PF_XBTUSD'), send('PF_XBTUSD'), send('PF_ETHUSD')], check, {
			validate: true,
			processBefore: '2026-11-30T16:00:00Z',
		});
		for (const step of steps) {
			assert.equal(step.params.validate, true);
			assert.equal(step.params.deadline, '2026-11-30T16:00:00.000Z');
		}
	});

	it('refuses processBefore on a batch with cancels: they have no deadline on UWS', async () => {
		await assert.rejects(
			planBatch([send('PF_XBTUSD'), cancel('a')], check, { processBefore: '2026-11-30T16:00:00Z' }),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'instructions[1].processBefore',
		);
	});

	it('a field UWS cannot carry is refused naming its instruction, before anything is planned', async () => {
		await assert.rejects(
			planBatch([send('PF_XBTUSD'), send('PF_XBTUSD', 'x', { broker: 'IIBAN' })], check),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'instructions[1].broker',
		);
		await assert.rejects(
			planBatch([send('PF_XBTUSD', 'x', { size: -1 })], check),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'instructions[0].size',
		);
		await assert.rejects(planBatch([], check), (e: unknown) => e instanceof KrakenValidationError);
		await assert.rejects(
			planBatch([{ order: 'nope' } as unknown as BatchInstruction], check),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'instructions[0].order',
		);
	});
});
