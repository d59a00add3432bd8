import assert from 'node:assert/strict';

import type { IConnections, INode } from 'n8n-workflow';

import { assertExpectedErrors, MANUAL_CHECKS } from '../support/example-workflows';
import { TRANSPORTS } from '../support/transports';
import { nodeOfType, workflowFiles } from '../n8n-server/support/workflow-files';
import { nodeOutput } from './support/engine';
import { engineAndPaper } from './support/suite';

/**
 * Every manual example in workflows/ through n8n's real engine, on each API. The Manual Trigger is
 * one of n8n's own nodes, which load only in a real n8n server (test/n8n-server/ runs them whole),
 * so here the run starts at the node it feeds.
 */
const manual = workflowFiles().filter((workflow) => nodeOfType(workflow, '.manualTrigger') !== undefined);

for (const api of TRANSPORTS)
	describe(`n8n example workflows through the real engine (${api})`, function () {
		this.timeout(60_000);
		const suite = engineAndPaper(api);

		it('covers every manual example', () => {
			assert.deepEqual(manual.map((workflow) => workflow.file).sort(), Object.keys(MANUAL_CHECKS).sort());
		});

		for (const workflow of manual) {
			it(`runs ${workflow.file}`, async () => {
				const trigger = nodeOfType(workflow, '.manualTrigger')!;
				const connections = workflow.json.connections as IConnections;
				const first = connections[trigger.name].main[0]![0].node;
				const { [trigger.name]: _trigger, ...rest } = connections;
				const nodes = workflow.json.nodes.filter((node) => node !== trigger) as unknown as INode[];
				const run = await suite.engine().run({ nodes, connections: rest }, suite.paper().credentials, {
					startNodeName: first,
					startItems: [{}],
				});
				const errors = Object.entries(run.data.resultData.runData).flatMap(([name, tasks]) =>
					tasks
						.filter((task) => task.error !== undefined)
						.map((task) => `${name}: ${task.error!.message} ${String(task.error!.description ?? '')}`),
				);
				assertExpectedErrors(workflow.file, api, errors);
				MANUAL_CHECKS[workflow.file]((node) => nodeOutput(run, node), api);
			});
		}
	});
