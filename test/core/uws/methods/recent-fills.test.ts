import { strict as assert } from 'node:assert';
import { RecentFills } from '../../../../core/uws/methods/recent-fills';

const fill = (execId: string, time: string, extra: Record<string, unknown> = {}) => ({
	exec_id: execId,
	exec_type: 'trade',
	order_id: 'o1',
	cl_ord_id: 'mine',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	last_qty: 0.01,
	last_price: 60000,
	liquidity_ind: 't',
	timestamp: time,
	...extra,
});

describe('UWS executions fills → legacy fills', () => {
	it('keeps trade events only, each exec_id once, newest first, in the REST fills shape', () => {
		const fills = new RecentFills();
		fills.apply([
			fill('e1', '2026-11-30T16:00:00Z'),
			{ order_id: 'o2', exec_type: 'new', symbol: 'PF_XBTUSD' },
			fill('e2', '2026-11-30T16:00:02Z', { liquidity_ind: 'm' }),
		]);
		fills.apply([fill('e1', '2026-11-30T16:00:00Z'), fill('e3', '2026-11-30T16:00:01Z')]);
		const list = fills.list();
		assert.deepEqual(
			list.map((f) => [f.fill_id, f.fillType]),
			[
				['e2', 'maker'],
				['e3', 'taker'],
				['e1', 'taker'],
			],
		);
		assert.deepEqual(
			{ ...list[2], raw: undefined },
			{
				fill_id: 'e1',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				order_id: 'o1',
				cliOrdId: 'mine',
				size: 0.01,
				price: 60000,
				fillTime: '2026-11-30T16:00:00.000Z',
				fillType: 'taker',
				raw: undefined,
			},
		);
		assert.equal(list[2].raw.exec_id, 'e1');
	});
});
