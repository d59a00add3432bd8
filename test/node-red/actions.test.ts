/* eslint-disable @typescript-eslint/no-explicit-any -- flow messages are free-form JSON */
import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../paper/server';
import {
	TAB,
	accountsNode,
	cancelNode,
	configFor,
	configNode,
	credentialsFor,
	delay,
	eventually,
	helper,
	initHelper,
	nextError,
	orderNode,
	placeRestingOrder,
	positionsNode,
	requestNode,
	restClientOf,
	roundTrip,
	singleNodeFlow,
	startPaper,
} from './support';
import { recordEngineCalls, type EngineCallLog } from '../support/engine-calls';
import { TRANSPORTS } from '../support/transports';

const ALL = [configNode, orderNode, cancelNode, positionsNode, accountsNode, requestNode];

for (const api of TRANSPORTS)
	describe(`Node-RED Kraken Futures action nodes (${api})`, function () {
		let paper: PaperExchangeServer;
		let engine: EngineCallLog;

		before(async () => {
			initHelper();
			paper = await startPaper();
		});
		after(() => paper.stop());
		beforeEach(async () => {
			engine = recordEngineCalls(paper.exchange);
			await helper.startServer();
		});
		afterEach(async () => {
			engine.restore();
			await helper.unload();
			await helper.stopServer();
			paper.reset();
		});

		async function load(type: string, form: Record<string, unknown> = {}) {
			await helper.load(ALL, singleNodeFlow(paper, type, form, api), credentialsFor(paper, 'cfg', api));
			return { node: helper.getNode('node'), out: helper.getNode('out') };
		}

		describe('kraken-futures-cancel', () => {
			it('cancels one order by order_id from msg.payload', async () => {
				const { node, out } = await load('kraken-futures-cancel', { action: 'cancel' });
				const orderId = await placeRestingOrder('c-1');
				const msg = await roundTrip(node, out, { payload: { order_id: orderId }, topic: 't' });
				assert.equal((msg.payload as Record<string, unknown>).status, 'cancelled');
				assert.equal(msg.topic, 't');
			});

			it('cancels one order by cliOrdId', async () => {
				const { node, out } = await load('kraken-futures-cancel', { action: 'cancel' });
				await placeRestingOrder('c-2');
				const msg = await roundTrip(node, out, { payload: { cliOrdId: 'c-2' } });
				assert.equal((msg.payload as Record<string, unknown>).status, 'cancelled');
			});

			it('reports cancelling an unknown order as a rejection', async () => {
				const { node } = await load('kraken-futures-cancel', { action: 'cancel' });
				const failed = nextError(node);
				node.receive({ payload: { order_id: 'e2e0f1c4-0000-4000-8000-000000000000' } });
				const details = (await failed).msg.error as Record<string, unknown>;
				assert.equal(details.code, 'KRAKEN_ORDER_REJECTED');
				// Kraken's own reason: REST v3 `notFound`, the Unified WebSocket's `EOrder:Invalid order`.
				assert.match(String(details.status), /^(notFound|EOrder:Invalid order)$/);
			});

			it('cancels all orders of one symbol', async () => {
				const { node, out } = await load('kraken-futures-cancel', { action: 'cancelAll' });
				await placeRestingOrder('c-3');
				await placeRestingOrder('c-4');
				const msg = await roundTrip(node, out, { payload: { symbol: 'PF_XBTUSD' } });
				const status = msg.payload as { status: string; cancelledOrders: unknown[] };
				assert.equal(status.status, 'cancelled');
				assert.equal(status.cancelledOrders.length, 2);
				assert.deepEqual((await (await restClientOf()).getOpenOrders()).openOrders, []);
			});

			it('arms and disarms the dead man switch', async () => {
				const { node, out } = await load('kraken-futures-cancel', { action: 'arm', timeout: '60' });
				const armed = await roundTrip(node, out, { payload: {} });
				assert.notEqual((armed.payload as Record<string, unknown>).triggerTime, '0');
				const disarmed = await roundTrip(node, out, { payload: { action: 'disarm' } });
				assert.equal((disarmed.payload as Record<string, unknown>).triggerTime, '0');
				assert.deepEqual(
					engine.of('cancelAllOrdersAfter').map((params) => String(params.timeout)),
					['60', '0'],
				);
			});

			it('keeps the switch armed while deployed and disarms when the node is removed', async () => {
				await load('kraken-futures-cancel', { action: 'arm', timeout: '2', keepArmed: true });
				const arms = () => engine.of('cancelAllOrdersAfter').map((params) => String(params.timeout));
				await eventually(() => arms().length >= 3, 3000, 're-arms');
				assert.ok(arms().every((timeout) => timeout === '2'));
				await helper.setFlows(
					[TAB, configFor(paper, 'cfg', api)],
					'nodes',
					credentialsFor(paper, 'cfg', api),
				);
				const calls = arms();
				assert.equal(calls.at(-1), '0', 'removing the node disarms the switch');
				await delay(700);
				assert.equal(arms().length, calls.length, 'no re-arm after close');
			});

			if (api === 'legacy') {
				// Over REST each call may take its own connection: a re-arm sent just before the removal
				// could be carried out after the disarm, unless the disarm waits for it.
				it('a re-arm still on its way when the node is removed cannot arm the switch after the disarm', async () => {
					await load('kraken-futures-cancel', { action: 'arm', timeout: '2', keepArmed: true });
					const arms = () => engine.of('cancelAllOrdersAfter').map((params) => String(params.timeout));
					const arrived = () => paper.requests.forPath('/cancelallordersafter').length;
					await eventually(() => arms().length >= 1, 3000, 'the first arm');
					const before = arrived();
					paper.faults.delayRest(1_000, { path: 'cancelallordersafter', count: 1 });
					await eventually(() => arrived() > before, 3000, 'a re-arm held by the exchange');
					await helper.setFlows(
						[TAB, configFor(paper, 'cfg', api)],
						'nodes',
						credentialsFor(paper, 'cfg', api),
					);
					// Every call that reached the exchange has been carried out, the held one included.
					await eventually(() => arms().length === arrived(), 5000, 'the held re-arm carried out');
					assert.equal(arms().at(-1), '0', `the last call left the switch armed: ${arms().join(', ')}`);
				});
			}

			it('rejects bad input before sending', async () => {
				const { node } = await load('kraken-futures-cancel', { action: 'cancel' });
				let failed = nextError(node);
				node.receive({ payload: {} });
				assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'order_id');
				failed = nextError(node);
				node.receive({ payload: { action: 'arm', timeout: 'soon' } });
				assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'timeout');
				failed = nextError(node);
				node.receive({ payload: { action: 'explode' } });
				assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'action');
				assert.deepEqual(engine.calls, [], 'nothing reached the exchange');
			});
		});

		describe('kraken-futures-positions', () => {
			it('lists open positions with unrealized PnL at the mark price', async () => {
				const { node, out } = await load('kraken-futures-positions');
				const client = await restClientOf();
				await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
				await client.sendOrder({ orderType: 'mkt', symbol: 'PI_XBTUSD', side: 'sell', size: 100 });
				// The paper market steps once a second of wall time: the node's read is compared with the
				// mark price read just before and just after it, taken again if the market stepped between.
				const markPrices = async () => {
					const { tickers } = await client.getTickers();
					return new Map(tickers.map((t) => [t.symbol, Number(t.markPrice)]));
				};
				let positions: Record<string, any>[] = [];
				let marks = new Map<string, number>();
				for (let attempt = 0; attempt < 10; attempt++) {
					const before = await markPrices();
					const msg = await roundTrip(node, out, { payload: {} });
					const after = await markPrices();
					positions = msg.payload as Record<string, any>[];
					marks = after;
					if (['PF_XBTUSD', 'PI_XBTUSD'].every((symbol) => before.get(symbol) === after.get(symbol))) break;
				}
				assert.equal(positions.length, 2);
				for (const position of positions) {
					const mark = marks.get(position.symbol) as number;
					const size = Number(position.size);
					const entry = Number(position.price);
					const expected =
						position.symbol === 'PF_XBTUSD' ? size * (mark - entry) : -size * (1 / entry - 1 / mark);
					assert.equal(position.markPrice, mark);
					assert.ok(Math.abs(position.unrealizedPnl - expected) < 1e-9, `${position.symbol} pnl`);
				}
				assert.equal(positions.find((p) => p.symbol === 'PI_XBTUSD')?.pnlUnit, 'XBT');
				const one = await roundTrip(node, out, { payload: { symbol: 'pi_xbtusd' } });
				assert.deepEqual(
					(one.payload as Record<string, unknown>[]).map((p) => p.symbol),
					['PI_XBTUSD'],
				);
			});
		});

		describe('kraken-futures-accounts', () => {
			it('reads balances and margin', async () => {
				const { node, out } = await load('kraken-futures-accounts');
				const msg = await roundTrip(node, out, { payload: 1 });
				const accounts = msg.payload as Record<string, { type: string }>;
				assert.ok(Object.keys(accounts).length > 0);
				assert.ok(Object.values(accounts).some((account) => account.type === 'multiCollateralMarginAccount'));
			});
		});

		describe('kraken-futures-request', () => {
			/** Operations Kraken's Unified WebSocket does not offer: on unified they end with KRAKEN_UNSUPPORTED. */
			const LEGACY_ONLY = new Set([
				'getLeveragePreferences',
				'getPnlPreferences',
				'getHistoricalFundingRates',
				'getAccountLog',
			]);
			const cases: [string, Record<string, unknown>, (payload: any) => void][] = [
				['getInstruments', {}, (p) => assert.ok(p.some((i: any) => i.symbol === 'PF_XBTUSD'))],
				[
					'getTickers',
					{ symbol: 'PF_XBTUSD' },
					(p) =>
						assert.deepEqual(
							p.map((t: any) => t.symbol),
							['PF_XBTUSD'],
						),
				],
				['getOrderBook', { symbol: 'PF_XBTUSD' }, (p) => assert.ok(p.bids.length > 0 && p.asks.length > 0)],
				['getOpenOrders', {}, (p) => assert.ok(Array.isArray(p))],
				['getFills', {}, (p) => assert.ok(Array.isArray(p))],
				['getLeveragePreferences', {}, (p) => assert.ok(Array.isArray(p))],
				['getPnlPreferences', {}, (p) => assert.ok(Array.isArray(p))],
				['getHistoricalFundingRates', { symbol: 'PF_XBTUSD' }, (p) => assert.ok(Array.isArray(p))],
				['getAccountLog', { count: 10 }, (p) => assert.ok(Array.isArray(p.logs))],
			];
			for (const [operation, params, check] of cases) {
				if (api === 'unified' && LEGACY_ONLY.has(operation)) {
					it(`ends ${operation} with KRAKEN_UNSUPPORTED, naming it`, async () => {
						const { node } = await load('kraken-futures-request', { operation: 'getOpenOrders' });
						const failed = nextError(node);
						node.receive({ payload: { operation, ...params } });
						const details = (await failed).msg.error as Record<string, unknown>;
						assert.equal(details.code, 'KRAKEN_UNSUPPORTED');
						assert.match(String(details.message), /Unified WebSocket does not offer/);
					});
					continue;
				}
				it(`runs ${operation}`, async () => {
					const { node, out } = await load('kraken-futures-request', { operation: 'getOpenOrders' });
					const msg = await roundTrip(node, out, { payload: { operation, ...params } });
					check(msg.payload);
				});
			}

			it('tells the editor which operations need the legacy API: those that end with KRAKEN_UNSUPPORTED', async () => {
				await load('kraken-futures-request', { operation: 'getOpenOrders' });
				const marked = helper.settings().exportNodeSettings({}).krakenFuturesRequestLegacyOnly as string[];
				for (const operation of LEGACY_ONLY) assert.ok(marked.includes(operation), operation);
				for (const [operation] of cases) {
					if (!LEGACY_ONLY.has(operation)) assert.ok(!marked.includes(operation), operation);
				}
				assert.ok(!marked.includes('setLeveragePreference'), 'set leverage runs on both');
			});

			it('sets a leverage preference and reads it back', async () => {
				const { node, out } = await load('kraken-futures-request', {
					operation: 'setLeveragePreference',
					symbol: 'PF_ETHUSD',
					maxLeverage: '5',
				});
				await roundTrip(node, out, { payload: {} });
				assert.equal(Number(engine.of('setLeveragePreference')[0]?.maxLeverage), 5);
				if (api === 'unified') return; // reading it back is legacy only (covered above)
				const read = await roundTrip(node, out, { payload: { operation: 'getLeveragePreferences' } });
				const entries = read.payload as { symbol: string; maxLeverage: unknown }[];
				assert.equal(Number(entries.find((p) => p.symbol === 'PF_ETHUSD')?.maxLeverage), 5);
			});

			it('rejects an unknown operation and a missing symbol before sending', async () => {
				const { node } = await load('kraken-futures-request', { operation: 'getOrderBook' });
				let failed = nextError(node);
				node.receive({ payload: {} });
				assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'symbol');
				failed = nextError(node);
				node.receive({ payload: { operation: 'getEverything' } });
				assert.equal(((await failed).msg.error as Record<string, unknown>).field, 'operation');
				assert.equal(paper.requests.forPath('/orderbook').length, 0);
				assert.deepEqual(engine.calls, []);
			});
		});
	});
