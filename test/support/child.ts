import { spawn, type ChildProcess } from 'node:child_process';

/** A CLI running in a real child process (bins, stdout contracts and clean exits can only be checked there). */
export interface Run {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exit: Promise<number | null>;
}

export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
	const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** The first stdout line, waiting up to about five seconds for it. */
export async function firstLine(runner: Run): Promise<string> {
	for (let i = 0; i < 200; i++) {
		const newline = runner.stdout().indexOf('\n');
		if (newline !== -1) return runner.stdout().slice(0, newline);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`no line on stdout; stderr: ${runner.stderr()}`);
}
