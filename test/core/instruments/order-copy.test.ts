import { strict as assert } from 'node:assert';
import type { InstrumentSpec } from '../../../core/instruments/cache';
import {
	applyInstrumentGrid,
	checkEditShape,
	checkOrderAgainstInstrument,
	checkOrderShape,
	checkShapedOrderAgainstInstrument,
} from '../../../core/instruments/validate-order';
import type { SendOrderRequest } from '../../../core/rest/types';

const TEMPLATE = { orderType: 'lmt', symbol: 'pf_xbtusd', side: 'buy', size: 1, limitPrice: 30000 } as const;

/** An order whose `size` reads 1 the first time and `laterSize` after that, counting the reads. */
function shiftingOrder(laterSize: number): { order: SendOrderRequest; reads: () => number } {
	let reads = 0;
	const order = { ...TEMPLATE } as SendOrderRequest;
	Object.defineProperty(order, 'size', {
		enumerable: true,
		get: () => (++reads === 1 ? 1 : laterSize),
	});
	return { order, reads: () => reads };
}

describe('order checks read one copy of the caller’s order', () => {
	it('the size that passed the check is the size returned, each field read once', () => {
		const { order, reads } = shiftingOrder(0);
		const checked = checkOrderShape(order);
		assert.equal(checked.size, 1);
		assert.equal(reads(), 1);
		assert.equal(checked.symbol, 'PF_XBTUSD');
		assert.notEqual(checked, order);
	});

	it('an edit is checked and returned from one copy too', () => {
		let reads = 0;
		const edit = { orderId: 'o', symbol: ' pf_xbtusd ' } as Record<string, unknown>;
		Object.defineProperty(edit, 'limitPrice', {
			enumerable: true,
			get: () => (++reads === 1 ? 30001 : -1),
		});
		const checked = checkEditShape(edit as never);
		assert.equal(checked.limitPrice, 30001);
		assert.equal(reads, 1);
		assert.equal(checked.symbol, 'PF_XBTUSD');
		assert.equal(edit.symbol, ' pf_xbtusd ', 'the caller’s edit is left as it was');
	});

	it('an own __proto__ field (as JSON.parse makes) stays a field and changes no prototype', () => {
		const order = JSON.parse(
			'{"orderType":"lmt","symbol":"PF_XBTUSD","side":"buy","size":1,"limitPrice":30000,"__proto__":{"reduceOnly":"yes"}}',
		) as SendOrderRequest;
		const checked = checkOrderShape(order);
		assert.equal(Object.getPrototypeOf(checked), Object.prototype);
		assert.equal(checked.reduceOnly, undefined);
	});
});

describe('the instrument grid and the caller’s order', () => {
	const XBT: InstrumentSpec = {
		symbol: 'PF_XBTUSD',
		tradeable: true,
		postOnly: false,
		tickSize: 0.5,
		contractValueTradePrecision: 4,
		raw: { symbol: 'PF_XBTUSD' } as InstrumentSpec['raw'],
	};
	const offGrid = (): SendOrderRequest => ({ ...TEMPLATE, size: 0.00012, limitPrice: 30000.26 });

	it('checkOrderAgainstInstrument and applyInstrumentGrid round a copy, never the caller’s object', () => {
		const order = offGrid();
		const checked = checkOrderAgainstInstrument(order, XBT, true);
		assert.deepEqual([checked.size, checked.limitPrice, checked.symbol], [0.0001, 30000.5, 'PF_XBTUSD']);
		const gridded = applyInstrumentGrid(order, XBT, true);
		assert.deepEqual([gridded.size, gridded.limitPrice], [0.0001, 30000.5]);
		assert.deepEqual(order, offGrid());
	});

	it('the clients’ path puts the copy checkOrderShape made on the grid, and makes no other', () => {
		const order = offGrid();
		const shaped = checkOrderShape(order);
		const checked = checkShapedOrderAgainstInstrument(shaped, XBT, true);
		assert.equal(checked, shaped);
		assert.deepEqual([checked.size, checked.limitPrice, checked.symbol], [0.0001, 30000.5, 'PF_XBTUSD']);
		assert.deepEqual(order, offGrid());
		assert.throws(
			() => checkShapedOrderAgainstInstrument(checkOrderShape(offGrid()), XBT, false),
			/limitPrice.*not a multiple of the tick size 0.5/,
		);
	});
});
