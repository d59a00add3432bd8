/* eslint-disable @typescript-eslint/no-explicit-any -- flow messages are free-form JSON */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeAPI } from 'node-red';
import { getPaperServer, stopPaperExchange } from '../../nodes/shared/paper-environment';
import { recordEngineCalls, type EngineCallLog } from '../support/engine-calls';
import { repoRoot } from '../support/repo';
import { TRANSPORTS } from '../support/transports';
import {
	accountsNode,
	cancelNode,
	configNode,
	coreNode,
	eventually,
	fillsNode,
	fundingNode,
	helper,
	initHelper,
	orderNode,
	positionsNode,
	requestNode,
	tickerNode,
	type NodeModule,
	type TestNode,
} from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const supertest = require('supertest') as (app: unknown) => {
	post(path: string): { send(body: unknown): PromiseLike<{ status: number; body: Record<string, unknown> }> };
};

const examplesDir = join(repoRoot, 'examples');
type FlowNode = Record<string, any>;

function readExample(name: string): FlowNode[] {
	return JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as FlowNode[];
}

let httpNode: unknown;
const captureHttpNode: NodeModule = (RED: NodeAPI) => {
	httpNode = RED.httpNode;
};

const MODULES: NodeModule[] = [
	captureHttpNode,
	coreNode('common/20-inject.js'),
	coreNode('common/21-debug.js'),
	coreNode('common/90-comment.js'),
	coreNode('function/15-change.js'),
	coreNode('function/10-switch.js'),
	coreNode('function/10-function.js'),
	coreNode('network/21-httpin.js'),
	configNode,
	orderNode,
	cancelNode,
	positionsNode,
	accountsNode,
	requestNode,
	tickerNode,
	fillsNode,
	fundingNode,
];

function collect(node: TestNode): FlowNode[] {
	const messages: FlowNode[] = [];
	node.on('input', (msg: FlowNode) => messages.push(msg));
	return messages;
}

function byType(flow: FlowNode[], type: string): FlowNode[] {
	return flow.filter((node) => node.type === type);
}

