import assert from 'node:assert/strict';
import { PaperApiError } from '../../../paper/exchange';
import { advanceUntil, book, executions, harness, openOrders, sendStatus } from './fixture';

type Row = Record<string, unknown>;
const ACCOUNT = 'trader';

describe('paper exchange: order entry and matching', () => {
	it('places a resting limit order with a PLACE event and lists it in openorders', () => {
		const { exchange, events } = harness();
		const bestBid = book(exchange, 'PF_XBTUSD').bids[0][0];
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				limitPrice: String(bestBid - 100),
				cliOrdId: 'my-1',
			}),
		);
		assert.equal(status.status, 'placed');
		assert.equal(status.cliOrdId, 'my-1');
		assert.equal(status.orderEvents[0].type, 'PLACE');
		assert.equal((status.orderEvents[0].order as Row).type, 'lmt');
		const open = openOrders(exchange, ACCOUNT);
		assert.equal(open.length, 1);
		assert.equal(open[0].order_id, status.order_id);
		assert.equal(open[0].status, 'untouched');
		const wsEvent = events.find((event) => event.name === 'openOrder')?.args[1] as Row;
		assert.equal(wsEvent.reason, 'new_placed_order_by_user');
		assert.equal((wsEvent.order as Row).direction, 0);
	});

	it('fills a market order immediately as an IOC within 1 % of the mark', () => {
		const { exchange } = harness();
		const ask = book(exchange, 'PF_ETHUSD').asks[0];
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: '0.5' }),
		);
		assert.equal(status.status, 'placed');
		const fills = executions(status);
		assert.deepEqual(fills, [{ price: ask[0], amount: 0.5 }]);
		assert.equal(((status.orderEvents[0] as Row).orderPriorExecution as Row).type, 'ioc');
		assert.deepEqual(openOrders(exchange, ACCOUNT), []);
	});

	it('partially fills a crossing limit order and rests the remainder as partiallyFilled', () => {
		const { exchange } = harness();
		const [price, qty] = book(exchange, 'PF_XBTUSD').asks[0];
		const size = Number((qty + 0.5).toFixed(4));
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: String(size),
				limitPrice: String(price),
			}),
		);
		assert.equal(status.status, 'placed');
		assert.deepEqual(executions(status), [{ price, amount: qty }]);
		const [open] = openOrders(exchange, ACCOUNT);
		assert.equal(open.status, 'partiallyFilled');
		assert.equal(open.filledSize, qty);
		assert.equal(open.unfilledSize, 0.5);
	});

	it('fills a resting limit order as maker at its price when the market trades through it', () => {
		const { exchange } = harness();
		const bestBid = book(exchange, 'PF_XBTUSD').bids[0][0];
		const limit = bestBid;
		exchange.sendOrder(ACCOUNT, {
			orderType: 'lmt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: '0.002',
			limitPrice: String(limit),
		});
		advanceUntil(exchange, () => openOrders(exchange, ACCOUNT).length === 0, 3_600);
		const [fill] = exchange.getFills(ACCOUNT, {}).fills as Row[];
		assert.equal(fill.price, limit);
		assert.equal(fill.fillType, 'maker');
		assert.equal(fill.size, 0.002);
	});

	it('rejects a crossing post-only order with postWouldExecute and a REJECT event', () => {
		const { exchange } = harness();
		const ask = book(exchange, 'PF_XBTUSD').asks[0][0];
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'post',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				limitPrice: String(ask),
			}),
		);
		assert.equal(status.status, 'postWouldExecute');
		assert.equal(status.orderEvents[0].type, 'REJECT');
		assert.equal(status.orderEvents[0].reason, 'POST_WOULD_EXECUTE');
		assert.deepEqual(openOrders(exchange, ACCOUNT), []);
		const ok = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'post',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				limitPrice: String(ask - 50),
			}),
		);
		assert.equal(ok.status, 'placed');
	});

	it('answers iocWouldNotExecute for an IOC that cannot trade, and fills one that can', () => {
		const { exchange } = harness();
		const { bids, asks } = book(exchange, 'PF_SOLUSD');
		const miss = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'ioc',
				symbol: 'PF_SOLUSD',
				side: 'buy',
				size: '1',
				limitPrice: String(bids[0][0]),
			}),
		);
		assert.equal(miss.status, 'iocWouldNotExecute');
		assert.equal(miss.orderEvents[0].reason, 'IOC_WOULD_NOT_EXECUTE');
		const hit = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'ioc',
				symbol: 'PF_SOLUSD',
				side: 'buy',
				size: '1',
				limitPrice: String(asks[0][0]),
			}),
		);
		assert.equal(hit.status, 'placed');
		assert.equal(executions(hit)[0].amount, 1);
		assert.deepEqual(openOrders(exchange, ACCOUNT), []);
	});

	it('fills a fill-or-kill completely or not at all', () => {
		const { exchange } = harness();
		const [price, qty] = book(exchange, 'PF_ETHUSD').asks[0];
		const tooBig = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'fok',
				symbol: 'PF_ETHUSD',
				side: 'buy',
				size: String(qty + 1),
				limitPrice: String(price),
			}),
		);
		assert.equal(tooBig.status, 'iocWouldNotExecute');
		const fits = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'fok',
				symbol: 'PF_ETHUSD',
				side: 'buy',
				size: String(qty),
				limitPrice: String(price),
			}),
		);
		assert.equal(fits.status, 'placed');
		assert.equal(executions(fits)[0].amount, qty);
	});

	it('validates size, price, client order id and market state the way Kraken answers', () => {
		const { exchange } = harness();
		const send = (fields: Record<string, string>) =>
			sendStatus(
				exchange.sendOrder(ACCOUNT, {
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: '0.01',
					limitPrice: '50000',
					...fields,
				}),
			).status;
		assert.equal(send({ size: '0.00001' }), 'invalidSize');
		assert.equal(send({ size: '0' }), 'invalidSize');
		assert.equal(send({ size: '-1' }), 'invalidSize');
		assert.equal(send({ symbol: 'PI_XBTUSD', size: '1.5', limitPrice: '50000' }), 'invalidSize');
		assert.equal(send({ limitPrice: '50000.5' }), 'invalidPrice');
		assert.equal(send({ symbol: 'PI_XBTUSD', size: '100', limitPrice: '50000.5' }), 'placed');
		assert.equal(send({ cliOrdId: 'x'.repeat(101) }), 'clientOrderIdTooLong');
		assert.equal(send({ cliOrdId: 'dup' }), 'placed');
		assert.equal(send({ cliOrdId: 'dup' }), 'clientOrderIdAlreadyExist');
		assert.equal(send({ orderType: 'banana' }), 'invalidOrderType');
		assert.equal(send({ side: 'long' }), 'invalidSide');
		exchange.setMarketSuspended('PF_XBTUSD', true);
		assert.equal(send({}), 'marketSuspended');
		assert.equal(exchange.isTradeable('PF_XBTUSD'), false);
		assert.throws(
			() =>
				exchange.sendOrder(ACCOUNT, {
					orderType: 'lmt',
					symbol: 'PF_NOPE',
					side: 'buy',
					size: '1',
					limitPrice: '1',
				}),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'contractNotFound',
		);
		assert.throws(
			() => exchange.sendOrder(ACCOUNT, { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy' }),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'requiredArgumentMissing',
		);
	});

	it('rejects an order the margin cannot carry with insufficientAvailableFunds', () => {
		const { exchange } = harness(7, 1_000);
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '1' }),
		);
		assert.equal(status.status, 'insufficientAvailableFunds');
		assert.equal(status.orderEvents[0].type, 'REJECT');
		const small = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.0005' }),
		);
		assert.equal(small.status, 'placed');
	});

	it('enforces reduce-only: rejects without a position, trims to the position size', () => {
		const { exchange } = harness();
		const none = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'mkt',
				symbol: 'PF_ETHUSD',
				side: 'sell',
				size: '1',
				reduceOnly: 'true',
			}),
		);
		assert.equal(none.status, 'wouldNotReducePosition');
		exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: '0.4' });
		const same = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'mkt',
				symbol: 'PF_ETHUSD',
				side: 'buy',
				size: '0.1',
				reduceOnly: 'true',
			}),
		);
		assert.equal(same.status, 'wouldNotReducePosition');
		const trimmed = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'mkt',
				symbol: 'PF_ETHUSD',
				side: 'sell',
				size: '1',
				reduceOnly: 'true',
			}),
		);
		assert.equal(trimmed.status, 'placed');
		assert.equal(
			executions(trimmed).reduce((sum, fill) => sum + fill.amount, 0),
			0.4,
		);
		assert.deepEqual(exchange.getOpenPositions(ACCOUNT).openPositions, []);
	});

	it('answers an injected rejection as success-with-rejection', () => {
		const { exchange } = harness();
		exchange.rejectNextOrder('insufficientAvailableFunds');
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: '0.1' }),
		);
		assert.equal(status.status, 'insufficientAvailableFunds');
		assert.equal(status.orderEvents[0].type, 'REJECT');
		const next = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: '0.1' }),
		);
		assert.equal(next.status, 'placed');
	});

	it('edits, cancels and cancels all with Kraken statuses', () => {
		const { exchange } = harness();
		const bid = book(exchange, 'PF_XBTUSD').bids[0][0];
		const place = (cliOrdId: string, symbol = 'PF_XBTUSD', price = bid - 200) =>
			sendStatus(
				exchange.sendOrder(ACCOUNT, {
					orderType: 'lmt',
					symbol,
					side: 'buy',
					size: '0.01',
					limitPrice: String(price),
					cliOrdId,
				}),
			);
		const first = place('a');
		const edit = exchange.editOrder(ACCOUNT, {
			orderId: first.order_id as string,
			size: '0.02',
			limitPrice: String(bid - 300),
		}).editStatus as Row;
		assert.equal(edit.status, 'edited');
		const event = (edit.orderEvents as Row[])[0];
		assert.equal(event.type, 'EDIT');
		assert.equal((event.new as Row).quantity, 0.02);
		assert.equal((event.old as Row).quantity, 0.01);
		const bad = exchange.editOrder(ACCOUNT, { orderId: first.order_id as string, limitPrice: '1.5' })
			.editStatus as Row;
		assert.equal(bad.status, 'invalidPrice');
		assert.equal(
			(exchange.editOrder(ACCOUNT, { orderId: 'nope' }).editStatus as Row).status,
			'orderForEditNotFound',
		);
		const cancel = exchange.cancelOrder(ACCOUNT, { cliOrdId: 'a' }).cancelStatus as Row;
		assert.equal(cancel.status, 'cancelled');
		assert.equal((cancel.orderEvents as Row[])[0].type, 'CANCEL');
		assert.equal(
			(exchange.cancelOrder(ACCOUNT, { order_id: first.order_id as string }).cancelStatus as Row).status,
			'notFound',
		);
		const filled = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.001' }),
		);
		assert.equal(
			(exchange.cancelOrder(ACCOUNT, { order_id: filled.order_id as string }).cancelStatus as Row).status,
			'filled',
		);
		place('b');
		place('c', 'PF_ETHUSD', 1000);
		const onlyEth = exchange.cancelAllOrders(ACCOUNT, { symbol: 'PF_ETHUSD' }).cancelStatus as Row;
		assert.equal(onlyEth.cancelOnly, 'PF_ETHUSD');
		assert.equal((onlyEth.cancelledOrders as Row[]).length, 1);
		const all = exchange.cancelAllOrders(ACCOUNT, {}).cancelStatus as Row;
		assert.equal(all.status, 'cancelled');
		assert.equal(all.cancelOnly, 'all');
		assert.equal((exchange.cancelAllOrders(ACCOUNT, {}).cancelStatus as Row).status, 'noOrdersToCancel');
	});

	it('runs a batch, mapping order_tag to per-element statuses', () => {
		const { exchange } = harness();
		const bid = book(exchange, 'PF_XBTUSD').bids[0][0];
		const existing = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				limitPrice: String(bid - 100),
			}),
		);
		const json = JSON.stringify({
			batchOrder: [
				{
					order: 'send',
					order_tag: '1',
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.01,
					limitPrice: bid - 150,
					cliOrdId: 'batch-1',
				},
				{
					order: 'send',
					order_tag: '2',
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.00001,
					limitPrice: bid - 150,
				},
				{ order: 'edit', order_id: existing.order_id, limitPrice: bid - 120 },
				{ order: 'cancel', order_id: existing.order_id },
				{ order: 'cancel', order_id: 'unknown-id' },
			],
		});
		const statuses = exchange.batchOrder(ACCOUNT, { json }).batchStatus as Row[];
		assert.deepEqual(
			statuses.map((status) => [status.order_tag ?? null, status.status]),
			[
				['1', 'placed'],
				['2', 'invalidSize'],
				[null, 'edited'],
				[null, 'cancelled'],
				[null, 'notFound'],
			],
		);
		assert.equal(statuses[0].cliOrdId, 'batch-1');
		assert.ok(typeof statuses[0].order_id === 'string');
		assert.equal(openOrders(exchange, ACCOUNT).length, 1);
		assert.throws(
			() => exchange.batchOrder(ACCOUNT, { json: "{'batchOrder': [True]}" }),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'Json Parse Error',
		);
	});

	it('reports orders/status for open and just-closed orders by id and cliOrdId', () => {
		const { exchange } = harness();
		const bid = book(exchange, 'PF_XBTUSD').bids[0][0];
		const open = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				limitPrice: String(bid - 100),
			}),
		);
		exchange.sendOrder(ACCOUNT, {
			orderType: 'mkt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: '0.001',
			cliOrdId: 'done',
		});
		const orders = exchange.getOrderStatus(ACCOUNT, {
			orderIds: [open.order_id as string],
			cliOrdIds: ['done'],
		}).orders as Row[];
		assert.deepEqual(orders.map((row) => row.status).sort(), ['ENTERED_BOOK', 'FULLY_EXECUTED']);
		exchange.advanceTime(6_000);
		const later = exchange.getOrderStatus(ACCOUNT, { cliOrdIds: ['done'] }).orders as Row[];
		assert.deepEqual(later, []);
	});
});
