import assert from 'node:assert/strict';
import { LatestStateCache } from '../../../core/ws/latest-state';

describe('LatestStateCache', () => {
	it('replays open orders as one snapshot with later placements and cancellations applied', () => {
		const cache = new LatestStateCache();
		const order = (id: string, qty: number) => ({ instrument: 'PF_XBTUSD', order_id: id, qty, direction: 0 });
		cache.record('open_orders', {
			feed: 'open_orders_snapshot',
			account: 'acc',
			orders: [order('a', 1), order('b', 2)],
		});
		cache.record('open_orders', {
			feed: 'open_orders',
			order: order('c', 3),
			is_cancel: false,
			reason: 'new_placed_order_by_user',
		});
		cache.record('open_orders', {
			feed: 'open_orders',
			order: order('a', 0.5),
			is_cancel: false,
			reason: 'partial_fill',
		});
		cache.record('open_orders', {
			feed: 'open_orders',
			order_id: 'b',
			is_cancel: true,
			reason: 'cancelled_by_user',
		});
		assert.deepEqual(cache.replay('open_orders'), [
			{ feed: 'open_orders_snapshot', account: 'acc', orders: [order('a', 0.5), order('c', 3)] },
		]);
	});

	it('keeps the latest complete message of ticker-like feeds and nothing of event feeds', () => {
		const cache = new LatestStateCache();
		cache.record('ticker_lite|PF_XBTUSD', { feed: 'ticker_lite', product_id: 'PF_XBTUSD', bid: 1 });
		cache.record('ticker_lite|PF_XBTUSD', { feed: 'ticker_lite', product_id: 'PF_XBTUSD', bid: 2 });
		cache.record('open_positions', { feed: 'open_positions', positions: [] });
		cache.record('trade|PF_XBTUSD', { feed: 'trade', product_id: 'PF_XBTUSD', price: 1 });
		assert.equal(cache.replay('ticker_lite|PF_XBTUSD')[0].bid, 2);
		assert.equal(cache.replay('open_positions').length, 1);
		assert.deepEqual(cache.replay('trade|PF_XBTUSD'), []);
		cache.clear();
		assert.deepEqual(cache.replay('ticker_lite|PF_XBTUSD'), []);
	});

	it('ignores book deltas until a snapshot arrived', () => {
		const cache = new LatestStateCache();
		cache.record('book|PF_XBTUSD', {
			feed: 'book',
			product_id: 'PF_XBTUSD',
			side: 'buy',
			price: 1,
			qty: 1,
			seq: 5,
		});
		assert.deepEqual(cache.replay('book|PF_XBTUSD'), []);
	});
});
