import { strict as assert } from 'node:assert';
import { OpenOrderBook } from '../../../../core/uws/channels/open-orders';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const restingBuy = {
	order_id: A,
	cl_ord_id: 'mine',
	exec_type: 'new',
	exec_id: 'e1',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	order_type: 'limit',
	order_qty: 0.5,
	limit_price: 50000,
	time_in_force: 'gtc',
	post_only: true,
	reduce_only: false,
	cum_qty: 0,
	order_status: 'new',
	timestamp: '2026-11-30T16:00:00Z',
};
const stop = {
	order_id: B,
	exec_type: 'new',
	symbol: 'PF_ETHUSD',
	side: 'sell',
	order_type: 'stop-loss',
	order_qty: 2,
	triggers: { reference: 'index', price: 2500, price_type: 'static' },
	order_status: 'new',
	timestamp: '2026-11-30T16:00:01Z',
};

describe('UWS executions → open orders', () => {
	it('the snapshot gives the open orders in the legacy openorders shape', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [restingBuy, stop]);
		assert.equal(book.ready, true);
		const [buy, sell] = book.list();
		assert.deepEqual(
			{ ...buy, raw: undefined },
			{
				order_id: A,
				cliOrdId: 'mine',
				status: 'untouched',
				side: 'buy',
				orderType: 'post',
				symbol: 'PF_XBTUSD',
				limitPrice: 50000,
				filledSize: 0,
				unfilledSize: 0.5,
				reduceOnly: false,
				lastUpdateTime: '2026-11-30T16:00:00Z',
				receivedTime: '2026-11-30T16:00:00Z',
				raw: undefined,
			},
		);
		assert.deepEqual(
			[sell.orderType, sell.stopPrice, sell.triggerSignal, sell.side],
			['stp', 2500, 'index', 'sell'],
		);
	});

	it('maps the other order types back to legacy names', () => {
		const book = new OpenOrderBook();
		const types: [Record<string, unknown>, string][] = [
			[{ order_type: 'limit', time_in_force: 'ioc' }, 'ioc'],
			[{ order_type: 'limit' }, 'lmt'],
			[{ order_type: 'take-profit-limit' }, 'take_profit'],
			[{ order_type: 'trailing-stop' }, 'trailing_stop'],
			[{ order_type: 'market' }, 'mkt'],
		];
		book.apply(
			'snapshot',
			types.map(([fields], i) => ({
				order_id: String(i),
				symbol: 'PF_XBTUSD',
				side: 'buy',
				order_qty: 1,
				...fields,
			})),
		);
		assert.deepEqual(
			book.list().map((o) => o.orderType),
			types.map(([, legacy]) => legacy),
		);
	});

	it('a partial fill merges into the order; a fill, cancel or expiry removes it', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [restingBuy, stop]);
		book.apply('update', [
			{
				order_id: A,
				exec_type: 'trade',
				last_qty: 0.2,
				last_price: 50000,
				cum_qty: 0.2,
				order_status: 'partially_filled',
			},
		]);
		const [partial] = book.list();
		assert.deepEqual(
			[partial.status, partial.filledSize, partial.unfilledSize, partial.limitPrice],
			['partiallyFilled', 0.2, 0.3, 50000],
		);
		book.apply('update', [{ order_id: B, exec_type: 'canceled', order_status: 'canceled' }]);
		assert.deepEqual(
			book.list().map((o) => o.order_id),
			[A],
		);
		book.apply('update', [{ order_id: A, exec_type: 'filled', order_status: 'filled', cum_qty: 0.5 }]);
		assert.equal(book.list().length, 0);
		assert.deepEqual(
			book.findByCliOrdId('mine')?.open,
			false,
			'a closed order is still found by its client id',
		);
	});

	it('finds orders by symbol, id and client id; a late event for a closed order does not reopen it', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [restingBuy, stop]);
		assert.deepEqual(
			book.forSymbol('pf_ethusd').map((o) => o.order_id),
			[B],
		);
		assert.equal(book.findOpen({ cliOrdId: 'mine' })?.order_id, A);
		assert.equal(book.findOpen({ orderId: B })?.symbol, 'PF_ETHUSD');
		assert.equal(book.findByCliOrdId('mine')?.orderId, A);
		book.apply('update', [{ order_id: A, exec_type: 'canceled', order_status: 'canceled' }]);
		book.apply('update', [{ order_id: A, exec_type: 'amended', order_qty: 1 }]);
		assert.equal(book.findOpen({ orderId: A }), undefined);
	});

	it('an amend changes the order in place', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [restingBuy]);
		book.apply('update', [
			{ order_id: A, exec_type: 'amended', limit_price: 49000, order_qty: 0.6, order_status: 'new' },
		]);
		const [amended] = book.list();
		assert.deepEqual([amended.limitPrice, amended.unfilledSize, amended.cliOrdId], [49000, 0.6, 'mine']);
	});

	it('a new snapshot replaces the open orders', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [restingBuy, stop]);
		book.apply('snapshot', [stop]);
		assert.deepEqual(
			book.list().map((o) => o.order_id),
			[B],
		);
		book.reset();
		assert.equal(book.ready, false);
		assert.equal(book.list().length, 0);
	});
});

describe('UWS executions snapshot fills', () => {
	it('fills in a snapshot are history: they never open an order, though a partial one once was', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [
			{ ...restingBuy, cum_qty: 0.1, order_status: 'partially_filled', exec_type: 'new' },
			{
				order_id: B,
				cl_ord_id: 'gone',
				exec_type: 'trade',
				symbol: 'PF_ETHUSD',
				side: 'sell',
				last_qty: 1,
				cum_qty: 1,
				order_status: 'partially_filled',
			},
			{ order_id: A, exec_type: 'trade', last_qty: 0.1, cum_qty: 0.1, order_status: 'partially_filled' },
		]);
		assert.deepEqual(
			book.list().map((o) => [o.order_id, o.filledSize, o.limitPrice]),
			[[A, 0.1, 50000]],
		);
		assert.equal(book.findByCliOrdId('gone')?.open, false);
	});
});

describe('UWS executions snapshot order', () => {
	it('an order listed after its own earlier fills is still open', () => {
		const book = new OpenOrderBook();
		book.apply('snapshot', [
			{ order_id: A, exec_type: 'trade', last_qty: 0.1, cum_qty: 0.1, order_status: 'partially_filled' },
			{ ...restingBuy, cum_qty: 0.2, order_status: 'partially_filled', exec_type: 'new' },
		]);
		assert.deepEqual(
			book.list().map((o) => [o.order_id, o.filledSize, o.status]),
			[[A, 0.2, 'partiallyFilled']],
		);
	});
});
