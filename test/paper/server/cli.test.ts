import assert from 'node:assert/strict';
import { join } from 'node:path';
import { firstLine, runNode, type Run } from '../../support/child';
import { compiledRoot } from '../../support/repo';
import { call } from './support';

const CLI = join(compiledRoot, 'paper', 'cli.js');

function run(args: string[]): Run {
	return runNode(CLI, args);
}

describe('kraken-futures-paper CLI', () => {
	it('prints one JSON line once listening, serves requests, and exits 0 on SIGTERM', async () => {
		const secret = Buffer.alloc(64, 1).toString('base64');
		const runner = run(['--port', '0', '--api-key', 'cli-key', '--api-secret', secret, '--seed', '4']);
		try {
			const info = JSON.parse(await firstLine(runner)) as Record<string, string>;
			assert.deepEqual(Object.keys(info), [
				'restUrl',
				'wsUrl',
				'apiKey',
				'apiSecret',
				'uwsPublicUrl',
				'uwsPrivateUrl',
				'spotRestUrl',
				'spotApiKey',
				'spotApiSecret',
			]);
			assert.match(info.restUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
			assert.equal(info.wsUrl, `${info.restUrl.replace('http', 'ws')}/ws/v1`);
			assert.equal(info.apiKey, 'cli-key');
			assert.equal(info.apiSecret, secret);
			const tickers = await call(info.restUrl, '/derivatives/api/v3/tickers');
			assert.equal(tickers.json().result, 'success');
			const accounts = await call(info.restUrl, '/derivatives/api/v3/accounts', {
				sign: { apiKey: info.apiKey, apiSecret: info.apiSecret },
			});
			assert.equal(accounts.json().result, 'success');
			runner.child.kill('SIGTERM');
			assert.equal(await runner.exit, 0);
			assert.equal(runner.stdout().trim().split('\n').length, 1, runner.stdout());
		} finally {
			runner.child.kill('SIGKILL');
		}
	});

	it('stops on SIGINT too', async () => {
		const runner = run(['--port', '0']);
		try {
			const info = JSON.parse(await firstLine(runner)) as Record<string, string>;
			assert.ok(info.apiKey.length > 0 && info.apiSecret.length > 0);
			runner.child.kill('SIGINT');
			assert.equal(await runner.exit, 0);
		} finally {
			runner.child.kill('SIGKILL');
		}
	});

	it('prints usage for --help', async () => {
		const runner = run(['--help']);
		assert.equal(await runner.exit, 0);
		assert.match(runner.stdout(), /^Usage: kraken-futures-paper/);
		assert.match(runner.stdout(), /--port/);
	});

	for (const args of [
		['--bogus'],
		['--port', 'eighty'],
		['--port', '70000'],
		['--api-key', 'k'],
		['--speed', '-1'],
		['extra'],
	]) {
		it(`refuses ${args.join(' ')} with exit code 2 and a message`, async () => {
			const runner = run(args);
			assert.equal(await runner.exit, 2);
			assert.equal(runner.stdout(), '');
			assert.match(
				runner.stderr(),
				/^kraken-futures-paper: [^\n]+\n(?:[^\n]*\n)*Run with --help for usage\.\n$/,
			);
		});
	}
});
