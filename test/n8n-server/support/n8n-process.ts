import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The n8n app installed by scripts/ensure-n8n.mjs (a cache outside the work tree) and the Node 24
 * it needs. The suite's script passes both in the environment; the defaults match that script.
 */
export interface N8nInstall {
	dir: string;
	node: string;
}

export function n8nInstall(): N8nInstall {
	const dir = process.env.PERPFLOW_N8N_DIR;
	if (dir === undefined || !existsSync(join(dir, 'node_modules', 'n8n', 'bin', 'n8n'))) {
		throw new Error('PERPFLOW_N8N_DIR must name an n8n install: run `npm run test:n8n-server`');
	}
	return { dir, node: process.env.PERPFLOW_NODE24 ?? process.execPath };
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** One n8n instance's folder and environment: loopback only, nothing phoning home. */
export interface N8nHome {
	userFolder: string;
	nodesDir: string;
	env: NodeJS.ProcessEnv;
	remove(): void;
}

export async function createN8nHome(): Promise<N8nHome> {
	const userFolder = mkdtempSync(join(tmpdir(), 'kraken-n8n-server-'));
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const port = await freePort();
	const brokerPort = await freePort();
	const env: NodeJS.ProcessEnv = {
		PATH: `${dirname(n8nInstall().node)}:${process.env.PATH ?? ''}`,
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'warn',
		DB_SQLITE_POOL_SIZE: '2',
		TZ: 'UTC',
	};
	return { userFolder, nodesDir, env, remove: () => rmSync(userFolder, { recursive: true, force: true }) };
}

/** Runs an n8n CLI command to the end; resolves with its output, rejects with it on a non-zero exit. */
export async function runN8nCli(home: N8nHome, args: string[], timeoutMs = 180_000): Promise<string> {
	const { dir, node } = n8nInstall();
	const child = spawn(node, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
		// The CLI reports what it did at the info level.
		env: { ...home.env, N8N_LOG_LEVEL: 'info' },
		cwd: home.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	if (code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${String(code)}:\n${output}`);
	return output;
}

function groupAlive(child: ChildProcess): boolean {
	try {
		process.kill(-child.pid!, 0);
		return true;
	} catch {
		return false;
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		// detached: the child leads its own process group, which also holds n8n's task runner.
		process.kill(-child.pid!, signal);
	} catch {
		// already gone
	}
}

export interface N8nServer {
	baseUrl: string;
	/** Everything n8n printed so far (for failure messages). */
	output(): string;
	stop(): Promise<void>;
}

/** Starts `n8n start` and waits until its REST API answers; stop() ends the whole process group. */
export async function startN8nServer(home: N8nHome, readyTimeoutMs = 240_000): Promise<N8nServer> {
	const { dir, node } = n8nInstall();
	const child = spawn(node, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'], {
		env: home.env,
		cwd: home.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', () => {
			exited = true;
			resolve();
		}),
	);
	const baseUrl = `http://127.0.0.1:${String(home.env.N8N_PORT)}`;
	const server: N8nServer = {
		baseUrl,
		output: () => output,
		async stop() {
			if (!exited) {
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
				await exit;
				clearTimeout(timer);
			}
			// The task runner may outlive its parent for a moment; nothing of the group may stay.
			killGroup(child, 'SIGKILL');
			for (let wait = 0; groupAlive(child) && wait < 50; wait++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			if (groupAlive(child)) throw new Error(`n8n's process group ${child.pid} is still running`);
		},
	};
	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exited) throw new Error(`n8n exited while starting:\n${output}`);
		try {
			// The REST controllers are mounted a moment after the first routes answer: wait for
			// the sign-in check, which says 401 (not 404) once they are.
			const response = await fetch(`${baseUrl}/rest/login`);
			if (response.status === 401 || response.ok) return server;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`n8n did not answer within ${readyTimeoutMs} ms:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
