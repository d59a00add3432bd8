import { strict as assert } from 'node:assert';
import type { KrakenFuturesTradingApi } from '../../../core/api';
import {
	KrakenError,
	KrakenOrderRejectedError,
	KrakenUnsupportedError,
	KrakenValidationError,
} from '../../../core/errors';
import type { SendOrderRequest } from '../../../core/rest/types';
import { type PaperExchangeServer, startPaperExchange } from '../../../paper/server';
import type { TransportUnderTest } from './transports';
import { eventually } from './eventually';

const SYMBOL = 'PF_XBTUSD';
const OTHER = 'PF_ETHUSD';

/**
 * A lost order is never re-sent and never reported as rejected. REST v3 can prove absence (order
 * status, open orders and fills all miss it: a timeout saying it was not placed); UWS has no such
 * lookup, so its answer is an unknown outcome.
 */
function isNotReSent(error: unknown): boolean {
	return (
		error instanceof KrakenError &&
		!(error instanceof KrakenOrderRejectedError) &&
		(error.code === 'KRAKEN_TIMEOUT' || error.code === 'KRAKEN_OUTCOME_UNKNOWN') &&
		/NOT re-sent/.test(error.message)
	);
}

/**
 * The core's trading behaviour, one set of cases for every transport, against the paper exchange:
 * each transport must place, change, cancel and read the same way, refuse bad input with nothing
 * sent, and report a lost answer as an unknown outcome.
 */
