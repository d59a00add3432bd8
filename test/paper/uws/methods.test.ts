import assert from 'node:assert/strict';
import { restingPrice, usePrivateSuite } from './support';

type Message = Record<string, unknown>;
const SYMBOL = 'PF_XBTUSD';

describe('paper exchange: UWS trading methods', () => {
	const suite = usePrivateSuite();
	const account = () => suite.server.exchange.inspect().account(suite.server.keys[0].accountId)!;

	const call = (method: string, params: Message) =>
		suite.client.request(method, { asset_class: 'derivatives', token: suite.token, ...params });
	const limit = (extra: Message = {}): Message => ({
		order_type: 'limit',
		side: 'buy',
		order_qty: 0.01,
		limit_price: restingPrice(suite.server, SYMBOL, 'buy'),
		symbol: SYMBOL,
		...extra,
	});
	const expectError = (reply: Message, error: string | RegExp) => {
		assert.equal(reply.success, false, JSON.stringify(reply));
		if (typeof error === 'string') assert.equal(reply.error, error);
		else assert.match(String(reply.error), error);
	};

	it('add_order places an order with Kraken’s reply envelope', async () => {
		const reply = await call('add_order', limit({ cl_ord_id: 'ok-1', post_only: true }));
		assert.deepEqual(Object.keys(reply), ['method', 'req_id', 'result', 'success', 'time_in', 'time_out']);
		const { order_id: orderId } = reply.result as { order_id: string };
		assert.match(orderId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		const placed = account().orders.get(orderId)!;
		assert.deepEqual([placed.orderType, placed.cliOrdId, placed.quantity], ['post', 'ok-1', 0.01]);
	});

	it('add_order maps every order type and trigger', async () => {
		const mark = suite.server.exchange.inspect().market(SYMBOL)!.markPrice;
		const above = Math.round(mark * 1.05);
		const cases: [Message, string][] = [
			[limit({ time_in_force: 'gtc' }), 'lmt'],
			[
				{ ...limit(), order_type: 'stop-loss', side: 'buy', triggers: { price: above, reference: 'index' } },
				'stp',
			],
			[
				{
					...limit(),
					order_type: 'stop-loss-limit',
					side: 'buy',
					limit_price: above + 10,
					triggers: { price: above },
				},
				'stp',
			],
			[{ ...limit(), order_type: 'take-profit', side: 'sell', triggers: { price: above } }, 'take_profit'],
			[
				{ ...limit(), order_type: 'trailing-stop', side: 'sell', triggers: { price: 2, price_type: 'pct' } },
				'trailing_stop',
			],
		];
		for (const [params, legacyType] of cases) {
			const reply = await call('add_order', params);
			assert.equal(reply.success, true, JSON.stringify(reply));
			const order = account().orders.get((reply.result as Message).order_id as string)!;
			assert.equal(order.orderType, legacyType, JSON.stringify(params));
		}
		const stops = [...account().orders.values()].filter((order) => order.stopPrice !== null);
		assert.equal(stops.find((order) => order.triggerSignal === 'index')?.stopPrice, above);
		const market = await call('add_order', {
			order_type: 'market',
			side: 'buy',
			order_qty: 0.01,
			symbol: SYMBOL,
		});
		assert.equal(market.success, true);
		assert.equal(account().positions.get(SYMBOL)?.size, 0.01);
	});

	it('add_order validate: true checks without placing and answers an empty order id', async () => {
		const reply = await call('add_order', limit({ validate: true, cl_ord_id: 'dry' }));
		assert.deepEqual(reply.result, { order_id: '', cl_ord_id: 'dry' });
		assert.equal(account().orders.size, 0);
		const bad = await call('add_order', limit({ validate: true, limit_price: 100.5 }));
		expectError(bad, 'EOrder:invalidPrice');
		assert.equal(account().orders.size, 0);
	});

	it('add_order refuses bad input naming the field, and fields derivatives cannot carry', async () => {
		expectError(
			await call('add_order', limit({ order_qty: -1 })),
			'EGeneral:Invalid arguments:params.order_qty must be a positive number',
		);
		expectError(
			await call('add_order', limit({ order_type: 'iceberg' })),
			/^EGeneral:Invalid arguments:params\.order_type/,
		);
		expectError(
			await call('add_order', limit({ display_qty: 1 })),
			'EGeneral:Invalid arguments:params.display_qty is not available for derivatives',
		);
		expectError(await call('add_order', limit({ time_in_force: 'gtd' })), /params\.time_in_force gtd/);
		expectError(
			await call('add_order', limit({ symbol: 'PF_NOPEUSD' })),
			'Currency pair not supported PF_NOPEUSD',
		);
		expectError(await call('add_order', limit({ asset_class: 'spot' })), /params\.asset_class/);
		expectError(
			await call('add_order', { ...limit(), order_type: 'stop-loss', triggers: undefined }),
			/params\.triggers is required/,
		);
		assert.equal(account().orders.size, 0);
	});

	it('add_order reports engine rejections as EOrder errors', async () => {
		const mark = suite.server.exchange.inspect().market(SYMBOL)!.markPrice;
		const crossing = await call(
			'add_order',
			limit({ post_only: true, limit_price: Math.round(mark * 1.02) }),
		);
		expectError(crossing, 'EOrder:postWouldExecute');
		expectError(await call('add_order', limit({ order_qty: 900 })), 'EOrder:Insufficient funds');
		expectError(await call('add_order', limit({ reduce_only: true })), 'EOrder:wouldNotReducePosition');
	});

	it('amend_order changes quantity and price in place, by order id or client id', async () => {
		const placed = await call('add_order', limit({ cl_ord_id: 'amend-me' }));
		const orderId = (placed.result as Message).order_id as string;
		const byId = await call('amend_order', { order_id: orderId, order_qty: 0.05 });
		assert.deepEqual(byId.result, { amend_id: '', order_id: orderId });
		const price = restingPrice(suite.server, SYMBOL, 'buy') - 50;
		const byClient = await call('amend_order', { cl_ord_id: 'amend-me', limit_price: price });
		assert.deepEqual(byClient.result, { amend_id: '', cl_ord_id: 'amend-me' });
		const order = account().orders.get(orderId)!;
		assert.deepEqual([order.orderId, order.quantity, order.limitPrice], [orderId, 0.05, price]);
		expectError(
			await call('amend_order', { order_id: '00000000-0000-4000-8000-000000000000', order_qty: 1 }),
			'EOrder:Invalid order',
		);
		expectError(await call('amend_order', { order_qty: 1 }), /params\.order_id or params\.cl_ord_id/);
	});

	it('amend_order with post_only refuses a price that would take; a quantity below the filled one cancels the rest', async () => {
		const mark = suite.server.exchange.inspect().market(SYMBOL)!.markPrice;
		const placed = await call('add_order', limit());
		const orderId = (placed.result as Message).order_id as string;
		const crossing = Math.round(mark * 1.02);
		expectError(
			await call('amend_order', { order_id: orderId, limit_price: crossing, post_only: true }),
			'EOrder:postWouldExecute',
		);
		assert.notEqual(account().orders.get(orderId)!.limitPrice, crossing);
		// Buying more than the best ask holds at its price: part fills at once, the rest rests.
		const market = suite.server.exchange.inspect().market(SYMBOL)!;
		const best = suite.server.exchange.inspect().displayedBook(market).asks[0];
		const partial = await call(
			'add_order',
			limit({ limit_price: best.price, order_qty: Number((best.qty + 0.01).toFixed(4)) }),
		);
		const partialId = (partial.result as Message).order_id as string;
		const filled = account().orders.get(partialId)!.filled;
		assert.ok(filled > 0, 'partly filled');
		const reply = await call('amend_order', { order_id: partialId, order_qty: filled });
		assert.deepEqual(reply.result, { amend_id: '', order_id: partialId });
		assert.equal(account().orders.has(partialId), false);
		assert.equal(account().closedOrders[0].state, 'cancelled');
	});

	it('cancel_order answers once per order; unknown ids get EOrder:Invalid order', async () => {
		const a = ((await call('add_order', limit({ cl_ord_id: 'c-a' }))).result as Message).order_id;
		await call('add_order', limit({ cl_ord_id: 'c-b' }));
		const byId = await suite.client.replies(
			'cancel_order',
			{
				asset_class: 'derivatives',
				token: suite.token,
				order_id: [a, 'ffffffff-0000-4000-8000-000000000000'],
			},
			2,
		);
		assert.deepEqual(byId[0].result, { order_id: a });
		assert.deepEqual([byId[1].success, byId[1].error], [false, 'EOrder:Invalid order']);
		const byClient = await call('cancel_order', { cl_ord_id: ['c-b'] });
		assert.equal((byClient.result as Message).cl_ord_id, 'c-b');
		assert.equal(account().orders.size, 0);
		expectError(await call('cancel_order', { order_id: [a], cl_ord_id: ['c-b'] }), /not both/);
	});

	it('cancel_all counts what it cancelled; batch_cancel takes 2 to 50 ids of both kinds', async () => {
		for (let i = 0; i < 3; i++) await call('add_order', limit({ cl_ord_id: `all-${i}` }));
		assert.deepEqual((await call('cancel_all', {})).result, { count: 3 });
		assert.deepEqual((await call('cancel_all', {})).result, { count: 0 });
		const ids: string[] = [];
		for (let i = 0; i < 3; i++)
			ids.push(
				((await call('add_order', limit({ cl_ord_id: `b-${i}` }))).result as Message).order_id as string,
			);
		assert.deepEqual((await call('batch_cancel', { orders: ids.slice(0, 2), cl_ord_id: ['b-2'] })).result, {
			count: 3,
		});
		expectError(await call('batch_cancel', { orders: [ids[0]] }), /2 to 50/);
		expectError(
			await call('batch_cancel', { orders: Array.from({ length: 51 }, (_, i) => `id-${i}`) }),
			/2 to 50/,
		);
	});

	it('batch_add validates the whole batch first, then places each order of one symbol', async () => {
		const orders = [
			limit({ cl_ord_id: 'ba-1', symbol: undefined }),
			limit({
				cl_ord_id: 'ba-2',
				side: 'sell',
				limit_price: restingPrice(suite.server, SYMBOL, 'sell'),
				symbol: undefined,
			}),
		];
		const reply = await call('batch_add', { symbol: SYMBOL, orders });
		assert.equal(reply.success, true, JSON.stringify(reply));
		const results = reply.result as Message[];
		assert.deepEqual(
			results.map((r) => r.cl_ord_id),
			['ba-1', 'ba-2'],
		);
		assert.equal(account().orders.size, 2);
		const withBad = await call('batch_add', {
			symbol: SYMBOL,
			orders: [orders[0], { ...orders[1], order_qty: 0 }],
		});
		expectError(withBad, /orders|order_qty/);
		assert.equal(account().orders.size, 2);
		expectError(await call('batch_add', { symbol: SYMBOL, orders: [orders[0]] }), /2 to 15/);
		const dry = await call('batch_add', { symbol: SYMBOL, orders, validate: true });
		assert.deepEqual(dry.result, [
			{ order_id: '', cl_ord_id: 'ba-1' },
			{ order_id: '', cl_ord_id: 'ba-2' },
		]);
		const funds = await call('batch_add', {
			symbol: SYMBOL,
			orders: [limit({ symbol: undefined }), limit({ symbol: undefined, order_qty: 900 })],
		});
		const perOrder = funds.result as Message[];
		assert.equal(typeof perOrder[0].order_id, 'string');
		assert.equal(perOrder[1].error, 'EOrder:Insufficient funds');
	});

	it('cancel_all_orders_after arms and disarms the dead man’s switch with Spot v2 times', async () => {
		const armed = await call('cancel_all_orders_after', { timeout: 60 });
		const { currentTime, triggerTime } = armed.result as { currentTime: string; triggerTime: string };
		assert.match(currentTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(Date.parse(triggerTime) - Date.parse(currentTime), 60_000);
		await call('add_order', limit());
		suite.server.exchange.advanceTime(61_000);
		assert.equal(account().orders.size, 0);
		assert.equal(
			((await call('cancel_all_orders_after', { timeout: 0 })).result as Message).triggerTime,
			'0',
		);
		expectError(await call('cancel_all_orders_after', { timeout: 1.5 }), /params\.timeout/);
	});

	it('set_preference sets and clears leverage, with Kraken’s errors', async () => {
		const set = await call('set_preference', { leverage_mode: { symbol: SYMBOL, max_leverage: 5 } });
		assert.deepEqual(set.result, { leverage_mode: { symbol: SYMBOL, max_leverage: 5 } });
		assert.equal(account().leverage.get(SYMBOL), 5);
		await call('set_preference', { leverage_mode: { symbol: SYMBOL, max_leverage: null } });
		assert.equal(account().leverage.has(SYMBOL), false);
		expectError(
			await call('set_preference', { leverage_mode: { symbol: 'PF_NOPEUSD', max_leverage: 2 } }),
			"Unknown 'params.leverage_mode.symbol'",
		);
		expectError(
			await call('set_preference', { leverage_mode: { symbol: SYMBOL } }),
			/max_leverage is required/,
		);
		expectError(
			await call('set_preference', { leverage_mode: { symbol: SYMBOL, max_leverage: 500 } }),
			'Leverage is outside the permitted range for this market',
		);
	});

	it('the status control gates order calls the way Kraken’s system states do', async () => {
		const resting = ((await call('add_order', limit())).result as Message).order_id;
		suite.server.uws.setSystemStatus('post_only');
		expectError(await call('add_order', limit()), 'EService:Market in post_only mode');
		assert.equal((await call('add_order', limit({ post_only: true }))).success, true);
		suite.server.uws.setSystemStatus('cancel_only');
		expectError(await call('add_order', limit({ post_only: true })), 'EService:Market in cancel_only mode');
		expectError(
			await call('amend_order', { order_id: resting, order_qty: 0.02 }),
			'EService:Market in cancel_only mode',
		);
		assert.equal((await call('cancel_order', { order_id: [resting] })).success, true);
		suite.server.uws.setSystemStatus('maintenance');
		expectError(await call('cancel_all', {}), 'EService:Unavailable');
		suite.server.uws.setSystemStatus('online');
		assert.equal((await call('cancel_all', {})).success, true);
	});

	it('answers an unknown method with an error naming it unknown', async () => {
		const reply = await suite.client.request('edit_order', { token: suite.token });
		expectError(reply, 'EGeneral:Invalid arguments:unknown method');
	});
});
