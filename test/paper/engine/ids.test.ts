import assert from 'node:assert/strict';
import { PaperExchange } from '../../../paper/exchange';
import { START_MS } from './fixture';

const ORDER = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.001', limitPrice: '1000' };

function orderIds(options: { seed?: number; idRun?: number }, count = 3): string[] {
	const exchange = new PaperExchange({ ...options, now: () => START_MS });
	return Array.from({ length: count }, () => {
		const answer = exchange.sendOrder('account', ORDER).sendStatus as { order_id: string };
		return answer.order_id;
	});
}

describe('paper exchange ids', () => {
	it('are random UUIDs when no seed is given: two fresh exchanges never share one', () => {
		const first = orderIds({});
		const second = orderIds({});
		for (const id of first)
			assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		assert.equal(new Set([...first, ...second]).size, first.length + second.length);
	});

	it('repeat only with an explicit seed, and differ per start of one state file', () => {
		assert.deepEqual(orderIds({ seed: 9 }), orderIds({ seed: 9 }));
		const firstRun = orderIds({ seed: 9, idRun: 1 });
		const secondRun = orderIds({ seed: 9, idRun: 2 });
		assert.deepEqual(firstRun, orderIds({ seed: 9, idRun: 1 }));
		assert.equal(new Set([...firstRun, ...secondRun]).size, firstRun.length * 2);
	});
});
