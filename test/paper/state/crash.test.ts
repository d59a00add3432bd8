import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPaperExchange } from '../../../paper/server';
import { readStateFile } from '../../../paper/state/state-file';
import { compiledRoot } from '../../support/repo';
import { ownedBy, scratchFolder } from './support';

const WRITER = join(compiledRoot, 'test', 'paper', 'state', 'fixtures', 'trading-writer.js');

/** Runs the trading writer until it has done `rounds` rounds (and so many writes), then kills it with SIGKILL. */
function tradeThenKill(statePath: string, rounds: number): Promise<void> {
	const child = spawn(process.execPath, [WRITER, statePath], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve, reject) => {
		child.once('exit', (code, signal) => {
			if (signal === 'SIGKILL') resolve();
			else reject(new Error(`writer exited by itself (${code}): ${stderr}`));
		});
		child.stdout!.on('data', (chunk: Buffer) => {
			const last = /round (\d+)\n$/.exec(chunk.toString());
			if (last !== null && Number(last[1]) >= rounds) child.kill('SIGKILL');
		});
	});
}

describe('paper exchange state file after SIGKILL mid-write', () => {
	const scratch = scratchFolder('kf-paper-crash');
	after(() => scratch.remove());

	it('always leaves a file that loads, and a new exchange takes the file over', async () => {
		const statePath = join(scratch.folder, 'state.json');
		const fillCounts: number[] = [];
		const openOrderCounts: number[] = [];
		let killedMidWrite = 0;
		const rounds = [40, 7, 120, 23, 75, 11, 60, 90, 5, 150];
		// At least five kills, and on until one of them has hit a write under way (a temporary left behind).
		for (let run = 0; run < rounds.length && (run < 5 || killedMidWrite === 0); run++) {
			await tradeThenKill(statePath, rounds[run]);
			if (readdirSync(scratch.folder).some((name) => name.endsWith('.tmp'))) killedMidWrite += 1;
			const saved = readStateFile(statePath);
			assert.ok(saved !== undefined, 'the state file exists');
			const [account] = saved.accounts;
			fillCounts.push(account.fills.length);
			openOrderCounts.push(account.openOrders.length);
		}
		assert.ok(killedMidWrite > 0, 'no kill landed in the middle of a write');
		// Every killed writer had saved something, and each run continued from the last one's accounts.
		assert.ok(
			fillCounts.every((count) => count > 0),
			`fills per run: ${fillCounts.join(', ')}`,
		);
		for (let run = 1; run < openOrderCounts.length; run++) {
			assert.ok(
				openOrderCounts[run] >= openOrderCounts[run - 1],
				`open orders per run: ${openOrderCounts.join(', ')}`,
			);
		}
		assert.ok(
			openOrderCounts.at(-1)! > openOrderCounts[0],
			`open orders per run: ${openOrderCounts.join(', ')}`,
		);
		// The killed writer's lock is stale: a new exchange takes over, cleans up and has the same account.
		const server = await startPaperExchange({ statePath, clock: false });
		try {
			const owned = ownedBy(server);
			assert.equal((owned.openOrders as unknown[]).length, openOrderCounts.at(-1));
			const ids = (owned.fills as { fill_id: string }[]).map((fill) => fill.fill_id);
			assert.equal(new Set(ids).size, ids.length, 'no fill id twice');
			assert.deepEqual(
				readdirSync(scratch.folder).filter((name) => name.endsWith('.tmp')),
				[],
				'half-written temporaries are removed',
			);
		} finally {
			await server.stop();
		}
	});
});
