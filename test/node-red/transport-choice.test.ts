import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import type { PaperExchangeServer } from '../../paper/server';
import {
	TAB,
	closedPort,
	accountsNode,
	configNode,
	helper,
	initHelper,
	nextMessage,
	placed,
	startPaper,
	type TestNode,
} from './support';

function warnings(node: TestNode): string[] {
	return node.warn.args.map((args) => String(args[0]));
}

function statusTexts(node: TestNode): string[] {
	return node.status.args.map((args) => String((args[0] as { text?: string }).text ?? ''));
}

describe('Node-RED config: legacy or unified API', function () {
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

	const legacyConfig = {
		id: 'cfg',
		type: 'kraken-futures-config',
		environment: 'custom',
		restUrl: '',
		wsUrl: '',
	};
	const unifiedForm = () => ({
		environment: 'custom',
		api: 'unified',
		uwsPublicUrl: paper.uwsPublicUrl,
		uwsPrivateUrl: paper.uwsPrivateUrl,
		spotRestUrl: paper.spotRestUrl,
		unifiedApiKey: paper.spotApiKey,
		unifiedApiSecret: paper.spotApiSecret,
	});

	async function loadAccounts(config: Record<string, unknown>, credentials: Record<string, string>) {
		await helper.load(
			[configNode, accountsNode],
			placed([
				TAB,
				config,
				{ id: 'node', type: 'kraken-futures-accounts', z: 'tab', account: 'cfg', wires: [['out']] },
				{ id: 'out', type: 'helper', z: 'tab' },
			]),
			{ cfg: credentials },
		);
		return { config: helper.getNode('cfg'), node: helper.getNode('node'), out: helper.getNode('out') };
	}

	it('a config saved without api stays on legacy, and warns of 1 March 2027 once per deploy', async () => {
		const { config, node, out } = await loadAccounts(
			{ ...legacyConfig, restUrl: paper.restUrl, wsUrl: paper.wsUrl },
			{ apiKey: paper.apiKey, apiSecret: paper.apiSecret },
		);
		const configWarnings = warnings(config).filter((text) => /1 March 2027/.test(text));
		assert.equal(configWarnings.length, 1, JSON.stringify(warnings(config)));
		assert.match(configWarnings[0] ?? '', /api to "unified"/);
		assert.ok(statusTexts(node).includes('legacy API ends 1 Mar 2027'), JSON.stringify(statusTexts(node)));

		for (let i = 0; i < 3; i++) {
			const received = nextMessage(out);
			node.receive({ payload: {} });
			await received;
		}
		assert.equal(paper.requests.forPath('/accounts').length, 3, 'served by REST v3');
		assert.equal(warnings(config).filter((text) => /1 March 2027/.test(text)).length, 1, 'not per message');
	});

	it('a config on unified reads the same paper account over the Unified WebSocket, without the legacy notice', async () => {
		const form = unifiedForm();
		const { config, node, out } = await loadAccounts(
			{
				id: 'cfg',
				type: 'kraken-futures-config',
				environment: 'custom',
				api: 'unified',
				uwsPublicUrl: form.uwsPublicUrl,
				uwsPrivateUrl: form.uwsPrivateUrl,
				spotRestUrl: form.spotRestUrl,
			},
			{ unifiedApiKey: paper.spotApiKey, unifiedApiSecret: paper.spotApiSecret },
		);
		const received = nextMessage(out, 10_000);
		node.receive({ payload: {} });
		const msg = await received;
		assert.ok(msg.payload !== undefined && msg.payload !== null);
		assert.equal(paper.requests.forPath('/accounts').length, 0, 'nothing went over REST v3');
		assert.equal(warnings(config).filter((text) => /1 March 2027/.test(text)).length, 0);
		assert.ok(!statusTexts(node).some((text) => /legacy/.test(text)));
	});

	describe('Test connection on unified', () => {
		const loadConfigOnly = () =>
			helper.load(
				[configNode, accountsNode],
				placed([TAB, { ...legacyConfig, restUrl: paper.restUrl, wsUrl: paper.wsUrl }]),
			);
		const post = (body: Record<string, unknown>) =>
			helper.request().post('/kraken-futures-config/test-connection').send(body);

		it('gets a token and opens the private socket with the Kraken API key', async () => {
			await loadConfigOnly();
			const response = await post(unifiedForm());
			assert.equal(response.body.ok, true, String(response.body.reason));
			assert.match(String(response.body.message), /Connected/);
			assert.ok(!JSON.stringify(response.body).includes(paper.spotApiSecret));
		});

		it('works on the paper environment with its own Kraken key', async () => {
			await loadConfigOnly();
			const response = await post({ environment: 'paper', api: 'unified' });
			assert.equal(response.body.ok, true, String(response.body.reason));
		});

		it('explains a wrong secret, a Futures key in the Kraken key field, a missing key and an unreachable host', async () => {
			await loadConfigOnly();
			const wrongSecret = await post({
				...unifiedForm(),
				unifiedApiSecret: randomBytes(64).toString('base64'),
			});
			assert.equal(wrongSecret.body.ok, false);
			assert.equal(wrongSecret.body.code, 'KRAKEN_AUTH');
			assert.match(String(wrongSecret.body.reason), /secret/i);

			const futuresKey = await post({
				...unifiedForm(),
				unifiedApiKey: paper.apiKey,
				unifiedApiSecret: paper.apiSecret,
			});
			assert.equal(futuresKey.body.ok, false);
			assert.equal(futuresKey.body.code, 'KRAKEN_AUTH');
			assert.match(String(futuresKey.body.reason), /kraken\.com/);
			assert.match(String(futuresKey.body.reason), /not a Kraken Futures key/);

			const missing = await post({ ...unifiedForm(), unifiedApiKey: '', unifiedApiSecret: '' });
			assert.equal(missing.body.ok, false);
			assert.match(String(missing.body.reason), /Kraken API Key/);

			const port = await closedPort();
			const unreachable = await post({ ...unifiedForm(), spotRestUrl: `http://127.0.0.1:${port}` });
			assert.equal(unreachable.body.ok, false);
			assert.match(String(unreachable.body.reason), /Could not reach/);
		});
	});
});