for (const api of TRANSPORTS)
	describe(`Node-RED example flows on the paper environment (${api})`, function () {
		let engine: EngineCallLog | undefined;
		before(() => initHelper());
		after(() => stopPaperExchange());
		beforeEach(async () => {
			engine = recordEngineCalls((await getPaperServer()).exchange);
			await helper.startServer();
		});
		afterEach(async () => {
			engine?.restore();
			await helper.unload();
			await helper.stopServer();
			(await getPaperServer()).reset();
		});

		it('ships an example for every non-config node, each with a comment and the paper environment', () => {
			const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json'));
			const types = new Set(files.flatMap((file) => readExample(file).map((node) => node.type)));
			for (const type of [
				'order',
				'cancel',
				'positions',
				'accounts',
				'request',
				'ticker',
				'fills',
				'funding',
			]) {
				assert.ok(types.has(`kraken-futures-${type}`), `an example uses kraken-futures-${type}`);
			}
			for (const file of files) {
				const flow = readExample(file);
				assert.ok(byType(flow, 'comment').length > 0, `${file} has a comment node`);
				assert.ok(
					byType(flow, 'kraken-futures-config').every(
						(node) => node.environment === 'paper' && node.api === 'unified',
					),
					file,
				);
			}
		});

		/** The example as shipped (unified), or as a config saved before `api` existed (legacy). */
		async function load(file: string): Promise<FlowNode[]> {
			const flow = readExample(file).map((node) => {
				if (node.type !== 'kraken-futures-config' || api === 'unified') return node;
				const { api: _shipped, ...saved } = node;
				return saved;
			});
			await helper.load(MODULES, flow);
			return flow;
		}

		it('01: inject → order placed → cancelled', async () => {
			await load('01 place and cancel an order.json');
			const placed = collect(helper.getNode('kf-d1'));
			const cancelled = collect(helper.getNode('kf-d2'));
			helper.getNode('kf-i1').receive({ payload: {} });
			await eventually(() => cancelled.length === 1, 5000, 'cancel result');
			assert.equal(placed[0].payload.status, 'placed');
			assert.equal(cancelled[0].payload.status, 'cancelled');
			assert.equal(cancelled[0].payload.order_id, placed[0].payload.order_id);
		});

		it('02: positions and accounts', async () => {
			await load('02 positions and accounts.json');
			const orders = collect(helper.getNode('kf-d3'));
			const positions = collect(helper.getNode('kf-d4'));
			const accounts = collect(helper.getNode('kf-d5'));
			helper.getNode('kf-i2').receive({ payload: {} });
			await eventually(() => orders.length === 1, 5000, 'order');
			helper.getNode('kf-i3').receive({ payload: {} });
			helper.getNode('kf-i4').receive({ payload: {} });
			await eventually(() => positions.length === 1 && accounts.length === 1, 5000, 'reads');
			assert.ok(
				positions[0].payload.some(
					(p: FlowNode) => p.symbol === 'PF_XBTUSD' && typeof p.unrealizedPnl === 'number',
				),
			);
			assert.ok(Object.keys(accounts[0].payload).length > 0);
		});

		it('03: request node with form and msg.payload operations', async () => {
			await load('03 market data and other requests.json');
			const answers = collect(helper.getNode('kf-d6'));
			helper.getNode('kf-i5').receive({ payload: {} });
			await eventually(() => answers.length === 1, 5000, 'order book');
			assert.ok(Array.isArray(answers[0].payload.bids));
			helper.getNode('kf-i6').receive({ payload: { operation: 'getTickers', symbol: 'PF_ETHUSD' } });
			await eventually(() => answers.length === 2, 5000, 'tickers');
			assert.equal(answers[1].payload[0].symbol, 'PF_ETHUSD');
		});

		it('04: live ticker and funding emit', async () => {
			await load('04 live ticker and funding.json');
			const tickers = collect(helper.getNode('kf-d7'));
			const funding = collect(helper.getNode('kf-d8'));
			await eventually(() => tickers.length >= 1 && funding.length >= 1, 8000, 'feed messages');
			assert.ok(['PF_XBTUSD', 'PF_ETHUSD'].includes(tickers[0].topic));
			assert.equal(funding[0].payload.symbol, 'PF_XBTUSD');
		});

		it('05: fills feed sees the market order', async () => {
			await load('05 fills feed.json');
			const fills = collect(helper.getNode('kf-d9'));
			const fillsNodeInstance = helper.getNode('kf-fl1');
			await eventually(
				() =>
					(fillsNodeInstance.status.lastCall?.args[0] as { text?: string } | undefined)?.text === 'connected',
				8000,
				'fills feed connected',
			);
			helper.getNode('kf-i7').receive({ payload: {} });
			await eventually(() => fills.length >= 1, 8000, 'fill');
			assert.equal(fills[0].payload.symbol, 'PF_ETHUSD');
			assert.equal(fills[0].payload.side, 'sell');
		});

		it('06: dead man switch is armed on deploy and disarmed by the inject', async () => {
			await load('06 dead mans switch.json');
			await eventually(() => (engine?.of('cancelAllOrdersAfter').length ?? 0) >= 1, 5000, 'armed');
			const results = collect(helper.getNode('kf-d10'));
			helper.getNode('kf-i8').receive({ payload: { action: 'disarm' } });
			await eventually(() => results.length === 1, 5000, 'disarmed');
			assert.equal(results[0].payload.triggerTime, '0');
		});

		describe('07: TradingView webhook', () => {
			const alert = { symbol: 'PF_XBTUSD', side: 'buy', orderType: 'mkt', size: 0.001 };
			const SECRET = 'a-secret-of-my-own';

			/** The example with its tab's WEBHOOK_SECRET set, as a user must do first. */
			async function loadWithSecret(secret: string | undefined): Promise<void> {
				const flow = readExample('07 TradingView webhook to order.json').map((node) =>
					node.type === 'tab'
						? {
								...node,
								env: secret === undefined ? [] : [{ name: 'WEBHOOK_SECRET', value: secret, type: 'str' }],
							}
						: node,
				);
				await helper.load(MODULES, flow);
			}

			it('places the order for the right secret and answers with it', async () => {
				await loadWithSecret(SECRET);
				const response = await supertest(httpNode)
					.post('/kraken-futures/webhook')
					.send({ ...alert, secret: SECRET });
				assert.equal(response.status, 200);
				assert.equal(response.body.status, 'placed');
				assert.equal(JSON.stringify(response.body).includes(SECRET), false, 'the secret is not echoed');
			});

			it("accepts TradingView's spellings: action, ticker, contracts", async () => {
				await loadWithSecret(SECRET);
				const response = await supertest(httpNode)
					.post('/kraken-futures/webhook')
					.send({ secret: SECRET, action: 'sell', ticker: 'PF_XBTUSD', contracts: '0.002', price: 12345.6 });
				assert.equal(response.status, 200, JSON.stringify(response.body));
				const sent = engine?.of('sendOrder')[0] ?? {};
				assert.equal(sent.side, 'sell');
				assert.equal(Number(sent.size), 0.002);
				assert.equal(sent.orderType, 'mkt');
				assert.equal(sent.limitPrice, undefined, "a market alert's price is not a limit price");
			});

			it('places nothing while the secret is the default "change-me" or unset', async () => {
				for (const secret of ['change-me', undefined]) {
					await loadWithSecret(secret);
					const response = await supertest(httpNode)
						.post('/kraken-futures/webhook')
						.send({ ...alert, secret: secret ?? '' });
					assert.equal(response.status, 503, `secret ${String(secret)}`);
					assert.match(String(response.body.error), /WEBHOOK_SECRET/);
					await helper.unload();
				}
				assert.deepEqual(engine?.of('sendOrder'), []);
				assert.equal(readExample('07 TradingView webhook to order.json')[0].env[0].value, 'change-me');
			});

			it('answers 401 and sends nothing for a wrong secret', async () => {
				await loadWithSecret(SECRET);
				const response = await supertest(httpNode)
					.post('/kraken-futures/webhook')
					.send({ ...alert, secret: 'guess' });
				assert.equal(response.status, 401);
				assert.deepEqual(engine?.calls, []);
			});

			it('answers 400 with the reason when the order is refused', async () => {
				await loadWithSecret(SECRET);
				const response = await supertest(httpNode)
					.post('/kraken-futures/webhook')
					.send({ ...alert, size: 5, secret: SECRET });
				assert.equal(response.status, 400);
				assert.equal(response.body.code, 'KRAKEN_INVALID_ARG');
				assert.equal(response.body.field, 'size');
			});
		});
	});
