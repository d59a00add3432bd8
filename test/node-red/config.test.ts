import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import type { PaperExchangeServer } from '../../paper/server';
import {
	TAB,
	closedPort,
	accountsNode,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	nextError,
	orderNode,
	placed,
	roundTrip,
	singleNodeFlow,
	startPaper,
	statusMatching,
} from './support';

describe('Node-RED kraken-futures-config', function () {
	let paper: PaperExchangeServer;

	before(async () => {
		initHelper();
		paper = await startPaper();
	});
	after(async () => {
		await paper.stop();
		await stopPaperExchange();
	});
	beforeEach(() => helper.startServer());
	afterEach(async () => {
		await helper.unload();
		await helper.stopServer();
		paper.reset();
	});

	const loadConfigOnly = () =>
		helper.load([configNode, accountsNode], placed([TAB, configFor(paper)]), credentialsFor(paper));

	describe('test connection endpoint', () => {
		it('reports success for the right key pair', async () => {
			await loadConfigOnly();
			const response = await helper.request().post('/kraken-futures-config/test-connection').send({
				environment: 'custom',
				restUrl: paper.restUrl,
				wsUrl: paper.wsUrl,
				apiKey: paper.apiKey,
				apiSecret: paper.apiSecret,
			});
			assert.equal(response.status, 200);
			assert.equal(response.body.ok, true);
			assert.match(String(response.body.message), /Connected/);
			assert.equal(paper.requests.forPath('/accounts').length, 1, 'one signed accounts call');
			assert.ok(!JSON.stringify(response.body).includes(paper.apiSecret));
		});

		it('explains a wrong secret in words', async () => {
			await loadConfigOnly();
			const response = await helper
				.request()
				.post('/kraken-futures-config/test-connection')
				.send({
					environment: 'custom',
					restUrl: paper.restUrl,
					wsUrl: paper.wsUrl,
					apiKey: paper.apiKey,
					apiSecret: randomBytes(64).toString('base64'),
				});
			assert.equal(response.body.ok, false);
			assert.equal(response.body.code, 'KRAKEN_AUTH');
			assert.match(String(response.body.reason), /key or secret/);
			assert.match(String(response.body.reason), /Spot/);
		});

		it('uses the stored secret when the form left the password unchanged', async () => {
			await loadConfigOnly();
			const response = await helper.request().post('/kraken-futures-config/test-connection').send({
				id: 'cfg',
				environment: 'custom',
				restUrl: paper.restUrl,
				wsUrl: paper.wsUrl,
				apiKey: paper.apiKey,
				apiSecret: '__PWRD__',
			});
			assert.equal(response.body.ok, true, String(response.body.reason));
		});

		it('explains an unreachable exchange and a malformed secret', async () => {
			await loadConfigOnly();
			const port = await closedPort();
			const unreachable = await helper
				.request()
				.post('/kraken-futures-config/test-connection')
				.send({
					environment: 'custom',
					restUrl: `http://127.0.0.1:${port}`,
					wsUrl: `ws://127.0.0.1:${port}/ws/v1`,
					apiKey: paper.apiKey,
					apiSecret: paper.apiSecret,
				});
			assert.equal(unreachable.body.ok, false);
			assert.match(String(unreachable.body.reason), /Could not reach/);
			const malformed = await helper.request().post('/kraken-futures-config/test-connection').send({
				environment: 'custom',
				restUrl: paper.restUrl,
				wsUrl: paper.wsUrl,
				apiKey: paper.apiKey,
				apiSecret: 'not base64!',
			});
			assert.equal(malformed.body.ok, false);
			assert.match(String(malformed.body.reason), /apiSecret|secret/);
		});

		it('tells a demo environment that the demo was retired', async () => {
			await loadConfigOnly();
			const response = await helper
				.request()
				.post('/kraken-futures-config/test-connection')
				.send({ environment: 'demo', apiKey: paper.apiKey, apiSecret: paper.apiSecret });
			assert.equal(response.body.ok, false);
			assert.match(String(response.body.reason), /retired/);
			assert.match(String(response.body.reason), /paper/);
		});
	});

	describe('symbol list endpoint', () => {
		it('lists the tradeable symbols of a deployed config node', async () => {
			await loadConfigOnly();
			const response = await helper.request().get('/kraken-futures-config/symbols').query({ id: 'cfg' });
			assert.equal(response.status, 200);
			const symbols = response.body.symbols as string[];
			assert.ok(symbols.includes('PF_XBTUSD') && symbols.includes('PI_XBTUSD'));
			assert.deepEqual([...symbols].sort(), symbols);
		});

		it('lists symbols for a config node that is not deployed yet, from the form values', async () => {
			await loadConfigOnly();
			const response = await helper
				.request()
				.get('/kraken-futures-config/symbols')
				.query({ id: 'new-one', environment: 'custom', restUrl: paper.restUrl, wsUrl: paper.wsUrl });
			assert.ok((response.body.symbols as string[]).includes('PF_ETHUSD'));
		});
	});

	it('stops a node with a clear error when the config uses the retired demo environment', async () => {
		await helper.load(
			[configNode, accountsNode],
			placed([
				TAB,
				{ id: 'cfg', type: 'kraken-futures-config', environment: 'demo' },
				{ id: 'node', type: 'kraken-futures-accounts', z: 'tab', account: 'cfg', wires: [[]] },
			]),
		);
		const node = helper.getNode('node');
		const failed = nextError(node);
		node.receive({ payload: {} });
		const details = (await failed).msg.error as Record<string, unknown>;
		assert.equal(details.code, 'KRAKEN_CONFIG');
		assert.match(String(details.message), /retired/);
		const statuses = node.status.args.map((args) => (args[0] as { text?: string }).text);
		assert.ok(statuses.includes('invalid environment'), JSON.stringify(statuses));
		assert.equal(paper.requests.length, 0);
	});

	it('runs on the bundled paper environment without keys', async () => {
		await helper.load(
			[configNode, orderNode],
			placed([
				TAB,
				{ id: 'cfg', type: 'kraken-futures-config', environment: 'paper' },
				{
					id: 'node',
					type: 'kraken-futures-order',
					z: 'tab',
					account: 'cfg',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					orderType: 'mkt',
					size: '0.001',
					wires: [['out']],
				},
				{ id: 'out', type: 'helper', z: 'tab' },
			]),
		);
		const msg = await roundTrip(helper.getNode('node'), helper.getNode('out'), { payload: {} });
		assert.equal((msg.payload as Record<string, unknown>).status, 'placed');
	});

	it('gives every user a red status when the configuration is invalid', async () => {
		await helper.load(
			[configNode, accountsNode],
			singleNodeFlow(paper, 'kraken-futures-accounts').map((node) =>
				node.id === 'cfg' ? { ...node, restUrl: 'not a url' } : node,
			),
		);
		const status = await statusMatching(helper.getNode('node'), /invalid restUrl/);
		assert.equal(status.fill, 'red');
	});
});
