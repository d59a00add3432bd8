import { strict as assert } from 'node:assert';
import { KrakenValidationError } from '../../../../core/errors';
import { toAmendOrderParams } from '../../../../core/uws/methods/amend-order';

const ID = 'e66851e7-8721-50ed-bf43-5e6a2ddff423';

function refusedWith(field: string, reason: RegExp) {
	return (error: unknown): boolean => {
		assert.ok(error instanceof KrakenValidationError);
		assert.equal(error.field, field);
		assert.match(error.message, reason);
		return true;
	};
}

describe('UWS amend_order mapping', () => {
	it('maps an absolute size and a limit price by order id', () => {
		assert.deepEqual(toAmendOrderParams({ orderId: ID, size: 2, qtyMode: 'ABSOLUTE', limitPrice: 61031.5 }), {
			asset_class: 'derivatives',
			order_id: ID,
			order_qty: 2,
			limit_price: 61031.5,
		});
	});

	it('addresses the order by cl_ord_id when given a cliOrdId', () => {
		const params = toAmendOrderParams({ cliOrdId: 'mine', limitPrice: 5 });
		assert.equal(params.cl_ord_id, 'mine');
		assert.equal('order_id' in params, false);
	});

	it('a RELATIVE size (the legacy default) becomes the whole quantity: open part plus fills', () => {
		assert.equal(toAmendOrderParams({ orderId: ID, size: 0.2 }, 0.1).order_qty, 0.3);
		assert.equal(toAmendOrderParams({ orderId: ID, size: 0.2, qtyMode: 'RELATIVE' }, 0).order_qty, 0.2);
	});

	it('refuses a RELATIVE size when the filled quantity is unknown', () => {
		assert.throws(() => toAmendOrderParams({ orderId: ID, size: 1 }), refusedWith('qtyMode', /ABSOLUTE/));
	});

	it('maps a stop price to a static trigger price, and a trailing distance to pct or quote', () => {
		const stop = toAmendOrderParams({ orderId: ID, stopPrice: 40000 });
		assert.deepEqual([stop.trigger_price, stop.trigger_price_type], [40000, 'static']);
		const pct = toAmendOrderParams({
			orderId: ID,
			trailingStopMaxDeviation: 3,
			trailingStopDeviationUnit: 'PERCENT',
		});
		assert.deepEqual([pct.trigger_price, pct.trigger_price_type], [3, 'pct']);
		const quote = toAmendOrderParams({
			orderId: ID,
			trailingStopMaxDeviation: 300,
			trailingStopDeviationUnit: 'QUOTE_CURRENCY',
		});
		assert.deepEqual([quote.trigger_price, quote.trigger_price_type], [300, 'quote']);
	});

	it('refuses a stop price together with a trailing distance', () => {
		assert.throws(
			() =>
				toAmendOrderParams({
					orderId: ID,
					stopPrice: 1,
					trailingStopMaxDeviation: 3,
					trailingStopDeviationUnit: 'PERCENT',
				}),
			refusedWith('stopPrice', /one trigger price/),
		);
	});

	it('refuses an edit that changes nothing', () => {
		assert.throws(
			() => toAmendOrderParams({ orderId: ID, processBefore: '2026-11-30T16:00:00Z' }),
			refusedWith('size', /nothing to change/),
		);
	});

	it('carries processBefore as deadline', () => {
		assert.equal(
			toAmendOrderParams({ orderId: ID, limitPrice: 1, processBefore: '2026-11-30T16:00:00Z' }).deadline,
			'2026-11-30T16:00:00.000Z',
		);
	});
});
