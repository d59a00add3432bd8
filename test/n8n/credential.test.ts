import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { stopPaperExchange } from '../../nodes/shared/paper-environment';
import { loadEngine, testCredential, type Engine } from './support/engine';
import { startPaper, type Paper } from './support/paper';

describe('n8n credential krakenFuturesApi through the credential-testing path', () => {
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

	it('passes with good keys after a signed GET accounts', async () => {
		const result = await testCredential(engine, paper.credentials);
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
		const calls = paper.server.requests.entries.filter(
			(entry) => entry.path === '/derivatives/api/v3/accounts',
		);
		assert.equal(calls.length, 1);
		assert.equal(calls[0].headers.apikey, paper.server.apiKey);
	});

	it('passes with the nonce on (the credential signs the nonce it sends)', async () => {
		const result = await testCredential(engine, { ...paper.credentials, useNonce: true });
		assert.equal(result.status, 'OK');
		const [call] = paper.server.requests.entries;
		assert.match(call.headers.nonce, /^\d+$/);
	});

	it('fails readably with a wrong secret, naming the Spot/Futures key mix-up', async () => {
		const wrongSecret = randomBytes(64).toString('base64');
		const result = await testCredential(engine, { ...paper.credentials, apiSecret: wrongSecret });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Authentication failed/);
		assert.match(result.message, /Futures keys are separate from Kraken Spot keys/);
		assert.ok(!result.message.includes(wrongSecret));
	});

	it('fails readably with an unknown key', async () => {
		const result = await testCredential(engine, { ...paper.credentials, apiKey: 'not-a-paper-key' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Futures keys are separate/);
	});

	it('fails before sending anything when the secret is not base64', async () => {
		const result = await testCredential(engine, { ...paper.credentials, apiSecret: 'not base64!' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /apiSecret is not valid base64/);
		assert.equal(paper.server.requests.entries.length, 0);
	});

	it('fails before sending anything when production keys are missing', async () => {
		const result = await testCredential(engine, { environment: 'production', apiKey: '', apiSecret: '' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /API Key and API Secret are required for the production environment/);
	});

	it('explains that the retired demo environment is gone', async () => {
		const result = await testCredential(engine, { environment: 'demo', apiKey: 'k', apiSecret: 'c2VjcmV0' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /demo environment was retired/);
	});

	it('passes on the paper environment without any keys', async () => {
		const result = await testCredential(engine, { environment: 'paper' });
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
	});
});
