import { strict as assert } from 'node:assert';
import { KrakenValidationError } from '../../../../core/errors';
import type { CancelOrderRequest } from '../../../../core/rest/types';
import {
	evenChunks,
	planCancels,
	toCancelAllParams,
	toCancelOrderParams,
	toDeadManParams,
} from '../../../../core/uws/methods/cancel';

const ids = (n: number): { order_id: string }[] =>
	Array.from({ length: n }, (_, i) => ({
		order_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	}));

describe('UWS cancel mappings', () => {
	it('cancel_order takes a list of order ids or of client ids', () => {
		assert.deepEqual(toCancelOrderParams({ order_id: 'a' }), { asset_class: 'derivatives', order_id: ['a'] });
		assert.deepEqual(toCancelOrderParams({ cliOrdId: 'b' }), {
			asset_class: 'derivatives',
			cl_ord_id: ['b'],
		});
	});

	it('refuses a cancel without an id, with both ids, or with processBefore', () => {
		const field = (name: string) => (error: unknown) =>
			error instanceof KrakenValidationError && error.field === name;
		assert.throws(() => toCancelOrderParams({} as CancelOrderRequest), field('order_id'));
		assert.throws(
			() => toCancelOrderParams({ order_id: 'a', cliOrdId: 'b' } as unknown as CancelOrderRequest),
			field('order_id'),
		);
		assert.throws(
			() => toCancelOrderParams({ order_id: 'a', processBefore: '2026-11-30T16:00:00Z' }),
			field('processBefore'),
		);
	});

	it('cancel_all takes only the asset class', () => {
		assert.deepEqual(toCancelAllParams(), { asset_class: 'derivatives' });
	});

	it("the dead man's switch takes whole seconds, 0 to disarm", () => {
		assert.deepEqual(toDeadManParams(60), { asset_class: 'derivatives', timeout: 60 });
		assert.deepEqual(toDeadManParams(0), { asset_class: 'derivatives', timeout: 0 });
		for (const bad of [-1, 1.5, '60', undefined]) {
			assert.throws(
				() => toDeadManParams(bad),
				(e: unknown) => e instanceof KrakenValidationError && e.field === 'timeout',
			);
		}
	});

	it('splits into the fewest even chunks, never leaving one of a single item', () => {
		const sizes = (n: number, max: number) => evenChunks(Array.from({ length: n }), max).map((c) => c.length);
		assert.deepEqual(sizes(0, 50), []);
		assert.deepEqual(sizes(1, 50), [1]);
		assert.deepEqual(sizes(50, 50), [50]);
		assert.deepEqual(sizes(51, 50), [26, 25]);
		assert.deepEqual(sizes(101, 50), [34, 34, 33]);
		assert.deepEqual(sizes(16, 15), [8, 8]);
	});

	describe('cancelling a known set of orders (per-symbol cancel-all)', () => {
		it('sends nothing for no orders', () => {
			assert.deepEqual(planCancels([]), []);
		});

		it('one order goes by cancel_order (batch_cancel needs at least 2)', () => {
			assert.deepEqual(planCancels(ids(1)), [
				{ method: 'cancel_order', params: { asset_class: 'derivatives', order_id: [ids(1)[0].order_id] } },
			]);
		});

		it('2 to 50 orders go in one batch_cancel', () => {
			for (const n of [2, 50]) {
				const calls = planCancels(ids(n));
				assert.equal(calls.length, 1);
				assert.equal(calls[0].method, 'batch_cancel');
				assert.deepEqual(
					calls[0].params.orders,
					ids(n).map((t) => t.order_id),
				);
			}
		});

		it('more than 50 are spread over batch_cancel calls of 2 to 50, each id once', () => {
			const calls = planCancels(ids(101));
			assert.ok(calls.every((c) => c.method === 'batch_cancel'));
			const counts = calls.map((c) => (c.params.orders as string[]).length);
			assert.ok(counts.every((n) => n >= 2 && n <= 50));
			const sent = calls.flatMap((c) => c.params.orders as string[]);
			assert.deepEqual(
				sent,
				ids(101).map((t) => t.order_id),
			);
		});

		it('order ids and client ids share one batch_cancel', () => {
			const [call] = planCancels([{ order_id: 'a' }, { cliOrdId: 'b' }, { order_id: 'c' }]);
			assert.deepEqual(call, {
				method: 'batch_cancel',
				params: { asset_class: 'derivatives', orders: ['a', 'c'], cl_ord_id: ['b'] },
			});
		});
	});
});
