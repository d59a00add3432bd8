import assert from 'node:assert/strict';
import { once } from 'node:events';
import { LoggerProxy, type INode } from 'n8n-workflow';
import { KrakenFuturesRestClient, KrakenFuturesWsClient, type KrakenFill } from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { loadEngine, nodeError, nodeOutput, type Engine } from '../n8n/support/engine';
import { NODE_NAME, PACKAGE, singleNodeWorkflow } from '../n8n/support/workflow';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	orderNode,
	placed,
	type NodeModule,
	type TestNode,
} from '../node-red/support';
import { accountFeedLive, FILL_FEEDS } from '../support/account-feeds';
import { CapturingLogger, waitFor } from './support/capture';
import { assertNoSecret, secretForms } from './support/secrets';

/* eslint-disable @typescript-eslint/no-require-imports */
const fillsNode = require('../../nodes/node-red/kraken-futures-fills') as NodeModule;
const requestNode = require('../../nodes/node-red/kraken-futures-request') as NodeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

interface RuntimeNodes {
	getFlows(): unknown;
	getCredentials(id: string): Record<string, string>;
	getCredentialDefinition(type: string): Record<string, { type: string }>;
}

/** Valid base64 that the paper exchange does not know: every signed call with it is refused. */
const WRONG_SECRET = Buffer.from('a wrong secret that is still valid base64 for the test').toString('base64');
const ORDER = {
	orderType: 'lmt',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	size: 0.001,
	limitPrice: 30_000,
} as const;
const MARKET = { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001 } as const;