export function tradingCases(transport: TransportUnderTest): void {
	describe(`trading API over ${transport.name} against the paper exchange`, function () {
		this.timeout(30_000);
		let paper: PaperExchangeServer;
		let client: KrakenFuturesTradingApi;
		let bid: number;
		let ask: number;

		before(async () => {
			paper = await startPaperExchange({ port: 0, seed: 7, clock: false });
			await transport.start(paper);
		});
		after(async () => {
			await transport.stop();
			await paper.stop();
		});

		beforeEach(async () => {
			paper.reset();
			client = transport.client(paper);
			const { ticker } = await client.getTicker(SYMBOL);
			bid = Number(ticker.bid);
			ask = Number(ticker.ask);
			transport.resetCounts(paper);
		});
		afterEach(() => client.close());

		function restingBuy(cliOrdId?: string, symbol = SYMBOL, price = Math.floor(bid * 0.9)): SendOrderRequest {
			return {
				orderType: 'post',
				symbol,
				side: 'buy',
				size: symbol === SYMBOL ? 0.01 : 0.1,
				limitPrice: price,
				...(cliOrdId ? { cliOrdId } : {}),
			};
		}

		it('reads public market data', async () => {
			const { instruments } = await client.getInstruments();
			assert.ok(instruments.some((i) => i.symbol === SYMBOL));
			const book = await client.getOrderBook({ symbol: SYMBOL });
			assert.ok(book.orderBook.bids.length > 0 && book.orderBook.asks.length > 0);
			assert.ok(Number(book.orderBook.bids[0][0]) < Number(book.orderBook.asks[0][0]));
			assert.ok(Array.isArray((await client.getTradeHistory({ symbol: SYMBOL })).history));
			assert.ok(bid < ask);
		});

		it('sends, edits and cancels an order', async () => {
			const sent = await client.sendOrder(restingBuy('paper-1'));
			assert.equal(sent.sendStatus.status, 'placed');
			const orderId = String(sent.sendStatus.order_id);
			const edited = await client.editOrder({ orderId, limitPrice: Math.floor(bid * 0.8), symbol: SYMBOL });
			assert.equal(edited.editStatus.status, 'edited');
			await eventually(async () => {
				const open = await client.getOpenOrders();
				assert.equal(open.openOrders.length, 1);
				assert.equal(Number(open.openOrders[0].limitPrice), Math.floor(bid * 0.8));
				assert.equal(open.openOrders[0].cliOrdId, 'paper-1');
			});
			const cancelled = await client.cancelOrder({ cliOrdId: 'paper-1' });
			assert.equal(cancelled.cancelStatus.status, 'cancelled');
			await eventually(async () => assert.equal((await client.getOpenOrders()).openOrders.length, 0));
			await assert.rejects(client.cancelOrder({ order_id: orderId }), KrakenOrderRejectedError);
		});

		it('cancels all orders of one symbol and leaves the others', async () => {
			await client.sendOrder(restingBuy());
			await client.sendOrder(restingBuy());
			await client.sendOrder(restingBuy('other', OTHER, 1000));
			const all = await client.cancelAllOrders({ symbol: SYMBOL });
			assert.equal(all.cancelStatus.status, 'cancelled');
			assert.equal(all.cancelStatus.cancelledOrders?.length, 2);
			await eventually(async () =>
				assert.deepEqual(
					(await client.getOpenOrders()).openOrders.map((o) => o.cliOrdId),
					['other'],
				),
			);
		});

		it('cancels all orders, and "nothing to cancel" is a success', async () => {
			await client.sendOrder(restingBuy());
			await client.sendOrder(restingBuy('other', OTHER, 1000));
			assert.equal((await client.cancelAllOrders()).cancelStatus.status, 'cancelled');
			await eventually(async () => assert.equal((await client.getOpenOrders()).openOrders.length, 0));
			assert.equal((await client.cancelAllOrders()).cancelStatus.status, 'noOrdersToCancel');
			assert.equal(
				(await client.cancelAllOrders({ symbol: SYMBOL })).cancelStatus.status,
				'noOrdersToCancel',
			);
		});

		it("arms and disarms the dead man's switch", async () => {
			const armed = await client.cancelAllOrdersAfter({ timeout: 60 });
			assert.ok(Date.parse(armed.status.triggerTime) > Date.parse(armed.status.currentTime));
			const disarmed = await client.cancelAllOrdersAfter({ timeout: 0 });
			assert.equal(disarmed.status.triggerTime, '0');
		});

		it('sends a batch of sends and a cancel, and reports each in the instructions order', async () => {
			const first = await client.sendOrder(restingBuy('batch-old'));
			const result = await client.batchOrder([
				{ order: 'send', order_tag: 'new', ...restingBuy('batch-new') },
				{ order: 'send', order_tag: 'eth', ...restingBuy('batch-eth', OTHER, 1000) },
				{ order: 'cancel', order_id: String(first.sendStatus.order_id) },
			]);
			assert.deepEqual(
				result.batchStatus.map((s) => [s.status, s.order_tag]),
				[
					['placed', 'new'],
					['placed', 'eth'],
					['cancelled', undefined],
				],
			);
			await eventually(async () =>
				assert.deepEqual((await client.getOpenOrders()).openOrders.map((o) => o.cliOrdId).sort(), [
					'batch-eth',
					'batch-new',
				]),
			);
		});

		it('a market order opens a position, shows in fills and moves the accounts', async () => {
			const filled = await client.sendOrder({
				orderType: 'mkt',
				symbol: SYMBOL,
				side: 'buy',
				size: 0.01,
				cliOrdId: 'mkt-1',
			});
			assert.equal(filled.sendStatus.status, 'placed');
			// The answer itself says what the order filled, as EXECUTION events, on every transport.
			const executions = (filled.sendStatus.orderEvents ?? []).filter((e) => e.type === 'EXECUTION');
			assert.ok(executions.length > 0, `no EXECUTION event in ${JSON.stringify(filled.sendStatus)}`);
			const filledSize = executions.reduce((sum, e) => sum + Number(e.amount), 0);
			assert.ok(Math.abs(filledSize - 0.01) < 1e-9, `filled ${filledSize}`);
			assert.ok(executions.every((e) => Number(e.price) > 0));
			await eventually(async () => {
				const position = (await client.getOpenPositions()).openPositions.find((p) => p.symbol === SYMBOL);
				assert.equal(position?.side, 'long');
				assert.equal(Number(position?.size), 0.01);
			});
			await eventually(async () => {
				const { fills } = await client.getFills();
				assert.ok(fills.some((f) => f.cliOrdId === 'mkt-1' || f.order_id === filled.sendStatus.order_id));
			});
			const { accounts } = await client.getAccounts();
			assert.equal(accounts.flex?.type, 'multiCollateralMarginAccount');
		});

		it('a post-only order that would execute is a rejection, not a success', async () => {
			await assert.rejects(
				client.sendOrder({ ...restingBuy(), limitPrice: Math.ceil(ask * 1.01) }),
				(error: unknown) =>
					error instanceof KrakenOrderRejectedError && /postWouldExecute/.test(error.status),
			);
			assert.equal((await client.getOpenOrders()).openOrders.length, 0);
		});

		it('a rejection injected by the exchange surfaces as a rejection', async () => {
			paper.faults.rejectNextOrder('insufficientAvailableFunds');
			await assert.rejects(
				client.sendOrder(restingBuy()),
				(e: unknown) => e instanceof KrakenOrderRejectedError && /insufficient/i.test(e.status),
			);
		});

		it('bad inputs are refused naming the field, and nothing reaches the exchange', async () => {
			const bad: [() => Promise<unknown>, string][] = [
				[() => client.sendOrder({ ...restingBuy(), size: 0.00001 }), 'size'],
				[() => client.sendOrder({ ...restingBuy(), limitPrice: bid * 0.9 + 0.5 }), 'limitPrice'],
				[() => client.sendOrder({ ...restingBuy(), symbol: 'PF_NOPEUSD' }), 'symbol'],
				[() => client.sendOrder({ ...restingBuy(), side: 'hold' } as unknown as SendOrderRequest), 'side'],
				[() => client.editOrder({ orderId: 'x', cliOrdId: 'y' }), 'orderId'],
				[() => client.cancelOrder({} as never), 'order_id'],
				[() => client.cancelAllOrdersAfter({ timeout: -5 }), 'timeout'],
				[() => client.batchOrder([{ order: 'send', ...restingBuy(), size: -1 }]), 'instructions[0].size'],
			];
			for (const [call, field] of bad) {
				await assert.rejects(call(), (e: unknown) => e instanceof KrakenValidationError && e.field === field);
			}
			assert.equal(transport.orderRequests(paper), 0);
		});

		it('after a lost answer the order is found, exists exactly once, and was sent once', async () => {
			const slow = transport.client(paper, { timeoutMs: 400 });
			try {
				await slow.getOpenOrders();
				transport.loseNextOrderAnswer(paper);
				const result = await slow.sendOrder(restingBuy('lost-answer'));
				assert.equal(result.sendStatus.status, 'placed');
				assert.equal(result.sendStatus.cliOrdId, 'lost-answer');
				assert.ok(result.recoveredAfterTimeout);
				const open = (await slow.getOpenOrders()).openOrders.filter((o) => o.cliOrdId === 'lost-answer');
				assert.equal(open.length, 1);
				assert.equal(result.sendStatus.order_id, open[0].order_id);
				assert.equal(transport.sendRequests(paper), 1);
			} finally {
				await slow.close();
			}
		});

		it('an order the exchange never processed is neither re-sent nor reported as rejected', async () => {
			const slow = transport.client(paper, { timeoutMs: 400 });
			try {
				await slow.getOpenOrders();
				transport.dropNextOrder(paper);
				await assert.rejects(slow.sendOrder(restingBuy('never-arrived')), isNotReSent);
				assert.equal(transport.sendRequests(paper), 1);
				assert.equal((await slow.getOpenOrders()).openOrders.length, 0);
			} finally {
				await slow.close();
			}
		});

		it('sets leverage; what the transport lacks is refused as unsupported, naming the feature', async () => {
			await client.setLeveragePreference({ symbol: SYMBOL, maxLeverage: 5 });
			await client.setLeveragePreference({ symbol: SYMBOL });
			const calls: Record<string, () => Promise<unknown>> = {
				getHistoricalFundingRates: () => client.getHistoricalFundingRates({ symbol: SYMBOL }),
				getInstrumentStatus: () => client.getInstrumentStatus(SYMBOL),
				getOrderStatus: () => client.getOrderStatus({ cliOrdIds: ['x'] }),
				getLeveragePreferences: () => client.getLeveragePreferences(),
				getPnlPreferences: () => client.getPnlPreferences(),
				setPnlPreference: () => client.setPnlPreference({ symbol: SYMBOL, pnlPreference: 'USD' }),
				getAccountLog: () => client.getAccountLog({ count: 10 }),
				getExecutionHistory: () => client.getExecutionHistory(),
				getOrderHistory: () => client.getOrderHistory(),
			};
			for (const [name, call] of Object.entries(calls)) {
				if (transport.lacks.includes(name)) {
					await assert.rejects(
						call(),
						(e: unknown) => e instanceof KrakenUnsupportedError && e.code === 'KRAKEN_UNSUPPORTED',
						name,
					);
				} else {
					await call();
				}
			}
			assert.equal(transport.orderRequests(paper), 0);
		});
	});
}
