import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../paper/server';
import { recordEngineCalls, type EngineCallLog } from '../support/engine-calls';
import { TRANSPORTS } from '../support/transports';
import {
	TAB,
	cancelNode,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	orderNode,
	placed,
	startPaper,
	type NodeModule,
	type TestNode,
} from '../node-red/support';
import {
	badCancel,
	badEditOrder,
	badSendOrder,
	badTimeout,
	generate,
	type BadCase,
} from './support/bad-inputs';
import { badRequest } from './support/bad-requests';
import { assertNamesField } from './support/expect-field';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requestNode = require('../../nodes/node-red/kraken-futures-request') as NodeModule;

interface ErrorCall {
	args: [Error, Record<string, unknown>];
}

/** Sends one msg and resolves with the error the node reports, or fails if it sends a message instead. */
function reportedError(node: TestNode, out: TestNode, payload: unknown): Promise<Error> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => finish(new Error('neither an error nor a message within 2 s')), 2_000);
		function onError(call: ErrorCall): void {
			finish(undefined, call.args[0]);
		}
		function onMessage(msg: Record<string, unknown>): void {
			finish(
				new Error(
					`the node sent a message instead of an error: ${JSON.stringify(msg.payload)?.slice(0, 200)}`,
				),
			);
		}
		function finish(failure?: Error, error?: Error): void {
			clearTimeout(timer);
			node.off('call:error', onError);
			out.off('input', onMessage);
			if (failure !== undefined) reject(failure);
			else resolve(error as Error);
		}
		node.on('call:error', onError);
		out.on('input', onMessage);
		node.receive({ payload });
	});
}

for (const api of TRANSPORTS)
	describe(`faults: generated bad inputs through the Node-RED action nodes (${api})`, function () {
		this.timeout(60_000);
		let paper: PaperExchangeServer;
		let engine: EngineCallLog;

		before(async () => {
			initHelper();
			paper = await startPaper();
			await helper.startServer();
			const blank = {
				symbol: '',
				side: '',
				orderType: '',
				size: '',
				limitPrice: '',
				stopPrice: '',
				cliOrdId: '',
			};
			const flow = placed([
				TAB,
				configFor(paper, 'cfg', api),
				{ id: 'order', type: 'kraken-futures-order', z: 'tab', account: 'cfg', ...blank, wires: [['out']] },
				{
					id: 'edit',
					type: 'kraken-futures-order',
					z: 'tab',
					account: 'cfg',
					action: 'edit',
					wires: [['out']],
				},
				{
					id: 'cancel',
					type: 'kraken-futures-cancel',
					z: 'tab',
					account: 'cfg',
					action: 'cancel',
					wires: [['out']],
				},
				{
					id: 'arm',
					type: 'kraken-futures-cancel',
					z: 'tab',
					account: 'cfg',
					action: 'arm',
					timeout: '',
					wires: [['out']],
				},
				{
					id: 'request',
					type: 'kraken-futures-request',
					z: 'tab',
					account: 'cfg',
					operation: '',
					wires: [['out']],
				},
				{ id: 'out', type: 'helper', z: 'tab' },
			]);
			await helper.load(
				[configNode, orderNode, cancelNode, requestNode],
				flow,
				credentialsFor(paper, 'cfg', api),
			);
			const config = helper.getNode('cfg') as unknown as {
				connection: { rest(): Promise<{ instruments: { refresh(): Promise<unknown> } }> };
			};
			// Off-grid and unknown-symbol checks need the instrument list; it is read once, before.
			await (await config.connection.rest()).instruments.refresh();
			paper.requests.clear();
			engine = recordEngineCalls(paper.exchange);
		});

		after(async () => {
			engine.restore();
			await helper.unload();
			await helper.stopServer();
			await paper.stop();
		});

		async function expectRefused(nodeId: string, cases: BadCase[]): Promise<void> {
			const node = helper.getNode(nodeId);
			const out = helper.getNode('out');
			const failures = new Set<string>();
			for (const badCase of cases) {
				try {
					assertNamesField(await reportedError(node, out, badCase.input), badCase, nodeId);
				} catch (error) {
					failures.add(`${badCase.how}: ${(error as Error).message}`);
				}
			}
			assert.deepEqual([...failures], [], `${nodeId}: ${failures.size} kinds of bad input were not refused`);
			assert.equal(paper.requests.length, 0, `${nodeId}: a REST request reached the exchange`);
			assert.deepEqual(engine.calls, [], `${nodeId}: a call reached the exchange`);
		}

		it('the order node refuses 250 broken orders and 60 broken edits, each naming its field', async () => {
			await expectRefused('order', generate(201, 250, badSendOrder));
			await expectRefused('edit', generate(202, 60, badEditOrder));
		});

		it('the cancel node refuses 60 cancels without a usable target and 40 bad timeouts', async () => {
			await expectRefused('cancel', generate(203, 60, badCancel));
			await expectRefused('arm', generate(204, 40, badTimeout));
		});

		it('the request node refuses 100 unknown operations and broken parameters', async () => {
			await expectRefused('request', generate(205, 100, badRequest));
		});

		it('the runtime is still up: a valid order goes through afterwards', async () => {
			const out = helper.getNode('out');
			const received = new Promise<Record<string, unknown>>((resolve) => out.once('input', resolve));
			helper.getNode('order').receive({
				payload: { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001, limitPrice: 30_000 },
			});
			const msg = await received;
			assert.equal((msg.payload as { status?: string }).status, 'placed');
			assert.equal(engine.of('sendOrder').length, 1);
		});
	});
