import assert from 'node:assert/strict';
import { checkOrderGuards, KrakenValidationError, orderNotional } from '../../core';

function violation(fn: () => void): KrakenValidationError {
	try {
		fn();
	} catch (error) {
		assert.ok(
			error instanceof KrakenValidationError,
			`expected a KrakenValidationError, got ${String(error)}`,
		);
		return error;
	}
	assert.fail('expected the guard to refuse the order');
}

describe('order guards', () => {
	const order = { symbol: 'PF_XBTUSD', size: 0.5, limitPrice: 60000 };

	it('lets an order through when no guard is set', () => {
		assert.doesNotThrow(() => checkOrderGuards(order, {}));
	});

	it('refuses a symbol outside the allowed list, case-insensitively', () => {
		assert.doesNotThrow(() => checkOrderGuards(order, { allowedSymbols: ['pf_xbtusd'] }));
		const error = violation(() => checkOrderGuards(order, { allowedSymbols: ['PF_ETHUSD'] }));
		assert.equal(error.field, 'symbol');
		assert.match(error.message, /PF_XBTUSD is not in this node's allowed symbols/);
	});

	it('refuses an order that is not reduce-only on a reduce-only node', () => {
		assert.equal(violation(() => checkOrderGuards(order, { reduceOnly: true })).field, 'reduceOnly');
		assert.doesNotThrow(() => checkOrderGuards({ ...order, reduceOnly: true }, { reduceOnly: true }));
	});

	it('refuses a size above the maximum', () => {
		assert.equal(violation(() => checkOrderGuards(order, { maxSize: 0.25 })).field, 'size');
		assert.doesNotThrow(() => checkOrderGuards(order, { maxSize: 0.5 }));
	});

	it('computes linear notional from the limit price, then the reference price', () => {
		assert.equal(orderNotional(order), 30000);
		assert.equal(orderNotional({ symbol: 'PF_ETHUSD', size: 2 }, 3000), 6000);
		assert.equal(orderNotional({ symbol: 'PF_ETHUSD', size: 2 }), undefined);
	});

	it('treats inverse contracts as 1 USD each', () => {
		assert.equal(orderNotional({ symbol: 'PI_XBTUSD', size: 2500, limitPrice: 60000 }), 2500);
	});

	it('refuses a notional above the maximum, and one it cannot price', () => {
		const error = violation(() => checkOrderGuards(order, { maxNotional: 20000 }));
		assert.match(error.message, /notional 30000\.00 USD is above/);
		assert.doesNotThrow(() => checkOrderGuards(order, { maxNotional: 30000 }));
		const unpriced = violation(() =>
			checkOrderGuards({ symbol: 'PF_XBTUSD', size: 1 }, { maxNotional: 100 }),
		);
		assert.equal(unpriced.field, 'limitPrice');
	});
});
