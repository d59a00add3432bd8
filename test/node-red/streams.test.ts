/* eslint-disable @typescript-eslint/no-explicit-any -- flow messages are free-form JSON */
import assert from 'node:assert/strict';
import { FundingEmitter, fundingFromTicker } from '../../nodes/shared/funding';
import { TickerFilter } from '../../nodes/shared/ticker-filter';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { midHourClock } from '../support/paper-clocks';
import type { KrakenStreamClient } from '../../core/stream';
import type { WsFeedMessage } from '../../core/ws/types';
import { TRANSPORTS } from '../support/transports';
import {
	restClientOf,
	configNode,
	credentialsFor,
	delay,
	eventually,
	fillsNode,
	fundingNode,
	helper,
	initHelper,
	singleNodeFlow,
	statusMatching,
	tickerNode,
	type TestNode,
} from './support';

const STREAMS = [configNode, tickerNode, fillsNode, fundingNode];

function collect(node: TestNode): Record<string, any>[] {
	const messages: Record<string, any>[] = [];
	node.on('input', (msg: Record<string, any>) => messages.push(msg));
	return messages;
}
const FUNDING_TICKER = { product_id: 'PF_XBTUSD', next_funding_rate_time: 3600000, relative_funding_rate: 1 };

for (const api of TRANSPORTS)
	describe(`Node-RED Kraken Futures trigger nodes (${api})`, function () {
		let paper: PaperExchangeServer;

		before(async () => {
			initHelper();
			paper = await startPaperExchange({
				port: 0,
				clock: { tickMs: 100 },
				now: midHourClock(),
				heartbeatMs: 60_000,
			});
		});
		after(() => paper.stop());
		beforeEach(() => helper.startServer());
		afterEach(async () => {
			await helper.unload();
			await helper.stopServer();
			paper.reset();
		});

		async function load(type: string, form: Record<string, unknown>) {
			await helper.load(STREAMS, singleNodeFlow(paper, type, form, api), credentialsFor(paper, 'cfg', api));
			return { node: helper.getNode('node'), out: helper.getNode('out') };
		}

		const restClient = restClientOf;

		it('ticker: emits ticker messages per symbol, shows connected, and keeps emitting after a reconnect', async () => {
			const { node, out } = await load('kraken-futures-ticker', {
				symbols: 'PF_XBTUSD, PF_ETHUSD',
				feed: 'ticker',
			});
			const connected = statusMatching(node, /^connected$/);
			const messages = collect(out);
			await connected;
			await eventually(() => new Set(messages.map((m) => m.topic)).size === 2, 5000, 'both symbols');
			assert.equal(messages[0].payload.feed, 'ticker');
			assert.ok(['PF_XBTUSD', 'PF_ETHUSD'].includes(messages[0].payload.product_id));

			const reconnecting = statusMatching(node, /^reconnecting$/);
			const reconnected = reconnecting.then(() => statusMatching(node, /^connected$/, 8000));
			paper.faults.dropConnections();
			await reconnecting;
			await reconnected;
			const before = messages.length;
			await eventually(() => messages.length > before, 5000, 'messages after reconnect');
		});

		it('a silent socket is replaced after the config node\'s "silent socket after" seconds', async () => {
			const flow = singleNodeFlow(paper, 'kraken-futures-ticker', {
				symbols: 'PF_XBTUSD',
				feed: 'ticker',
			}).map((node) => (node.type === 'kraken-futures-config' ? { ...node, staleAfterSec: '1' } : node));
			await helper.load(STREAMS, flow, credentialsFor(paper));
			const node = helper.getNode('node');
			await statusMatching(node, /^connected$/);
			// The default (30 s) would not notice within this bound; the configured second does.
			const reconnecting = statusMatching(node, /^reconnecting$/, 15_000);
			paper.faults.stopAnsweringPings();
			await reconnecting;
			await statusMatching(node, /^connected$/, 15_000);
		});

		it('ticker: throttles per symbol while an unthrottled node on the same feed keeps receiving', async () => {
			const flow = singleNodeFlow(paper, 'kraken-futures-ticker', {
				symbols: 'PF_XBTUSD',
				throttleMs: '60000',
			});
			flow.push(
				{
					id: 'free',
					type: 'kraken-futures-ticker',
					z: 'tab',
					account: 'cfg',
					symbols: 'PF_XBTUSD',
					wires: [['freeOut']],
					x: 1,
					y: 1,
				},
				{ id: 'freeOut', type: 'helper', z: 'tab', x: 1, y: 1 },
			);
			await helper.load(STREAMS, flow, credentialsFor(paper));
			const throttled = collect(helper.getNode('out'));
			const free = collect(helper.getNode('freeOut'));
			await eventually(() => throttled.length >= 1, 5000, 'first message');
			const client = await restClient();
			await eventually(
				() => {
					if (free.length < 3) {
						paper.exchange.advanceTime(1000);
						void client
							.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001 })
							.catch(() => undefined);
					}
					return free.length >= 3;
				},
				8000,
				'three unthrottled messages',
			);
			assert.equal(throttled.length, 1, 'the throttled node passed only the first message');
		});

		it('ticker filter: throttle window and change fields, per symbol', () => {
			let now = 0;
			const filter = new TickerFilter(1000, ['bid'], () => now);
			const accept = (symbol: string, bid: number) =>
				filter.accept(symbol, { feed: 'ticker', product_id: symbol, bid });
			assert.equal(accept('A', 1), true);
			assert.equal(accept('B', 1), true, 'symbols are independent');
			now = 500;
			assert.equal(accept('A', 2), false, 'inside the throttle window');
			now = 1000;
			assert.equal(accept('A', 1), false, 'bid unchanged since the last message sent');
			assert.equal(accept('A', 3), true);
			const unfiltered = new TickerFilter(0, []);
			assert.equal(unfiltered.accept('A', { feed: 'ticker' }), true);
			assert.equal(unfiltered.accept('A', { feed: 'ticker' }), true);
		});

		it('funding filter: on change at most once per throttle window, with the newest values after it', () => {
			let now = 0;
			const emitter = new FundingEmitter('change', 60000, () => now);
			const snapshot = (rate: number) => ({
				...fundingFromTicker(FUNDING_TICKER)!,
				relativeFundingRate: rate,
			});
			assert.equal(emitter.accept(snapshot(1)), true, 'the first snapshot');
			now = 1000;
			assert.equal(emitter.accept(snapshot(2)), false, 'a change inside the window');
			now = 59000;
			assert.equal(emitter.accept(snapshot(3)), false);
			now = 61000;
			assert.equal(emitter.accept(snapshot(1)), false, 'unchanged since the last one emitted');
			const newest = snapshot(4);
			assert.equal(emitter.accept(newest), true, 'the newest change once the window has passed');
			const unthrottled = new FundingEmitter('change', 0, () => now);
			assert.equal(unthrottled.accept(snapshot(1)), true);
			assert.equal(unthrottled.accept(snapshot(2)), true);
		});

		it('ticker: with change fields, consecutive messages differ in those fields', async () => {
			const { out } = await load('kraken-futures-ticker', {
				symbols: 'PF_XBTUSD',
				changeFields: 'suspended',
			});
			const messages = collect(out);
			await eventually(() => messages.length >= 1, 5000, 'first message');
			await delay(1500);
			assert.equal(messages.length, 1, 'suspended never changes, so only the first message passes');
		});

		it('fills: one message per fill, none duplicated and none lost across a disconnect', async () => {
			const { node, out } = await load('kraken-futures-fills', { symbols: '' });
			const messages = collect(out);
			await statusMatching(node, /^connected$/);
			const client = await restClient();
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			await eventually(() => messages.length >= 1, 5000, 'first fill');

			const reconnecting = statusMatching(node, /^reconnecting$/);
			paper.faults.dropConnections();
			await reconnecting;
			// Listen before sending: the node may be connected again before the order is answered.
			const reconnected = statusMatching(node, /^connected$/, 8000);
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'sell', size: 0.1 });
			await reconnected;
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'sell', size: 0.01 });

			const fills = await client.getFills();
			const expected = fills.fills.length;
			await eventually(() => messages.length >= expected, 8000, 'every fill');
			await delay(300);
			const ids = messages.map((m) => m.payload.fill_id);
			assert.equal(new Set(ids).size, ids.length, 'no duplicates');
			assert.deepEqual(new Set(ids), new Set(fills.fills.map((f: any) => f.fill_id)), 'no fill lost');
			assert.ok(messages.every((m) => m.topic === m.payload.symbol));
			assert.ok(!JSON.stringify(messages).includes(paper.apiSecret));
		});

		it("the config node's one connection streams order and position updates beside the fills node, and still reads", async () => {
			const { node } = await load('kraken-futures-fills', { symbols: '' });
			await statusMatching(node, /^connected$/);
			const connection = (
				helper.getNode('cfg') as unknown as { connection: { ws(): Promise<KrakenStreamClient> } }
			).connection;
			const stream = await connection.ws();
			const orders: WsFeedMessage[] = [];
			const positions: WsFeedMessage[] = [];
			stream.subscribe('open_orders', undefined, (message) => orders.push(message));
			stream.subscribe('open_positions', undefined, (message) => positions.push(message));
			await eventually(
				() => orders.some((m) => m.feed === 'open_orders_snapshot') && positions.length > 0,
				8000,
				'both snapshots',
			);
			const client = await restClient();
			const resting = await client.sendOrder({
				orderType: 'lmt',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: 0.001,
				limitPrice: 30000,
			});
			const orderId = resting.sendStatus.order_id;
			await eventually(
				() => orders.some((m) => m.feed === 'open_orders' && (m.order as any)?.order_id === orderId),
				8000,
				'the new order',
			);
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			await eventually(
				() => positions.some((m) => (m.positions as any[]).some((p) => p.instrument === 'PF_XBTUSD')),
				8000,
				'the new position',
			);
			const { openPositions } = await client.getOpenPositions();
			assert.ok(openPositions.some((position) => position.symbol === 'PF_XBTUSD'));
			const { openOrders } = await client.getOpenOrders();
			assert.ok(openOrders.some((order) => order.order_id === orderId));
		});

		it('fills: only the chosen symbols', async () => {
			const { node, out } = await load('kraken-futures-fills', { symbols: 'PF_ETHUSD' });
			const messages = collect(out);
			await statusMatching(node, /^connected$/);
			const client = await restClient();
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
			await client.sendOrder({ orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'buy', size: 0.1 });
			await eventually(() => messages.length >= 1, 5000, 'the ETH fill');
			await delay(500);
			assert.deepEqual(
				messages.map((m) => m.payload.symbol),
				messages.map(() => 'PF_ETHUSD'),
			);
		});

		it('fills: a secret Kraken refuses says so in the node status', async () => {
			const wrongSecret = Buffer.from('not the secret of this key').toString('base64');
			await helper.load(STREAMS, singleNodeFlow(paper, 'kraken-futures-fills', {}), {
				cfg: { apiKey: paper.apiKey, apiSecret: wrongSecret },
			});
			const status = await statusMatching(helper.getNode('node'), /authentication/, 10000);
			assert.equal(status.text, 'authentication failed: check the API secret');
			assert.equal(status.fill, 'red');
		});

		it('funding: emits the current and predicted rates and the next funding time', async () => {
			const { out } = await load('kraken-futures-funding', { symbols: 'PF_XBTUSD', mode: 'change' });
			const messages = collect(out);
			await eventually(() => messages.length >= 1, 5000, 'funding message');
			const funding = messages[0].payload;
			assert.equal(funding.symbol, 'PF_XBTUSD');
			for (const field of [
				'fundingRate',
				'fundingRatePrediction',
				'relativeFundingRate',
				'nextFundingTime',
			]) {
				assert.equal(typeof funding[field], 'number', field);
			}
			assert.equal(funding.nextFundingTime % 3_600_000, 0, 'funding is at the top of the hour');
			assert.equal(new Date(funding.nextFundingTime).toISOString(), funding.nextFundingTimeIso);
			const distinct = new Set(messages.map((m) => JSON.stringify(m.payload)));
			assert.equal(distinct.size, messages.length, 'change mode never repeats an unchanged snapshot');
		});

		it('funding: a ticker without funding fields says so in the status, once, instead of staying silent', async () => {
			paper.uws.setTickerFunding(false);
			try {
				const { node, out } = await load('kraken-futures-funding', { symbols: 'PF_XBTUSD', mode: 'change' });
				const messages = collect(out);
				if (api === 'legacy') {
					// WebSocket v1 always carries funding on a perpetual's ticker.
					await eventually(() => messages.length >= 1, 5000, 'funding message');
					return;
				}
				const status = await statusMatching(node, /no funding rate/, 8000);
				assert.equal(status.text, 'no funding rate: PF_XBTUSD');
				await delay(1500);
				const notices = node.warn.args.filter((args) =>
					/Unified WebSocket sends no funding rate for PF_XBTUSD/.test(String(args[0])),
				);
				assert.equal(notices.length, 1, 'said once, not per message');
				assert.equal(messages.length, 0);
			} finally {
				paper.uws.setTickerFunding(true);
			}
		});

		it('funding: in funding-time mode emits once when a funding passes', async () => {
			const { out } = await load('kraken-futures-funding', { symbols: 'PF_XBTUSD', mode: 'funding' });
			const messages = collect(out);
			await delay(1500);
			assert.equal(messages.length, 0, 'nothing before a funding time');
			paper.exchange.advanceTime(3_600_000);
			await eventually(() => messages.length === 1, 5000, 'one message at the funding time');
			await delay(1200);
			assert.equal(messages.length, 1);
		});

		it('redeploying leaves no socket or timer behind', async () => {
			await delay(200);
			const baseline = process
				.getActiveResourcesInfo()
				.filter((r) => r !== 'TTYWrap')
				.sort();
			for (let round = 0; round < 3; round += 1) {
				const { node } = await load('kraken-futures-ticker', { symbols: 'PF_XBTUSD' });
				await statusMatching(node, /^connected$/);
				await helper.unload();
			}
			await eventually(
				() => {
					const now = process
						.getActiveResourcesInfo()
						.filter((r) => r !== 'TTYWrap')
						.sort();
					return JSON.stringify(now) === JSON.stringify(baseline);
				},
				3000,
				`active resources back to ${JSON.stringify(baseline)}`,
			);
		});
	});
