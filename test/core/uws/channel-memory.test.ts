import { strict as assert } from 'node:assert';
import { asksForSnapshot, memoryFor } from '../../../core/uws/channel-memory';
import type { UwsPush } from '../../../core/uws/envelope';

type Item = Record<string, unknown>;
const push = (channel: string, type: string, data: Item[]): UwsPush => ({
	channel,
	type,
	data,
	raw: { channel, type, data },
});
const level = (price: number, qty: number): Item => ({ price, qty });

function memory(channel: string, params: Record<string, unknown> = {}) {
	const made = memoryFor(channel, params);
	assert.ok(made, `a memory for ${channel}`);
	return made;
}

/** The one item of the snapshot a late consumer is handed. */
function replayed(channel: string, pushes: UwsPush[], params: Record<string, unknown> = {}): Item[] {
	const kept = memory(channel, params);
	for (const one of pushes) kept.record(one);
	const [snapshot, ...rest] = kept.replay();
	assert.deepEqual(rest, []);
	assert.equal(snapshot.type, 'snapshot');
	assert.equal(snapshot.channel, channel);
	return snapshot.data as Item[];
}

describe('core/uws/channel-memory: the snapshot a consumer joining a public subscription is handed', () => {
	it('ticker: the snapshot with every update laid over it, fields an update omits kept', () => {
		const [ticker] = replayed('ticker', [
			push('ticker', 'snapshot', [{ symbol: 'PF_XBTUSD', bid: 1, ask: 3, last: 2, extra: 'x' }]),
			push('ticker', 'update', [{ symbol: 'PF_XBTUSD', bid: 2, last: 2.5 }]),
			push('ticker', 'update', [{ symbol: 'PF_XBTUSD', ask: 2.8 }]),
		]);
		assert.deepEqual(ticker, { symbol: 'PF_XBTUSD', bid: 2, ask: 2.8, last: 2.5, extra: 'x' });
	});

	it('book: levels changed, removed at qty 0, sorted best first and cut to the subscribed depth', () => {
		const [book] = replayed(
			'book',
			[
				push('book', 'snapshot', [
					{
						symbol: 'S',
						bids: [level(99, 1), level(98, 2)],
						asks: [level(101, 1), level(102, 2)],
						checksum: 1,
					},
				]),
				push('book', 'update', [{ symbol: 'S', bids: [level(100, 5), level(98, 0)], asks: [], checksum: 2 }]),
				push('book', 'update', [{ symbol: 'S', bids: [level(97, 1)], asks: [level(100.5, 3)], checksum: 3 }]),
			],
			{ depth: 2 },
		);
		assert.deepEqual(book, {
			symbol: 'S',
			bids: [level(100, 5), level(99, 1)],
			asks: [level(100.5, 3), level(101, 1)],
			checksum: 3,
		});
	});

	it('book: a new snapshot replaces every level; the default depth is 10', () => {
		const many = Array.from({ length: 12 }, (_, i) => level(100 - i, 1));
		const [book] = replayed('book', [
			push('book', 'snapshot', [{ bids: [level(1, 1)], asks: [level(2, 1)] }]),
			push('book', 'snapshot', [{ bids: many, asks: [] }]),
		]);
		assert.deepEqual(book.bids, many.slice(0, 10));
		assert.deepEqual(book.asks, []);
	});

	it('trade: the snapshot and the trades since, the last 50, oldest first by trade id', () => {
		const trade = (id: number): Item => ({ symbol: 'S', trade_id: id, price: id });
		const snapshot = Array.from({ length: 50 }, (_, i) => trade(50 - i));
		const trades = replayed('trade', [
			push('trade', 'snapshot', snapshot),
			push('trade', 'update', [trade(51), trade(52)]),
		]);
		assert.deepEqual(
			trades.map((item) => item.trade_id),
			Array.from({ length: 50 }, (_, i) => i + 3),
		);
	});

	it('hands nothing before a snapshot, updates included, and nothing after forget()', () => {
		const ticker = memory('ticker');
		ticker.record(push('ticker', 'update', [{ bid: 1 }]));
		assert.equal(ticker.state, 'awaiting');
		assert.deepEqual(ticker.replay(), []);
		ticker.record(push('ticker', 'snapshot', [{ bid: 2 }]));
		assert.equal(ticker.state, 'current');
		ticker.forget();
		assert.equal(ticker.state, 'awaiting');
		assert.deepEqual(ticker.replay(), []);
	});

	it("knows each channel's snapshot default, and keeps nothing for event channels", () => {
		assert.equal(asksForSnapshot('ticker'), true);
		assert.equal(asksForSnapshot('book', { snapshot: false }), false);
		assert.equal(asksForSnapshot('trade'), false);
		assert.equal(asksForSnapshot('trade', { snapshot: true }), true);
		assert.equal(asksForSnapshot('instrument', { snapshot: false }), false);
		assert.equal(asksForSnapshot('executions', { snap_orders: false }), false);
		assert.equal(asksForSnapshot('executions', { snap_orders: false, snap_trades: true }), true);
		assert.equal(asksForSnapshot('margin'), true);
		assert.equal(memoryFor('ledgers', {}), undefined);
		assert.equal(memoryFor('heartbeat', {}), undefined);
	});
});
