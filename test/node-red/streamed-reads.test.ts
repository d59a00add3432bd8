/* eslint-disable @typescript-eslint/no-explicit-any -- flow messages are free-form JSON */
import assert from 'node:assert/strict';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { TRANSPORTS } from '../support/transports';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	eventually,
	helper,
	initHelper,
	nextMessage,
	orderNode,
	placed,
	requestNode,
	tickerNode,
	type TestNode,
} from './support';

const SYMBOL = 'PF_XBTUSD';

/**
 * A ticker node and action nodes on one config node: on `unified` they share one Unified WebSocket
 * session, so the actions' ticker reads are of a market the session already streams.
 */
function sharedFlow(paper: PaperExchangeServer, api: (typeof TRANSPORTS)[number]) {
	return placed([
		TAB,
		configFor(paper, 'cfg', api),
		{
			id: 'ticker',
			type: 'kraken-futures-ticker',
			z: 'tab',
			account: 'cfg',
			symbols: SYMBOL,
			feed: 'ticker',
			wires: [['ticks']],
		},
		{ id: 'ticks', type: 'helper', z: 'tab' },
		{ id: 'request', type: 'kraken-futures-request', z: 'tab', account: 'cfg', wires: [['read']] },
		{ id: 'read', type: 'helper', z: 'tab' },
		{
			id: 'order',
			type: 'kraken-futures-order',
			z: 'tab',
			account: 'cfg',
			action: 'send',
			symbol: SYMBOL,
			side: 'buy',
			orderType: 'mkt',
			size: '0.001',
			// The notional guard of a market order reads the ticker before sending.
			maxNotional: '1000000',
			wires: [['placed']],
		},
		{ id: 'placed', type: 'helper', z: 'tab' },
	]);
}

for (const api of TRANSPORTS)
	describe(`Node-RED: action nodes read a market the ticker node on the same config streams (${api})`, function () {
		this.timeout(30_000);
		let paper: PaperExchangeServer;
		let ticks: Record<string, any>[];

		before(async () => {
			initHelper();
			paper = await startPaperExchange({ port: 0, clock: { tickMs: 100 }, heartbeatMs: 60_000 });
		});
		after(() => paper.stop());
		beforeEach(async () => {
			await helper.startServer();
			await helper.load(
				[configNode, tickerNode, requestNode, orderNode],
				sharedFlow(paper, api),
				credentialsFor(paper, 'cfg', api),
			);
			ticks = [];
			helper.getNode('ticks').on('input', (msg: Record<string, any>) => ticks.push(msg));
			await eventually(() => ticks.length > 0, 8000, 'the ticker node streaming');
		});
		afterEach(async () => {
			await helper.unload();
			await helper.stopServer();
			paper.reset();
		});

		async function read(payload: Record<string, unknown>): Promise<unknown> {
			const request: TestNode = helper.getNode('request');
			const answer = nextMessage(helper.getNode('read'), 8000);
			request.receive({ payload });
			return (await answer).payload;
		}

		async function tickerKeepsStreaming(): Promise<void> {
			const count = ticks.length;
			await eventually(() => ticks.length > count + 2, 8000, 'ticker messages after the reads');
		}

		it('the request node reads the streamed ticker, the order book and the trades of that market', async () => {
			const tickers = (await read({ operation: 'getTickers', symbol: SYMBOL })) as any[];
			assert.deepEqual(
				tickers.map((ticker) => ticker.symbol),
				[SYMBOL],
			);
			assert.equal(typeof tickers[0].bid, 'number');
			const book = (await read({ operation: 'getOrderBook', symbol: SYMBOL })) as any;
			assert.ok(book.bids.length > 0 && book.asks.length > 0);
			assert.ok(book.bids[0][0] < book.asks[0][0], 'a consistent book: best bid below best ask');
			const trades = (await read({ operation: 'getTradeHistory', symbol: SYMBOL })) as any[];
			assert.ok(Array.isArray(trades));
			await tickerKeepsStreaming();
		});

		it("the order node's notional guard reads the streamed ticker and the order goes out", async () => {
			const order: TestNode = helper.getNode('order');
			const sent = nextMessage(helper.getNode('placed'), 8000);
			order.receive({ payload: {} });
			const payload = (await sent).payload as Record<string, unknown>;
			assert.equal(payload.status, 'placed');
			await tickerKeepsStreaming();
		});
	});
