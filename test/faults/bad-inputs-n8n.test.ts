import assert from 'node:assert/strict';
import type { INodeParameters } from 'n8n-workflow';
import { loadEngine, nodeError, nodeOutput, type Engine } from '../n8n/support/engine';
import { startPaper, type Paper } from '../n8n/support/paper';
import { recordEngineCalls } from '../support/engine-calls';
import { TRANSPORTS } from '../support/transports';
import { NODE_NAME, singleNodeWorkflow } from '../n8n/support/workflow';
import { badEditOrder, badSendOrder, badTimeout, generate, pick, type BadCase } from './support/bad-inputs';
import { assertNamesField } from './support/expect-field';

/** An n8n form has no "absent" field: a missing value is an emptied one. */
function formValue(value: unknown): unknown {
	return value === undefined ? '' : value;
}

function sendParameters(input: Record<string, unknown>): INodeParameters {
	const { cliOrdId, ...fields } = input;
	const parameters: Record<string, unknown> = { resource: 'order', operation: 'send' };
	for (const field of ['symbol', 'side', 'orderType', 'size', 'limitPrice', 'stopPrice']) {
		parameters[field] = formValue(fields[field]);
	}
	if (input.orderType === 'stp' || fields.stopPrice !== undefined) delete parameters.limitPrice;
	parameters.options = cliOrdId === undefined ? {} : { cliOrdId };
	return parameters as INodeParameters;
}

function editParameters(input: Record<string, unknown>): INodeParameters {
	const { orderId, ...updateFields } = input;
	return {
		resource: 'order',
		operation: 'edit',
		identifyBy: 'orderId',
		orderId: formValue(orderId),
		updateFields,
	} as INodeParameters;
}

/** Cancel by an id that is empty or not text. */
function badCancelById(random: () => number): BadCase {
	const identifyBy = pick(random, ['orderId', 'cliOrdId'] as const);
	const value = pick(random, ['', '   ', {}, [], true]);
	return {
		field: identifyBy,
		input: { identifyBy, [identifyBy]: value },
		how: `${identifyBy}=${JSON.stringify(value)}`,
	};
}

for (const api of TRANSPORTS)
	describe(`faults: generated bad inputs through the n8n Kraken Futures node (${api})`, function () {
		this.timeout(60_000);
		let engine: Engine;
		let paper: Paper;

		before(async () => {
			engine = await loadEngine();
			paper = await startPaper({}, api);
			paper.server.exchange.stopClock();
		});

		after(async () => {
			await paper.server.stop();
			engine.close();
		});

		async function expectRefused(
			cases: BadCase[],
			toParameters: (input: Record<string, unknown>) => INodeParameters,
		) {
			paper.server.requests.clear();
			const reached = recordEngineCalls(paper.server.exchange);
			const failures = new Set<string>();
			for (const badCase of cases) {
				try {
					let error: unknown;
					try {
						const run = await engine.run(singleNodeWorkflow(toParameters(badCase.input)), paper.credentials);
						error = nodeError(run, NODE_NAME);
						assert.ok(
							error !== undefined,
							`no error; output ${JSON.stringify(nodeOutput(run, NODE_NAME)).slice(0, 200)}`,
						);
					} catch (refused) {
						// n8n itself refuses a workflow whose required parameter is empty, naming the parameter.
						error = refused;
					}
					assertNamesField(error, badCase, 'n8n');
				} catch (error) {
					failures.add(`${badCase.how}: ${(error as Error).message}`);
				}
			}
			reached.restore();
			assert.deepEqual([...failures], [], `${failures.size} kinds of bad input were not refused`);
			assert.deepEqual(reached.calls, [], 'a call reached the exchange');
			// Checking a symbol, a tick size or a size step needs the public contract list; nothing else may be sent.
			const sent = paper.server.requests.entries.filter((entry) => !entry.path.endsWith('/instruments'));
			assert.deepEqual(
				sent.map((entry) => `${entry.method} ${entry.path}`),
				[],
			);
		}

		it('Order → Send refuses 150 broken orders, each naming its field', async () => {
			await expectRefused(generate(301, 150, badSendOrder), sendParameters);
		});

		it('Order → Edit, Cancel and Dead Man Switch refuse broken input', async () => {
			await expectRefused(generate(302, 30, badEditOrder), editParameters);
			await expectRefused(
				generate(303, 20, badCancelById),
				(input) => ({ resource: 'order', operation: 'cancel', ...input }) as INodeParameters,
			);
			await expectRefused(
				generate(304, 20, badTimeout),
				(input) => ({ resource: 'order', operation: 'deadManSwitch', ...input }) as INodeParameters,
			);
		});
	});
