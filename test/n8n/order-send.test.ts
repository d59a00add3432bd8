import assert from 'node:assert/strict';

import { loadEngine, nodeError, nodeOutput, type Engine } from './support/engine';
import { startPaper, type Paper } from './support/paper';
import { NODE_NAME, singleNodeWorkflow } from './support/workflow';

describe('n8n Kraken Futures: Order → Send in the real engine', () => {
	let engine: Engine;
	let paper: Paper;

	before(async () => {
		engine = await loadEngine();
		paper = await startPaper();
	});
	after(async () => {
		await paper.server.stop();
		engine.close();
	});
	beforeEach(() => paper.server.reset());

	it('places a limit order and returns the placed status with a cliOrdId', async () => {
		const run = await engine.run(
			singleNodeWorkflow({
				resource: 'order',
				operation: 'send',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				orderType: 'lmt',
				size: 0.001,
				limitPrice: 30000,
			}),
			paper.credentials,
		);
		assert.equal(nodeError(run, NODE_NAME), undefined, String(nodeError(run, NODE_NAME)?.message));
		const [placed] = nodeOutput(run, NODE_NAME);
		assert.equal(placed.status, 'placed');
		assert.match(String(placed.order_id), /[0-9a-f-]{36}/);
		assert.equal(typeof placed.cliOrdId, 'string');
		const sent = paper.server.requests.entries.filter((entry) => entry.path.endsWith('/sendorder'));
		assert.equal(sent.length, 1);
		assert.equal(sent[0].params.limitPrice, '30000');
	});
});
