// Records the Unified WebSocket fixtures under test/fixtures/uws/ from the paper exchange, with the probe
// CLI users run against Kraken: the same file format, so the parsers' tests read either. Run after a build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { startPaperExchange } = require(join(root, 'dist/paper/server.js'));

const out = join(root, 'test/fixtures/uws/paper-session.jsonl');
mkdirSync(dirname(out), { recursive: true });
// The last recording goes first: the trading below waits for this one's executions snapshot.
rmSync(out, { force: true });
const server = await startPaperExchange({ seed: 11 });
try {
	// An account with history, so the private snapshots are not empty.
	const account = server.keys[0].accountId;
	const order = (fields) => server.exchange.sendOrder(account, { symbol: 'PF_XBTUSD', ...fields });
	order({ orderType: 'mkt', side: 'buy', size: '0.01', cliOrdId: 'fixture-market' });
	order({ orderType: 'lmt', side: 'buy', size: '0.02', limitPrice: '30000', cliOrdId: 'fixture-resting' });
	order({ orderType: 'stp', side: 'sell', size: '0.01', stopPrice: '30000', cliOrdId: 'fixture-stop' });
	server.exchange.sendOrder(account, { symbol: 'PI_XBTUSD', orderType: 'mkt', side: 'sell', size: '100' });
	const args = ['--symbols', 'PF_XBTUSD,PI_XBTUSD', '--seconds', '2', '--out', out];
	args.push(
		'--public-url',
		server.uwsPublicUrl,
		'--private-url',
		server.uwsPrivateUrl,
		'--rest-url',
		server.spotRestUrl,
	);
	// A child process: the exchange in this process must keep answering while the probe runs.
	const probe = spawn(process.execPath, [join(root, 'dist/probe/cli.js'), ...args], {
		stdio: 'inherit',
		env: { ...process.env, KRAKEN_API_KEY: server.spotApiKey, KRAKEN_API_SECRET: server.spotApiSecret },
	});
	// Once the probe holds its private subscriptions (its file shows the executions snapshot), the account
	// trades, so the file also carries order, fill, position, balance, margin and ledger updates.
	let traded = false;
	const activity = setInterval(() => {
		if (
			traded ||
			!existsSync(out) ||
			!readFileSync(out, 'utf8').includes('"channel":"executions","type":"snapshot"')
		)
			return;
		traded = true;
		order({ orderType: 'mkt', side: 'sell', size: '0.005', cliOrdId: 'fixture-live-fill' });
		const placed = order({
			orderType: 'lmt',
			side: 'sell',
			size: '0.01',
			limitPrice: '90000',
			cliOrdId: 'fixture-live',
		});
		const orderId = placed.sendStatus.order_id;
		server.exchange.editOrder(account, { orderId, limitPrice: '91000' });
		server.exchange.cancelOrder(account, { order_id: orderId });
	}, 100);
	const code = await new Promise((resolve) => probe.once('exit', resolve));
	clearInterval(activity);
	if (!traded) throw new Error('the probe never subscribed executions');
	if (code !== 0) throw new Error(`the probe exited with ${code}`);
} finally {
	await server.stop();
}
