import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaperExchangeServer } from '../../../paper/server';
import { runNode } from '../../support/child';
import { compiledRoot, repoRoot } from '../../support/repo';
import { startUwsExchange } from './support';

const PROBE = join(compiledRoot, 'probe', 'cli.js');
type Line = { at: string; source: string; direction: string; message: Record<string, unknown> };

function readLines(path: string): Line[] {
	return readFileSync(path, 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Line);
}

const incoming = (lines: Line[], source: string) =>
	lines.filter((line) => line.source === source && line.direction === 'in').map((line) => line.message);

describe('kraken-futures-uws-probe against the paper exchange', () => {
	let server: PaperExchangeServer;
	let dir: string;

	before(async () => {
		server = await startUwsExchange({ clock: { tickMs: 200 } });
		dir = mkdtempSync(join(tmpdir(), 'uws-probe-'));
	});
	after(async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	const urls = () => [
		'--public-url',
		server.uwsPublicUrl,
		'--private-url',
		server.uwsPrivateUrl,
		'--rest-url',
		server.spotRestUrl,
	];

	it('records the public channels without a key', async () => {
		const out = join(dir, 'public.jsonl');
		const run = runNode(
			PROBE,
			['--symbols', 'PF_XBTUSD,PF_ETHUSD', '--seconds', '1', '--out', out, ...urls()],
			{
				PATH: process.env.PATH,
			},
		);
		assert.equal(await run.exit, 0, run.stderr());
		assert.match(run.stderr(), /github\.com\/perpflow\/n8n-nodes-kraken-futures\/issues/);
		const lines = readLines(out);
		assert.equal(lines[0].message.event, 'started');
		assert.equal(lines.at(-1)!.message.event, 'finished');
		assert.ok(lines.every((line) => line.source !== 'private' && line.source !== 'rest'));
		const received = incoming(lines, 'public');
		const channels = new Set(received.map((m) => `${m.channel}:${m.type}`));
		for (const wanted of [
			'status:update',
			'instrument:snapshot',
			'ticker:snapshot',
			'book:snapshot',
			'trade:snapshot',
		]) {
			assert.ok(channels.has(wanted), `${wanted} in ${[...channels].join(', ')}`);
		}
		const tickers = received.filter((m) => m.channel === 'ticker' && m.type === 'snapshot');
		assert.deepEqual(tickers.map((m) => (m.data as Record<string, unknown>[])[0].symbol).sort(), [
			'PF_ETHUSD',
			'PF_XBTUSD',
		]);
		assert.ok(received.some((m) => m.method === 'pong'));
	});

	it('with a key from a file: the token call, private snapshots and one validated order, credentials redacted', async () => {
		const out = join(dir, 'private.jsonl');
		const keyFile = join(dir, 'key.json');
		writeFileSync(keyFile, JSON.stringify({ apiKey: server.spotApiKey, apiSecret: server.spotApiSecret }));
		const ordersBefore = server.exchange.inspect().account(server.keys[0].accountId)!.orders.size;
		const run = runNode(PROBE, ['--seconds', '1', '--out', out, '--key-file', keyFile, ...urls()], {
			PATH: process.env.PATH,
		});
		assert.equal(await run.exit, 0, run.stderr());
		const text = readFileSync(out, 'utf8');
		assert.ok(
			!text.includes(server.spotApiKey) && !text.includes(server.spotApiSecret),
			'no credential in the file',
		);
		const lines = readLines(out);
		const token = incoming(lines, 'rest')[0];
		assert.deepEqual(token.error, []);
		assert.equal((token.result as Record<string, unknown>).token, '[redacted]');
		const sentTokens = lines
			.filter((line) => line.source === 'private' && line.direction === 'out')
			.map((line) => (line.message.params as Record<string, unknown>).token);
		assert.ok(sentTokens.length >= 5 && sentTokens.every((value) => value === '[redacted]'));
		const received = incoming(lines, 'private');
		for (const channel of ['executions', 'positions', 'balances']) {
			assert.ok(
				received.some((m) => m.channel === channel && m.type === 'snapshot'),
				channel,
			);
		}
		assert.ok(received.some((m) => m.channel === 'margin' && m.type === 'multi_collateral'));
		const order = lines.find((line) => line.direction === 'out' && line.message.method === 'add_order')!;
		assert.equal((order.message.params as Record<string, unknown>).validate, true);
		const reply = received.find((m) => m.method === 'add_order')!;
		assert.deepEqual([reply.success, reply.result], [true, { order_id: '' }]);
		assert.equal(server.exchange.inspect().account(server.keys[0].accountId)!.orders.size, ordersBefore);
	});

	it('takes the key from the environment, and refuses one on the command line', async () => {
		const out = join(dir, 'env.jsonl');
		const run = runNode(PROBE, ['--seconds', '1', '--no-order', '--out', out, ...urls()], {
			PATH: process.env.PATH,
			KRAKEN_API_KEY: server.spotApiKey,
			KRAKEN_API_SECRET: server.spotApiSecret,
		});
		assert.equal(await run.exit, 0, run.stderr());
		const lines = readLines(out);
		assert.ok(incoming(lines, 'private').some((m) => m.channel === 'executions'));
		assert.ok(!lines.some((line) => line.message.method === 'add_order'));
		const refused = runNode(PROBE, ['--api-secret', 'c2VjcmV0', '--out', join(dir, 'never.jsonl')]);
		assert.equal(await refused.exit, 2);
		assert.match(refused.stderr(), /keys are not taken on the command line/);
		assert.ok(!refused.stderr().includes('c2VjcmV0'));
	});

	it('a wrong key ends with exit 1, a message naming the key Kraken wants, and what was recorded', async () => {
		const out = join(dir, 'refused.jsonl');
		const run = runNode(PROBE, ['--seconds', '1', '--out', out, ...urls()], {
			PATH: process.env.PATH,
			KRAKEN_API_KEY: server.apiKey,
			KRAKEN_API_SECRET: server.apiSecret,
		});
		assert.equal(await run.exit, 1);
		assert.match(
			run.stderr(),
			/EAPI:Invalid key.*Kraken API key with "WebSocket interface" access, not a Futures key/,
		);
		const lines = readLines(out);
		assert.equal(lines.at(-1)!.message.event, 'failed');
		assert.ok(incoming(lines, 'public').length > 0);
	});

	it('the committed fixture is a probe recording of every channel the parsers read', () => {
		const lines = readLines(join(repoRoot, 'test', 'fixtures', 'uws', 'paper-session.jsonl'));
		const seen = new Set(
			lines
				.filter((line) => line.direction === 'in')
				.map((line) => `${line.message.channel}:${line.message.type}`),
		);
		for (const wanted of [
			'ticker:update',
			'book:update',
			'instrument:snapshot',
			'executions:snapshot',
			'executions:update',
			'positions:snapshot',
			'balances:snapshot',
			'margin:multi_collateral',
			'ledgers:update',
		]) {
			assert.ok(seen.has(wanted), wanted);
		}
		const execTypes = new Set(
			lines
				.flatMap((line) =>
					line.message.channel === 'executions' ? (line.message.data as Record<string, unknown>[]) : [],
				)
				.map((item) => item.exec_type),
		);
		for (const type of ['new', 'trade', 'filled', 'amended', 'canceled'])
			assert.ok(execTypes.has(type), type);
	});
});
