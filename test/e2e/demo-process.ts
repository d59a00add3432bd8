import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

export function waitForOutput(
	child: ChildProcess,
	pattern: RegExp,
	timeoutMs: number,
): Promise<RegExpExecArray> {
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)),
			timeoutMs,
		);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = pattern.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`npm start exited with ${code}:\n${output}`));
		});
	});
}

/** The exit code, or 'timeout' when the process is still running after `timeoutMs`. */
export function exitCodeWithin(child: ChildProcess, timeoutMs: number): Promise<number | null | 'timeout'> {
	if (child.exitCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve('timeout'), timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

/** `npm start` (scripts/start.mjs) on a user folder, resolved once the editor URL is announced. */
export async function startDemoProcess(
	userDir: string,
): Promise<{ child: ChildProcess; editorUrl: string; output(): string }> {
	// The suites run from a fresh build; --no-build keeps start.mjs from rebuilding dist/ under them.
	const child = spawn(
		process.execPath,
		[join(repoRoot, 'scripts', 'start.mjs'), '--port', '0', '--user-dir', userDir, '--no-build'],
		{
			cwd: repoRoot,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, npm_node_execpath: process.execPath },
		},
	);
	let output = '';
	const collect = (chunk: Buffer) => (output += chunk.toString());
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const match = await waitForOutput(child, /Node-RED editor: (http:\/\/127\.0\.0\.1:\d+)\//, 45000);
	return { child, editorUrl: match[1], output: () => output };
}
