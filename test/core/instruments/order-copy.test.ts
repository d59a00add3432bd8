import { strict as assert } from 'node:assert';
import { checkEditShape, checkOrderShape } from '../../../core/instruments/validate-order';
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
