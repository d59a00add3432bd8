import { strict as assert } from 'node:assert';
import { KrakenOrderRejectedError, KrakenTimeoutError, KrakenValidationError } from '../../../core/errors';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { type PaperExchangeServer, startPaperExchange } from '../../../paper/server';

const SYMBOL = 'PF_XBTUSD';

describe('KrakenFuturesRestClient against the paper exchange', function () {
	this.timeout(20_000);
	let paper: PaperExchangeServer;
	let client: KrakenFuturesRestClient;
	let bid: number;
	let ask: number;

	before(async () => {
		paper = await startPaperExchange({ port: 0, seed: 7, clock: false });
	});
	after(() => paper.stop());

	beforeEach(async () => {
		paper.reset();
		client = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			useNonce: true,
		});
		const { ticker } = await client.getTicker(SYMBOL);
		bid = Number(ticker.bid);
		ask = Number(ticker.ask);
	});
	afterEach(() => client.close());

	function restingBuy(cliOrdId?: string) {
		return {
			orderType: 'post' as const,
			symbol: SYMBOL,
			side: 'buy' as const,
			size: 0.01,
			limitPrice: Math.floor(bid * 0.9),
			...(cliOrdId ? { cliOrdId } : {}),
		};
	}

	it('reads public market data', async () => {
		const { instruments } = await client.getInstruments();
		assert.ok(instruments.some((i) => i.symbol === SYMBOL));
		assert.ok((await client.getTickers()).tickers.length > 0);
		const book = await client.getOrderBook({ symbol: SYMBOL });
		assert.ok(book.orderBook.bids.length > 0 && book.orderBook.asks.length > 0);
		assert.ok(Array.isArray((await client.getTradeHistory({ symbol: SYMBOL })).history));
		assert.ok((await client.getHistoricalFundingRates({ symbol: SYMBOL })).rates.length > 0);
		assert.ok(bid < ask);
	});

	it('sends, edits and cancels an order', async () => {
		const sent = await client.sendOrder(restingBuy('paper-1'));
		assert.equal(sent.sendStatus.status, 'placed');
		const orderId = String(sent.sendStatus.order_id);
		const edited = await client.editOrder({ orderId, limitPrice: Math.floor(bid * 0.8), symbol: SYMBOL });
		assert.equal(edited.editStatus.status, 'edited');
		const open = await client.getOpenOrders();
		assert.equal(open.openOrders.length, 1);
		assert.equal(Number(open.openOrders[0].limitPrice), Math.floor(bid * 0.8));
		const status = await client.getOrderStatus({ cliOrdIds: ['paper-1'] });
		assert.equal(status.orders.length, 1);
		const cancelled = await client.cancelOrder({ cliOrdId: 'paper-1' });
		assert.equal(cancelled.cancelStatus.status, 'cancelled');
		assert.equal((await client.getOpenOrders()).openOrders.length, 0);
		await assert.rejects(
			client.cancelOrder({ order_id: orderId }),
			(e: unknown) => e instanceof KrakenOrderRejectedError && e.status === 'notFound',
		);
	});

	it('cancels all orders, and "nothing to cancel" is a success', async () => {
		await client.sendOrder(restingBuy());
		await client.sendOrder(restingBuy());
		const all = await client.cancelAllOrders({ symbol: SYMBOL });
		assert.equal(all.cancelStatus.status, 'cancelled');
		assert.equal(all.cancelStatus.cancelledOrders?.length, 2);
		const none = await client.cancelAllOrders();
		assert.equal(none.cancelStatus.status, 'noOrdersToCancel');
	});

	it("arms and disarms the dead man's switch", async () => {
		const armed = await client.cancelAllOrdersAfter({ timeout: 60 });
		assert.notEqual(armed.status.triggerTime, '0');
		const disarmed = await client.cancelAllOrdersAfter({ timeout: 0 });
		assert.equal(disarmed.status.triggerTime, '0');
	});

	it('sends a batch of send and cancel instructions', async () => {
		const first = await client.sendOrder(restingBuy('batch-old'));
		const result = await client.batchOrder([
			{ order: 'send', order_tag: 'new', ...restingBuy('batch-new') },
			{ order: 'cancel', order_id: String(first.sendStatus.order_id) },
		]);
		assert.deepEqual(
			result.batchStatus.map((s) => s.status),
			['placed', 'cancelled'],
		);
		const open = await client.getOpenOrders();
		assert.deepEqual(
			open.openOrders.map((o) => o.cliOrdId),
			['batch-new'],
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
		const { openPositions } = await client.getOpenPositions();
		const position = openPositions.find((p) => p.symbol === SYMBOL);
		assert.equal(position?.side, 'long');
		assert.equal(Number(position?.size), 0.01);
		const { fills } = await client.getFills();
		assert.ok(fills.some((f) => f.cliOrdId === 'mkt-1' || f.order_id === filled.sendStatus.order_id));
		const { accounts } = await client.getAccounts();
		assert.ok('flex' in accounts);
	});

	it('a post-only order that would execute is a rejection, not a success', async () => {
		await assert.rejects(
			client.sendOrder({
				orderType: 'post',
				symbol: SYMBOL,
				side: 'buy',
				size: 0.01,
				limitPrice: Math.ceil(ask * 1.01),
			}),
			(error: unknown) => {
				assert.ok(error instanceof KrakenOrderRejectedError);
				assert.equal(error.status, 'postWouldExecute');
				return true;
			},
		);
		assert.equal((await client.getOpenOrders()).openOrders.length, 0);
	});

	it('a rejection injected by the exchange surfaces with its status', async () => {
		paper.faults.rejectNextOrder('insufficientAvailableFunds');
		await assert.rejects(
			client.sendOrder(restingBuy()),
			(e: unknown) => e instanceof KrakenOrderRejectedError && e.status === 'insufficientAvailableFunds',
		);
	});

	it('an invalid order never reaches the exchange', async () => {
		const before = paper.requests.forPath('/sendorder').length;
		await assert.rejects(
			client.sendOrder({ ...restingBuy(), size: 0.00001 }),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'size',
		);
		await assert.rejects(
			client.sendOrder({ ...restingBuy(), limitPrice: bid * 0.9 + 0.5 }),
			(e: unknown) => e instanceof KrakenValidationError && e.field === 'limitPrice',
		);
		assert.equal(paper.requests.forPath('/sendorder').length, before);
	});

	it('after a timeout the order is found by cliOrdId, exists exactly once, and was sent once', async () => {
		const slow = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			timeoutMs: 300,
		});
		try {
			paper.faults.failRest('timeout', { path: 'sendorder', count: 1, process: true });
			const result = await slow.sendOrder(restingBuy('lost-answer'));
			assert.equal(result.sendStatus.status, 'placed');
			assert.equal(result.sendStatus.cliOrdId, 'lost-answer');
			assert.ok(result.recoveredAfterTimeout);
			const open = (await slow.getOpenOrders()).openOrders.filter((o) => o.cliOrdId === 'lost-answer');
			assert.equal(open.length, 1);
			assert.equal(result.sendStatus.order_id, open[0].order_id);
			assert.equal(paper.requests.forPath('/sendorder').length, 1);
		} finally {
			await slow.close();
		}
	});

	it('after a timeout for an order the exchange never processed, it reports NOT re-sent', async () => {
		const slow = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			timeoutMs: 300,
		});
		try {
			paper.faults.failRest('timeout', { path: 'sendorder', count: 1, process: false });
			await assert.rejects(
				slow.sendOrder(restingBuy('never-arrived')),
				(e: unknown) => e instanceof KrakenTimeoutError && /NOT re-sent/.test(e.message),
			);
			assert.equal(paper.requests.forPath('/sendorder').length, 1);
			assert.equal((await slow.getOpenOrders()).openOrders.length, 0);
		} finally {
			await slow.close();
		}
	});

	it('reads preferences and history', async () => {
		assert.ok(Array.isArray((await client.getLeveragePreferences()).leveragePreferences));
		await client.setLeveragePreference({ symbol: SYMBOL, maxLeverage: 5 });
		const prefs = await client.getLeveragePreferences();
		assert.ok(prefs.leveragePreferences.some((p) => p.symbol === SYMBOL && Number(p.maxLeverage) === 5));
		await client.setLeveragePreference({ symbol: SYMBOL });
		assert.equal(
			(await client.getLeveragePreferences()).leveragePreferences.length,
			0,
			'back to cross margin',
		);
		await client.setPnlPreference({ symbol: SYMBOL, pnlPreference: 'USDC' });
		const pnl = await client.getPnlPreferences();
		assert.ok(pnl.preferences.some((p) => p.symbol === SYMBOL && p.pnlCurrency === 'USDC'));
		const status = await client.getInstrumentStatus(SYMBOL);
		assert.equal(status.tradeable, SYMBOL);
		await client.sendOrder({ orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: 0.01 });
		const log = await client.getAccountLog({ count: 10 });
		assert.ok(log.logs.length > 0);
		assert.ok((await client.getExecutionHistory()).elements.length > 0);
		assert.ok((await client.getOrderHistory()).elements.length > 0);
	});
});
