import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { compiledRoot } from '../../support/repo';
import { call } from '../server/support';
import { scratchFolder } from './support';

const CLI = join(compiledRoot, 'paper', 'cli.js');

interface Listening {
	child: ChildProcess;
	info: Record<string, string>;
}

/** Starts the CLI and waits for its JSON line (or its exit, for a start that fails). */
async function startCli(args: string[]): Promise<Listening> {
	// The bin, its flags and its exit codes can only be checked in a real child process.
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const [line] = (await Promise.race([
		once(createInterface({ input: child.stdout! }), 'line'),
		once(child, 'exit').then(([code]) => {
			throw new Error(`exited with ${String(code)} before listening`);
		}),
	])) as [string];
	return { child, info: JSON.parse(line) as Record<string, string> };
}

async function exitOf(args: string[]): Promise<{ code: number | null; stderr: string }> {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const [code] = (await once(child, 'exit')) as [number | null];
	return { code, stderr };
}

async function stopCli(running: Listening): Promise<void> {
	running.child.kill('SIGTERM');
	const [code] = (await once(running.child, 'exit')) as [number | null];
	assert.equal(code, 0);
}

function signed(info: Record<string, string>, path: string, body = '') {
	return call(info.restUrl, path, {
		method: body === '' ? 'GET' : 'POST',
		body,
		sign: { apiKey: info.apiKey, apiSecret: info.apiSecret },
	});
}

describe('kraken-futures-paper --state', () => {
	const scratch = scratchFolder('kf-paper-cli');
	const children: ChildProcess[] = [];
	after(() => {
		for (const child of children) child.kill('SIGKILL');
		scratch.remove();
	});
	const start = async (args: string[]): Promise<Listening> => {
		const running = await startCli(args);
		children.push(running.child);
		return running;
	};

	it('keeps the account, keys and port across restarts; --reset and --starting-balance start afresh', async () => {
		const statePath = join(scratch.folder, 'service.json');
		const first = await start(['--state', statePath, '--starting-balance', '5000']);
		assert.equal(first.info.statePath, statePath);
		const sent = await signed(
			first.info,
			'/derivatives/api/v3/sendorder',
			'orderType=mkt&symbol=PF_XBTUSD&side=buy&size=0.01',
		);
		assert.equal((sent.json().sendStatus as { status: string }).status, 'placed');
		const fillsBefore = (await signed(first.info, '/derivatives/api/v3/fills')).json().fills;

		const refused = await exitOf(['--state', statePath]);
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, /is in use by process \d+ at http:\/\/127\.0\.0\.1:\d+/);
		await stopCli(first);

		const second = await start(['--state', statePath]);
		assert.deepEqual(
			[second.info.restUrl, second.info.apiKey, second.info.apiSecret],
			[first.info.restUrl, first.info.apiKey, first.info.apiSecret],
		);
		assert.deepEqual((await signed(second.info, '/derivatives/api/v3/fills')).json().fills, fillsBefore);
		const positions = (await signed(second.info, '/derivatives/api/v3/openpositions')).json().openPositions;
		assert.deepEqual(
			(positions as { symbol: string; size: number }[]).map(({ symbol, size }) => ({ symbol, size })),
			[{ symbol: 'PF_XBTUSD', size: 0.01 }],
		);
		await stopCli(second);

		const reset = await start(['--state', statePath, '--reset']);
		assert.equal(reset.info.apiKey, first.info.apiKey, 'a reset keeps the keys');
		assert.deepEqual(
			(await signed(reset.info, '/derivatives/api/v3/openpositions')).json().openPositions,
			[],
		);
		const accounts = (await signed(reset.info, '/derivatives/api/v3/accounts')).json().accounts as {
			flex: { currencies: { USD: { quantity: number } } };
		};
		assert.equal(accounts.flex.currencies.USD.quantity, 5000, 'the remembered starting balance');
		await stopCli(reset);
	});

	it('refuses --reset without --state and a starting balance that is not a positive number', async () => {
		const noState = await exitOf(['--reset']);
		assert.equal(noState.code, 2);
		assert.match(noState.stderr, /--reset needs --state <file>/);
		const badBalance = await exitOf(['--starting-balance', 'lots']);
		assert.equal(badBalance.code, 2);
		assert.match(badBalance.stderr, /--starting-balance must be a positive number/);
	});
});
