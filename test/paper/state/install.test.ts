import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { compiledRoot } from '../../support/repo';
import { scratchFolder } from './support';

const PROCESS = join(compiledRoot, 'test', 'paper', 'state', 'fixtures', 'install-process.js');

type State = Record<string, unknown> & { pid: number; ownerPid: number; restUrl: string };

/** A process of the install, driven over IPC. */
class InstallProcess {
	private next = 0;

	private constructor(readonly child: ChildProcess) {}

	static async start(userFolder: string): Promise<InstallProcess> {
		// Several processes of one install: only real child processes can show it.
		const child = fork(PROCESS, [], {
			env: { ...process.env, N8N_USER_FOLDER: userFolder },
			stdio: 'inherit',
		});
		await once(child, 'message');
		return new InstallProcess(child);
	}

	ask(action: 'place' | 'look', cliOrdId = ''): Promise<State> {
		const id = ++this.next;
		return new Promise((resolve, reject) => {
			const listener = (message: { id: number; state?: State; error?: string }) => {
				if (message.id !== id) return;
				this.child.off('message', listener);
				if (message.error !== undefined) reject(new Error(message.error));
				else resolve(message.state!);
			};
			this.child.on('message', listener);
			this.child.send({ id, action, cliOrdId });
		});
	}

	async end(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
		const exited = once(this.child, 'exit');
		this.child.kill(signal);
		await exited;
	}
}

/** What the account owns, without who answered. */
const owned = ({ positions, openOrders, fills, balance }: State) => ({
	positions,
	openOrders,
	fills,
	balance,
});

/** What `successor` sees once it runs the exchange itself. */
async function takenOverBy(successor: InstallProcess): Promise<State> {
	// A safety net only: the takeover normally happens within about a second.
	const deadline = Date.now() + 30_000;
	for (;;) {
		const seen: State | undefined = await successor.ask('look').catch(() => undefined);
		if (seen !== undefined && seen.ownerPid === successor.child.pid) return seen;
		if (Date.now() > deadline) throw new Error(`process ${successor.child.pid} did not take over`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

describe('one paper account per install, shared by its processes', () => {
	const scratch = scratchFolder('kf-install');
	const processes: InstallProcess[] = [];
	after(() => {
		for (const running of processes) running.child.kill('SIGKILL');
		scratch.remove();
	});
	const start = async (): Promise<InstallProcess> => {
		const started = await InstallProcess.start(scratch.folder);
		processes.push(started);
		return started;
	};

	it('lets the second process use the first one’s exchange, and take it over when the first ends', async () => {
		const first = await start();
		const placedByFirst = await first.ask('place', 'first');
		assert.equal(placedByFirst.ownerPid, first.child.pid);
		assert.equal(placedByFirst.statePath, join(scratch.folder, '.n8n', 'kraken-futures-paper', 'state.json'));

		const second = await start();
		const seenBySecond = await second.ask('look');
		assert.equal(seenBySecond.ownerPid, first.child.pid, 'the second process connects instead of starting');
		assert.equal(seenBySecond.restUrl, placedByFirst.restUrl);
		assert.deepEqual(owned(seenBySecond), owned(placedByFirst));

		const placedBySecond = await second.ask('place', 'second');
		assert.equal((placedBySecond.fills as unknown[]).length, 2);
		assert.deepEqual(owned(await first.ask('look')), owned(placedBySecond), 'one account for both');

		await first.end('SIGTERM');
		const afterTakeover = await takenOverBy(second);
		assert.equal(
			afterTakeover.restUrl,
			placedBySecond.restUrl,
			'on the same port, so connections keep working',
		);
		assert.deepEqual(owned(afterTakeover), owned(placedBySecond));

		// A third process joins, the owner is killed outright (after its last save), and the third takes over.
		const third = await start();
		assert.equal((await third.ask('look')).ownerPid, second.child.pid);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		await second.end('SIGKILL');
		assert.deepEqual(owned(await takenOverBy(third)), owned(placedBySecond));
	});
});
