import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { apiSettingOf } from '../../nodes/KrakenFutures/transport/connection';
import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import { closedPort } from '../node-red/support';
import { asN8nDelivers, testCredentialByNode } from './support/credential-test';
import { loadEngine, type Engine } from './support/engine';
import { runOk } from './support/operation';
import { credentialsFor, startPaper, type Paper } from './support/paper';

describe('n8n credential krakenFuturesApi: legacy or unified API', () => {
	let engine: Engine;
	let paper: Paper;

	before(async () => {
		engine = await loadEngine();
		paper = await startPaper();
	});
	after(async () => {
		await paper.server.stop();
		await stopPaperExchange();
		engine.close();
	});
	beforeEach(() => paper.server.reset());

	it('offers api with unified as the default, Kraken API key fields as passwords, and a legacy notice', () => {
		const properties = engine.credentialType.properties;
		const api = properties.find((property) => property.name === 'api');
		assert.equal(api?.default, 'unified');
		assert.deepEqual(
			(api?.options as { value: string }[]).map((option) => option.value),
			['unified', 'legacy'],
		);
		for (const name of ['unifiedApiKey', 'unifiedApiSecret']) {
			const field = properties.find((property) => property.name === name);
			assert.equal(field?.typeOptions?.password, true, name);
			assert.deepEqual(field?.displayOptions?.show?.api, ['unified'], name);
		}
		const notice = properties.find((property) => property.name === 'legacyNotice');
		assert.match(String(notice?.displayName), /1 March 2027/);
		assert.deepEqual(notice?.displayOptions?.show?.api, ['legacy']);
		// n8n drops a saved value its display conditions hide once it has filled in the default api,
		// so the Futures fields must not depend on api (see the next test).
		for (const name of ['apiKey', 'apiSecret', 'restUrl', 'wsUrl', 'useNonce']) {
			const field = properties.find((property) => property.name === name);
			assert.equal(field?.displayOptions?.show?.api, undefined, name);
		}
	});

	it('a credential saved before api existed, with a Futures key pair, stays on legacy', async () => {
		const saved = credentialsFor(paper.server, 'legacy');
		assert.equal(saved.api, undefined);
		const delivered = asN8nDelivers(engine, saved);
		assert.equal(delivered.api, 'unified', "n8n fills in the type's default");
		assert.equal(apiSettingOf(delivered), 'legacy');
		const [ticker] = await runOk(engine, delivered, {
			resource: 'market',
			operation: 'getTickers',
			tickerSymbol: 'PF_XBTUSD',
		});
		assert.equal(ticker.symbol, 'PF_XBTUSD');
		assert.ok(
			paper.server.requests.entries.some((entry) => entry.path.includes('/tickers')),
			'served by REST v3',
		);
	});

	it('Test on unified gets a token and opens the private socket', async () => {
		const result = await testCredentialByNode(engine, credentialsFor(paper.server, 'unified'));
		assert.equal(result.status, 'OK', result.message);
		assert.match(result.message, /Connected/);
		assert.equal(paper.server.requests.forPath('/accounts').length, 0, 'not over REST v3');
	});

	it('Test on legacy still makes one signed read', async () => {
		const result = await testCredentialByNode(engine, credentialsFor(paper.server, 'legacy'));
		assert.equal(result.status, 'OK', result.message);
		assert.equal(paper.server.requests.forPath('/accounts').length, 1);
	});

	it('Test on unified explains a wrong secret, a Futures key, missing keys and an unreachable host', async () => {
		const unified = credentialsFor(paper.server, 'unified');
		const wrongSecret = randomBytes(64).toString('base64');
		const secret = await testCredentialByNode(engine, { ...unified, unifiedApiSecret: wrongSecret });
		assert.equal(secret.status, 'Error');
		assert.match(secret.message, /secret/i);
		assert.ok(!secret.message.includes(wrongSecret));

		const futures = await testCredentialByNode(engine, {
			...unified,
			unifiedApiKey: paper.server.apiKey,
			unifiedApiSecret: paper.server.apiSecret,
		});
		assert.equal(futures.status, 'Error');
		assert.match(futures.message, /not a Kraken Futures key/);

		const missing = await testCredentialByNode(engine, {
			...unified,
			unifiedApiKey: '',
			unifiedApiSecret: '',
		});
		assert.equal(missing.status, 'Error');
		assert.match(missing.message, /Kraken API Key is required/);

		const port = await closedPort();
		const unreachable = await testCredentialByNode(engine, {
			...unified,
			spotRestUrl: `http://127.0.0.1:${port}`,
		});
		assert.equal(unreachable.status, 'Error');
		assert.match(unreachable.message, /Could not reach/);
	});

	it('Test on the paper environment works on unified without keys', async () => {
		const result = await testCredentialByNode(engine, { environment: 'paper', api: 'unified' });
		assert.equal(result.status, 'OK', result.message);
	});

	it('a run on legacy adds the switch-off notice to the execution, a run on unified does not', async () => {
		const hints = async (credentials: Record<string, unknown>) => {
			const run = await engine.run(
				(await import('./support/workflow')).singleNodeWorkflow({
					resource: 'market',
					operation: 'getTickers',
					tickerSymbol: 'PF_XBTUSD',
				} as never),
				credentials as never,
			);
			const task = Object.values(run.data.resultData.runData)
				.flat()
				.find((entry) => (entry.hints ?? []).length > 0);
			return (task?.hints ?? []).map((hint) => hint.message);
		};
		assert.ok(
			(await hints(credentialsFor(paper.server, 'legacy'))).some((text) => /1 March 2027/.test(text)),
		);
		assert.deepEqual(await hints(credentialsFor(paper.server, 'unified')), []);
	});
});
