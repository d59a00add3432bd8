import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startPaperExchange } from '../../../paper/server';
import { compiledRoot } from '../../support/repo';

const SERVER = join(compiledRoot, 'paper', 'server.js');

/**
 * Runs in a child process: starts a busy exchange (market clock running, WebSocket subscribers,
 * a request held by a timeout fault, a delayed request), stops it, and then does nothing. The child
 * only exits if stop() left no socket, server or timer behind.
 */
const SCRIPT = `
const { startPaperExchange } = require(${JSON.stringify(SERVER)});
const { WebSocket } = require('ws');
const http = require('node:http');
(async () => {
	const server = await startPaperExchange({ clock: { tickMs: 20 }, heartbeatMs: 20 });
	const ws = new WebSocket(server.wsUrl);
	ws.on('error', () => {});
	await new Promise((resolve) => ws.once('open', resolve));
	ws.send(JSON.stringify({ event: 'subscribe', feed: 'heartbeat' }));
	ws.send(JSON.stringify({ event: 'subscribe', feed: 'ticker', product_ids: ['PF_XBTUSD'] }));
	await new Promise((resolve) => setTimeout(resolve, 100));
	server.faults.failRest('timeout', { path: 'tickers', count: 1 });
	server.faults.delayRest(60_000, { path: 'instruments', count: 1 });
	const url = new URL(server.restUrl);
	for (const path of ['/derivatives/api/v3/tickers', '/derivatives/api/v3/instruments']) {
		const req = http.request({ host: url.hostname, port: url.port, path });
		req.on('error', () => {});
		req.end();
	}
	await new Promise((resolve) => setTimeout(resolve, 100));
	await server.stop();
	process.stdout.write('stopped\\n');
})().catch((error) => {
	process.stderr.write(String(error && error.stack || error));
	process.exitCode = 1;
});
`;

describe('paper exchange lifecycle', () => {
	it('stop() leaves nothing behind: a process that stops a busy exchange exits on its own', async () => {
		// The bin and the clean exit can only be checked in a real child process.
		const child = spawn(process.execPath, ['-e', SCRIPT], {
			cwd: compiledRoot,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
		const code = await exited;
		clearTimeout(timer);
		assert.equal(stdout, 'stopped\n', stderr);
		assert.equal(code, 0, `the process hung after stop() or failed: ${stderr}`);
	});
});

describe('paper exchange reset', () => {
	it('keeps a running market running after reset()', async () => {
		const server = await startPaperExchange({ clock: { tickMs: 10, speed: 60 } });
		try {
			server.reset();
			const before = server.exchange.now();
			await new Promise((resolve) => setTimeout(resolve, 200));
			assert.ok(server.exchange.now() - before >= 1000, 'the market clock stood still after reset()');
		} finally {
			await server.stop();
		}
	});
});
