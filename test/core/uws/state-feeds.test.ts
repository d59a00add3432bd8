import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { KrakenUwsStreamClient } from '../../../core/uws/stream-client';
import type { KrakenFill, WsFeedMessage } from '../../../core/ws/types';
import { type Json, keyedSessionOptions, ScriptedUws, waitFor } from './support/scripted-uws';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** An executions order event in the Spot v2 shape; later events may carry only what changed. */
function orderEvent(execType: string, fields: Json): Json {
	return { exec_type: execType, order_id: 'order-1', timestamp: at(0), ...fields };
}

const placed = orderEvent('new', {
	cl_ord_id: 'mine-1',
	symbol: 'PF_XBTUSD',
	side: 'sell',
	order_type: 'limit',
	order_qty: 2,
	cum_qty: 0,
	limit_price: 60_000,
	reduce_only: false,
	order_status: 'new',
});

describe('core/uws/stream-client: open_orders and open_positions from the private channels', function () {
	this.timeout(20_000);
	let server: ScriptedUws;
	let client: KrakenUwsStreamClient;
	let openOrders: Json[];
	let positions: Json[];

	beforeEach(async () => {
		openOrders = [];
		positions = [];
		server = await ScriptedUws.start({
			afterSubscribe: (connection, params) => {
				if (params.channel === 'executions') {
					connection.send({ channel: 'executions', type: 'snapshot', data: openOrders, sequence: 1 });
				}
				if (params.channel === 'positions') {
					connection.send({
						channel: 'positions',
						type: 'snapshot',
						data: [{ futures: positions, options: [] }],
					});
				}
			},
		});
		client = new KrakenUwsStreamClient({ sessionOptions: keyedSessionOptions(server) });
	});

	afterEach(async () => {
		await client.close();
		await server.stop();
	});

	function push(channel: string, data: unknown[]): void {
		server.broadcast('private', { channel, type: 'update', data });
	}

	it('delivers order events as v1 open_orders messages: snapshot of open orders, updates, one end', async () => {
		openOrders = [
			{ ...placed, order_id: 'resting', cl_ord_id: 'old' },
			// A snapshot's fills are history, not open orders.
			{ exec_type: 'trade', exec_id: 'x', order_id: 'gone', symbol: 'PF_XBTUSD', order_status: 'filled' },
		];
		const messages: WsFeedMessage[] = [];
		client.subscribe('open_orders', undefined, (message) => messages.push(message));
		await waitFor(() => messages.length === 1, 5_000, 'the snapshot');
		const [snapshot] = messages;
		assert.equal(snapshot.feed, 'open_orders_snapshot');
		assert.deepEqual(
			(snapshot.orders as Json[]).map((order) => order.order_id),
			['resting'],
		);

		push('executions', [placed]);
		push('executions', [orderEvent('amended', { limit_price: 61_000, timestamp: at(5) })]);
		push('executions', [
			orderEvent('trade', { exec_id: 'f1', last_qty: 0.5, cum_qty: 0.5, order_status: 'partially_filled' }),
		]);
		push('executions', [
			orderEvent('trade', { exec_id: 'f2', last_qty: 1.5, cum_qty: 2, order_status: 'filled' }),
		]);
		push('executions', [orderEvent('filled', { cum_qty: 2, order_status: 'filled' })]);
		push('executions', [{ ...placed, order_id: 'marker' }]);
		await waitFor(() => messages.length === 6, 5_000, 'five update messages');
		assert.equal(messages[5].reason, 'new_placed_order_by_user', 'the end was delivered once');
		const [, added, amended, partial, ended] = messages;
		assert.deepEqual(added.order, {
			instrument: 'PF_XBTUSD',
			time: T0,
			last_update_time: T0,
			qty: 2,
			filled: 0,
			limit_price: 60_000,
			type: 'limit',
			order_id: 'order-1',
			direction: 1,
			reduce_only: false,
			cli_ord_id: 'mine-1',
		});
		assert.equal(added.reason, 'new_placed_order_by_user');
		assert.equal(added.is_cancel, false);
		assert.equal((amended.order as Json).limit_price, 61_000, 'merged with what was known');
		assert.equal((amended.order as Json).instrument, 'PF_XBTUSD');
		assert.equal(amended.reason, 'edited_by_user');
		assert.equal(partial.reason, 'partial_fill');
		assert.equal((partial.order as Json).qty, 1.5);
		assert.equal((partial.order as Json).filled, 0.5);
		assert.deepEqual(
			{ feed: ended.feed, order_id: ended.order_id, is_cancel: ended.is_cancel, reason: ended.reason },
			{ feed: 'open_orders', order_id: 'order-1', is_cancel: true, reason: 'full_fill' },
		);
		assert.equal((ended.raw as Json).exec_id, 'f2', 'the wire item rides along');
	});

	it('hands a listener that joins later the open orders as its snapshot, and shares one subscription', async () => {
		const first: WsFeedMessage[] = [];
		client.subscribe('open_orders', undefined, (message) => first.push(message));
		await waitFor(() => first.length === 1, 5_000, 'the snapshot');
		push('executions', [placed]);
		await waitFor(() => first.length === 2, 5_000, 'the new order');
		const late: WsFeedMessage[] = [];
		const subscription = client.subscribe('open_orders', undefined, (message) => late.push(message));
		assert.equal(late.length, 1);
		assert.equal(late[0].feed, 'open_orders_snapshot');
		assert.deepEqual(
			(late[0].orders as Json[]).map((order) => order.cli_ord_id),
			['mine-1'],
		);
		push('executions', [orderEvent('canceled', { order_status: 'canceled' })]);
		await waitFor(() => late.length === 2 && first.length === 3, 5_000, 'the cancel for both');
		assert.equal(late[1].reason, 'cancelled_by_user');
		assert.equal(server.allReceived('subscribe').length, 1, 'one executions subscription');
		subscription.unsubscribe();
	});

	it('recovers a fill missed during a drop for a fill listener that came after the open orders feed', async () => {
		const orders: WsFeedMessage[] = [];
		const fills: KrakenFill[] = [];
		client.subscribe('open_orders', undefined, (message) => orders.push(message));
		await waitFor(() => orders.length === 1, 5_000, 'the open orders snapshot');
		client.onFill((fill) => fills.push(fill));
		const reconnected = once(client, 'reconnected');
		// Made while the socket is down: only the snapshot after the reconnect has it.
		openOrders = [
			orderEvent('trade', {
				exec_id: 'missed',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				last_qty: 1,
				last_price: 50_000,
				order_qty: 2,
				cum_qty: 1,
				order_status: 'partially_filled',
				timestamp: at(10),
			}),
		];
		server.dropAll();
		await reconnected;
		await waitFor(() => fills.length === 1, 5_000, 'the missed fill');
		assert.equal(fills[0].fill_id, 'missed');
	});

	it('delivers positions as v1 open_positions messages, each with every open position', async () => {
		positions = [{ symbol: 'PF_XBTUSD', side: 'long', size: 1, entry_price: 50_000, mark_price: 50_100 }];
		const messages: WsFeedMessage[] = [];
		client.subscribe('open_positions', undefined, (message) => messages.push(message));
		await waitFor(() => messages.length === 1, 5_000, 'the snapshot');
		const params = server.allReceived('subscribe').map((m) => m.params as Json);
		assert.ok(params.some((p) => p.channel === 'positions' && p.asset_class === 'derivatives'));
		assert.deepEqual(messages[0].positions, [
			{ instrument: 'PF_XBTUSD', balance: 1, entry_price: 50_000, mark_price: 50_100 },
		]);
		push('positions', [{ futures: [{ symbol: 'PF_ETHUSD', size: -3, entry_price: 3_000 }], options: [] }]);
		push('positions', [{ futures: [{ symbol: 'PF_XBTUSD', size: 0, entry_price: 0 }], options: [] }]);
		await waitFor(() => messages.length === 3, 5_000, 'two updates');
		assert.deepEqual(
			(messages[1].positions as Json[]).map((p) => [p.instrument, p.balance]),
			[
				['PF_XBTUSD', 1],
				['PF_ETHUSD', -3],
			],
		);
		assert.deepEqual(
			(messages[2].positions as Json[]).map((p) => [p.instrument, p.balance]),
			[['PF_ETHUSD', -3]],
			'a size of 0 closes the position',
		);
		assert.equal(((messages[2].raw as Json[])[0] as { futures: Json[] }).futures[0].size, 0);
	});
});
