import assert from 'node:assert/strict';

import type { Engine } from './support/engine';
import { runOk, runOperation } from './support/operation';
import { TRANSPORTS } from '../support/transports';
import type { Paper } from './support/paper';
import { engineAndPaper } from './support/suite';

const limitBuy = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'send',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	orderType: 'lmt',
	size: 0.001,
	limitPrice: 30000,
	...extra,
});
const marketBuy = {
	resource: 'order',
	operation: 'send',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	orderType: 'mkt',
	size: 0.01,
};

for (const api of TRANSPORTS)
	describe(`n8n Kraken Futures: every operation on the paper exchange (${api})`, () => {
		let engine: Engine;
		let paper: Paper;
		const run = (parameters: Record<string, unknown>) =>
			runOk(engine, paper.credentials, parameters as never);
		/**
		 * An operation Kraken's Unified WebSocket does not offer: the case runs on legacy; on unified the
		 * node must stop with KRAKEN_UNSUPPORTED naming the operation, having sent nothing.
		 */
		const legacyOnly = (
			title: string,
			feature: RegExp,
			parameters: Record<string, unknown>,
			test: () => Promise<void>,
		) =>
			it(title, async () => {
				if (api === 'legacy') return test();
				const { error } = await runOperation(engine, paper.credentials, parameters as never);
				assert.equal(error?.name, 'NodeOperationError', String(error?.message));
				assert.match(String(error?.message), feature);
				assert.match(String(error?.message), /Unified WebSocket/);
				assert.match(String(error?.description), /KRAKEN_UNSUPPORTED/);
			});

		const suite = engineAndPaper(api);
		before(() => {
			engine = suite.engine();
			paper = suite.paper();
		});
		beforeEach(() => paper.server.reset());

		describe('Order', () => {
			it('edits a resting order', async () => {
				const [placed] = await run(limitBuy());
				const [edited] = await run({
					resource: 'order',
					operation: 'edit',
					identifyBy: 'orderId',
					orderId: placed.order_id,
					updateFields: { limitPrice: 31000, symbol: 'PF_XBTUSD' },
				});
				assert.equal(edited.status, 'edited');
				const [open] = await run({ resource: 'order', operation: 'getOpen' });
				assert.equal(Number(open.limitPrice), 31000);
			});

			it('cancels by order ID and by client order ID', async () => {
				const [byId] = await run(limitBuy());
				const [byCli] = await run(limitBuy({ options: { cliOrdId: 'n8n-cancel-me' } }));
				assert.equal(byCli.cliOrdId, 'n8n-cancel-me');
				const [first] = await run({
					resource: 'order',
					operation: 'cancel',
					identifyBy: 'orderId',
					orderId: byId.order_id,
				});
				const [second] = await run({
					resource: 'order',
					operation: 'cancel',
					identifyBy: 'cliOrdId',
					cliOrdId: 'n8n-cancel-me',
				});
				assert.equal(first.status, 'cancelled');
				assert.equal(second.status, 'cancelled');
				assert.deepEqual(await run({ resource: 'order', operation: 'getOpen' }), []);
			});

			it('cancels all orders, and treats "nothing to cancel" as success', async () => {
				await run(limitBuy());
				await run(limitBuy({ symbol: 'PF_ETHUSD', limitPrice: 1500, size: 0.01 }));
				const [all] = await run({ resource: 'order', operation: 'cancelAll', options: {} });
				assert.equal(all.status, 'cancelled');
				assert.deepEqual(await run({ resource: 'order', operation: 'getOpen' }), []);
				const [again] = await run({
					resource: 'order',
					operation: 'cancelAll',
					options: { symbol: 'PF_XBTUSD' },
				});
				assert.equal(again.status, 'noOrdersToCancel');
			});

			it("arms and disarms the dead man's switch", async () => {
				const [armed] = await run({ resource: 'order', operation: 'deadManSwitch', timeout: 60 });
				assert.equal(armed.active, true);
				assert.ok(Date.parse(String(armed.triggerTime)) > Date.parse(String(armed.currentTime)));
				const armedForMs = Date.parse(String(armed.triggerTime)) - Date.parse(String(armed.currentTime));
				assert.ok(Math.abs(armedForMs - 60_000) <= 2000, `armed for ${armedForMs} ms`);
				const [off] = await run({ resource: 'order', operation: 'deadManSwitch', timeout: 0 });
				assert.equal(off.active, false);
			});

			it('sends a batch of send and cancel instructions', async () => {
				const [resting] = await run(limitBuy());
				const statuses = await run({
					resource: 'order',
					operation: 'batch',
					instructions: JSON.stringify([
						{
							order: 'send',
							order_tag: 'a',
							orderType: 'lmt',
							symbol: 'PF_XBTUSD',
							side: 'buy',
							size: 0.002,
							limitPrice: 29000,
						},
						{ order: 'cancel', order_id: resting.order_id },
					]),
				});
				assert.deepEqual(
					statuses.map((entry) => entry.status),
					['placed', 'cancelled'],
				);
				assert.equal(statuses[0].order_tag, 'a');
			});

			it('lists open orders, filtered by symbol', async () => {
				await run(limitBuy());
				await run(limitBuy({ symbol: 'PF_ETHUSD', limitPrice: 1500, size: 0.01 }));
				assert.equal((await run({ resource: 'order', operation: 'getOpen' })).length, 2);
				const eth = await run({ resource: 'order', operation: 'getOpen', filters: { symbol: 'pf_ethusd' } });
				assert.deepEqual(
					eth.map((order) => order.symbol),
					['PF_ETHUSD'],
				);
			});

			const byStatus = { resource: 'order', operation: 'getStatus', orderIds: '', cliOrdIds: 'status-1' };
			legacyOnly('looks orders up by client order ID', /order status by id/, byStatus, async () => {
				await run(limitBuy({ options: { cliOrdId: 'status-1' } }));
				const orders = await run(byStatus);
				assert.equal(orders.length, 1);
				assert.equal((orders[0].order as { cliOrdId?: string }).cliOrdId, 'status-1');
			});

			it('places a market order that fills at once', async () => {
				const [placed] = await run(marketBuy);
				assert.equal(placed.status, 'placed');
				assert.deepEqual(await run({ resource: 'order', operation: 'getOpen' }), [], 'nothing rests');
				const positions = await run({ resource: 'position', operation: 'getOpen' });
				assert.equal(positions[0]?.symbol, 'PF_XBTUSD');
			});
		});

		describe('Position, Fill and Account Log', () => {
			it('shows the position and the fill a market order made', async () => {
				const [placed] = await run(marketBuy);
				const positions = await run({ resource: 'position', operation: 'getOpen' });
				assert.equal(positions.length, 1);
				assert.equal(positions[0].symbol, 'PF_XBTUSD');
				assert.equal(positions[0].side, 'long');
				const fills = await run({ resource: 'fill', operation: 'getMany', options: {} });
				assert.ok(fills.some((fill) => fill.order_id === placed.order_id));
				const noFills = await run({
					resource: 'fill',
					operation: 'getMany',
					options: { symbol: 'PF_SOLUSD' },
				});
				assert.deepEqual(noFills, []);
			});

			const accountLog = { resource: 'accountLog', operation: 'getMany', limit: 20, filters: {} };
			legacyOnly('shows the account log entry a market order made', /account log/, accountLog, async () => {
				await run(marketBuy);
				const logs = await run(accountLog);
				assert.ok(logs.some((entry) => entry.info === 'futures trade'));
				const oldest = await run({
					resource: 'accountLog',
					operation: 'getMany',
					limit: 1,
					filters: { sort: 'asc' },
				});
				assert.equal(oldest.length, 1);
			});
		});

		describe('Account', () => {
			it('gets balances, one item per wallet', async () => {
				const wallets = await run({ resource: 'account', operation: 'getBalances' });
				assert.ok(wallets.length > 0);
				assert.ok(
					wallets.every((wallet) => typeof wallet.account === 'string' && typeof wallet.type === 'string'),
				);
			});

			const setIsolatedFive = async () => {
				const [set] = await run({
					resource: 'account',
					operation: 'setLeverage',
					symbol: 'PF_XBTUSD',
					marginMode: 'isolated',
					maxLeverage: 5,
				});
				assert.equal(set.maxLeverage, 5);
			};
			it('sets leverage', setIsolatedFive);

			const getLeverage = { resource: 'account', operation: 'getLeverage' };
			legacyOnly('sets and reads leverage (isolated, then cross)', /leverage/, getLeverage, async () => {
				await setIsolatedFive();
				const isolated = await run({ resource: 'account', operation: 'getLeverage' });
				assert.ok(isolated.some((entry) => entry.symbol === 'PF_XBTUSD' && Number(entry.maxLeverage) === 5));
				await run({
					resource: 'account',
					operation: 'setLeverage',
					symbol: 'PF_XBTUSD',
					marginMode: 'cross',
				});
				const cross = await run({ resource: 'account', operation: 'getLeverage' });
				assert.ok(!cross.some((entry) => entry.symbol === 'PF_XBTUSD'));
			});

			const getPnl = { resource: 'account', operation: 'getPnlCurrency' };
			legacyOnly('sets and reads the PnL currency', /PnL currency/, getPnl, async () => {
				await run({
					resource: 'account',
					operation: 'setPnlCurrency',
					symbol: 'PF_XBTUSD',
					pnlPreference: 'USDC',
				});
				const preferences = await run({ resource: 'account', operation: 'getPnlCurrency' });
				assert.ok(preferences.some((entry) => entry.symbol === 'PF_XBTUSD' && entry.pnlCurrency === 'USDC'));
			});
		});

		describe('Market', () => {
			it('lists instruments', async () => {
				const instruments = await run({ resource: 'market', operation: 'getInstruments' });
				assert.ok(instruments.some((instrument) => instrument.symbol === 'PF_XBTUSD'));
			});

			it('gets all tickers, or one', async () => {
				const all = await run({ resource: 'market', operation: 'getTickers', symbol: '' });
				assert.ok(all.length > 1);
				const one = await run({ resource: 'market', operation: 'getTickers', symbol: 'PF_ETHUSD' });
				assert.deepEqual(
					one.map((ticker) => ticker.symbol),
					['PF_ETHUSD'],
				);
			});

			it('gets the order book', async () => {
				const [book] = await run({ resource: 'market', operation: 'getOrderBook', symbol: 'PF_XBTUSD' });
				assert.ok(Array.isArray(book.bids) && (book.bids as unknown[]).length > 0);
				assert.ok(Array.isArray(book.asks) && (book.asks as unknown[]).length > 0);
			});

			it('gets public trades', async () => {
				await run(marketBuy);
				const trades = await run({
					resource: 'market',
					operation: 'getTrades',
					symbol: 'PF_XBTUSD',
					options: {},
				});
				assert.ok(trades.length > 0);
				assert.ok(trades.every((trade) => trade.symbol === 'PF_XBTUSD' && trade.price !== undefined));
			});

			const fundingRates = { resource: 'market', operation: 'getFundingRates', symbol: 'PF_XBTUSD' };
			legacyOnly('gets the funding rate history', /funding rates/, fundingRates, async () => {
				const rates = await run(fundingRates);
				assert.ok(rates.length > 0);
				assert.ok(
					rates.every((rate) => typeof rate.timestamp === 'string' && rate.fundingRate !== undefined),
				);
			});
		});

		describe('a credential without keys', () => {
			const keyless = () => ({
				environment: 'custom',
				restUrl: paper.server.restUrl,
				wsUrl: paper.server.wsUrl,
			});

			it('still reads market data, unsigned', async () => {
				const tickers = await runOk(engine, keyless(), {
					resource: 'market',
					operation: 'getTickers',
					symbol: 'PF_XBTUSD',
				});
				assert.equal(tickers[0].symbol, 'PF_XBTUSD');
				assert.ok(paper.server.requests.entries.every((entry) => entry.headers.apikey === undefined));
			});

			it('refuses private operations naming the API key, sending nothing', async () => {
				const { error } = await runOperation(engine, keyless(), {
					resource: 'position',
					operation: 'getOpen',
				});
				assert.equal(error?.name, 'NodeOperationError');
				assert.match(String(error?.message), /apiKey and apiSecret are required/);
				assert.deepEqual(paper.server.requests.entries, []);
			});
		});

		it('pairs every output item with its input item', async () => {
			const result = await runOperation(
				engine,
				paper.credentials,
				{ resource: 'market', operation: 'getTickers', symbol: 'PF_XBTUSD' },
				{
					startItems: [{ n: 1 }, { n: 2 }],
				},
			);
			assert.deepEqual(result.pairedItems, [{ item: 0 }, { item: 1 }]);
		});
	});