describe('faults: the API secret appears in no log, message, error or export', function () {
	this.timeout(30_000);
	let paper: PaperExchangeServer;
	let secrets: string[];

	beforeEach(async () => {
		paper = await startPaperExchange({ port: 0, seed: 21, clock: false, heartbeatMs: 60_000 });
		secrets = [...secretForms(paper.apiSecret), ...secretForms(WRONG_SECRET)];
	});

	afterEach(() => paper.stop());

	it('core clients with debug logging: orders, rejections, faults, bad keys, private feeds, drops', async () => {
		const logger = new CapturingLogger();
		const credentials = { apiKey: paper.apiKey, apiSecret: paper.apiSecret };
		const rest = new KrakenFuturesRestClient({ restUrl: paper.restUrl, credentials, timeoutMs: 200, logger });
		const wrong = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: WRONG_SECRET },
			logger,
		});
		const ws = new KrakenFuturesWsClient({
			wsUrl: paper.wsUrl,
			credentials,
			restClient: rest,
			reconnectDelayMs: { initial: 5, max: 20 },
			logger,
		});
		const wrongWs = new KrakenFuturesWsClient({
			wsUrl: paper.wsUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: WRONG_SECRET },
			logger,
		});
		const outcomes: unknown[] = [];
		const settle = (promise: Promise<unknown>): Promise<void> =>
			promise.then(
				(value) => void outcomes.push(value),
				(error: unknown) => void outcomes.push(error),
			);
		try {
			const fills: KrakenFill[] = [];
			ws.onFill((fill) => fills.push(fill));
			ws.on('error', (error) => outcomes.push(error));
			wrongWs.on('error', (error) => outcomes.push(error));
			wrongWs.on('alert', (error) => outcomes.push(error));
			wrongWs.subscribe('open_orders', undefined, (message) => outcomes.push(message));
			await once(ws, 'open');
			await settle(rest.sendOrder({ ...ORDER }));
			await settle(rest.sendOrder({ ...MARKET }));
			await settle(rest.getAccounts());
			paper.faults.rejectNextOrder('insufficientAvailableFunds');
			await settle(rest.sendOrder({ ...ORDER }));
			paper.faults.failRest('5xx', { count: 1 });
			await settle(rest.getOpenPositions());
			paper.faults.failRest('timeout', { path: '/sendorder', count: 1 });
			await settle(rest.sendOrder({ ...ORDER }));
			paper.faults.failRest('malformed', { count: 1 });
			await settle(rest.getFills());
			await settle(wrong.getAccounts());
			await settle(wrong.sendOrder({ ...ORDER }));
			const reconnected = once(ws, 'reconnected');
			paper.faults.dropConnections();
			await reconnected;
			await settle(rest.sendOrder({ ...MARKET }));
			await waitFor(() => fills.length >= 2, 5_000, 'the fills');
			outcomes.push(...fills, rest, ws);
		} finally {
			await Promise.all([ws.close(), wrongWs.close(), rest.close(), wrong.close()]);
		}
		assert.ok(
			logger.lines.some((line) => line.startsWith('debug')),
			'debug lines were written',
		);
		assertNoSecret(logger.lines, secrets, 'core log line');
		assertNoSecret(outcomes, secrets, 'core result or error');
	});

	it('Node-RED: node logs, output and Catch messages, the flow and config node export', async () => {
		initHelper();
		await helper.startServer();
		try {
			const flow = placed([
				TAB,
				configFor(paper),
				{ ...configFor(paper, 'wrongCfg') },
				{ id: 'order', type: 'kraken-futures-order', z: 'tab', account: 'cfg', wires: [['out']] },
				{ id: 'wrongOrder', type: 'kraken-futures-order', z: 'tab', account: 'wrongCfg', wires: [['out']] },
				{ id: 'request', type: 'kraken-futures-request', z: 'tab', account: 'cfg', wires: [['out']] },
				{
					id: 'fills',
					type: 'kraken-futures-fills',
					z: 'tab',
					account: 'cfg',
					symbols: '',
					wires: [['out']],
				},
				{ id: 'out', type: 'helper', z: 'tab' },
				{ id: 'catch', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] },
				{ id: 'caught', type: 'helper', z: 'tab' },
			]);
			const credentials = {
				...credentialsFor(paper),
				wrongCfg: { apiKey: paper.apiKey, apiSecret: WRONG_SECRET },
			};
			await helper.load([configNode, orderNode, requestNode, fillsNode], flow, credentials);
			const messages: unknown[] = [];
			helper.getNode('out').on('input', (msg: unknown) => messages.push(msg));
			helper.getNode('caught').on('input', (msg: unknown) => messages.push(msg));
			let sent = 0;
			// Waits for the answer to this very message (by its id): a fill arriving meanwhile on the
			// fills node's wire does not count, however the two race.
			const send = async (id: string, payload: unknown): Promise<void> => {
				const msgId = `sent-${++sent}`;
				helper.getNode(id).receive({ payload, _msgid: msgId });
				await waitFor(
					() => messages.some((msg) => (msg as { _msgid?: string })._msgid === msgId),
					5_000,
					`an answer from ${id}`,
				);
			};
			await accountFeedLive(paper, FILL_FEEDS);
			await send('order', { ...ORDER });
			await send('order', { ...MARKET });
			await send('order', { ...ORDER, size: -1 });
			await send('wrongOrder', { ...ORDER });
			await send('request', { operation: 'getAccounts' });
			paper.faults.failRest('5xx', { count: 1 });
			await send('request', { operation: 'getOpenOrders' });
			paper.faults.dropConnections();
			await waitFor(
				() => messages.some((msg) => (msg as { topic?: string }).topic === 'PF_XBTUSD'),
				5_000,
				'a fill',
			);

			// The helper serves neither GET /flows nor GET /credentials; both are built from the runtime
			// the way Node-RED's editor API builds them (password credentials become has_<name>).
			const red = (helper as unknown as { _redNodes: RuntimeNodes })._redNodes;
			const flows = red.getFlows();
			const definition = red.getCredentialDefinition('kraken-futures-config');
			const stored = red.getCredentials('cfg');
			const exported = Object.fromEntries(
				Object.entries(definition).map(([name, { type }]) =>
					type === 'password' ? [`has_${name}`, Boolean(stored[name])] : [name, stored[name] ?? ''],
				),
			);
			assert.equal(exported.has_apiSecret, true);
			const nodeCalls = ['cfg', 'wrongCfg', 'order', 'wrongOrder', 'request', 'fills'].flatMap((id) => {
				const node = helper.getNode(id) as TestNode & Record<string, { args?: unknown[][] }>;
				return ['log', 'warn', 'error', 'debug', 'trace', 'status'].flatMap(
					(method) => node[method]?.args ?? [],
				);
			});
			const runtimeLog = (helper as unknown as { log(): { args: unknown[][] } }).log().args;
			assert.ok(nodeCalls.length > 0, 'node log calls were captured');
			assertNoSecret(nodeCalls, secrets, 'Node-RED node log/status call');
			assertNoSecret(runtimeLog, secrets, 'Node-RED runtime log');
			assertNoSecret(messages, secrets, 'Node-RED msg');
			assertNoSecret([flows, exported], secrets, 'Node-RED flow and config node export');
		} finally {
			await helper.unload();
			await helper.stopServer();
		}
	});

	it('n8n: node output and errors, run data and the engine log', async () => {
		const lines: string[] = [];
		const capture =
			(level: string) =>
			(message: string, meta?: object): void =>
				void lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
		LoggerProxy.init({
			error: capture('error'),
			warn: capture('warn'),
			info: capture('info'),
			debug: capture('debug'),
			scoped: () => LoggerProxy as never,
		} as never);
		const engine: Engine = await loadEngine();
		const credentials = {
			environment: 'custom',
			restUrl: paper.restUrl,
			wsUrl: paper.wsUrl,
			apiKey: paper.apiKey,
			apiSecret: paper.apiSecret,
			useNonce: false,
		};
		const runs: unknown[] = [];
		try {
			const send = { resource: 'order', operation: 'send', ...ORDER };
			for (const [parameters, data] of [
				[send, credentials],
				[{ ...send, size: -1 }, credentials],
				[send, { ...credentials, apiSecret: WRONG_SECRET }],
				[{ resource: 'account', operation: 'getAll' }, credentials],
			] as const) {
				const run = await engine.run(singleNodeWorkflow(parameters as never), data as never);
				runs.push(run, nodeOutput(run, NODE_NAME), nodeError(run, NODE_NAME));
			}
			const trigger: INode = {
				id: 'trigger',
				name: 'Kraken Futures Trigger',
				type: `${PACKAGE}.krakenFuturesTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { event: 'fills' },
				credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
			};
			const handle = await engine.startTrigger(trigger, credentials, 'trigger');
			await accountFeedLive(paper, FILL_FEEDS);
			await engine.run(
				singleNodeWorkflow({ resource: 'order', operation: 'send', ...MARKET } as never),
				credentials,
			);
			await handle.waitForEmits(1, 5_000);
			await handle.response.closeFunction?.();
			runs.push(handle.emitted, handle.errors);
		} finally {
			engine.close();
			const silent = (): void => undefined;
			LoggerProxy.init({
				error: silent,
				warn: silent,
				info: silent,
				debug: silent,
				scoped: () => LoggerProxy,
			} as never);
		}
		assertNoSecret(runs, secrets, 'n8n run data, item or error');
		if (lines.length > 0) assertNoSecret(lines, secrets, 'n8n log line');
	});
});
