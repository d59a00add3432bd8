// Records the Unified WebSocket fixtures under test/fixtures/uws/ from the paper exchange, with the probe
// CLI users run against Kraken: the same file format, so the parsers' tests read either. Run after a build.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { startPaperExchange } = require(join(root, 'dist/paper/server.js'));

const out = join(root, 'test/fixtures/uws/paper-session.jsonl');
mkdirSync(dirname(out), { recursive: true });
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
	// While the probe holds its private subscriptions (after the 2 s public part), the account trades, so the
	// file also carries order, fill, position, balance, margin and ledger updates.
	const activity = setTimeout(() => {
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
	}, 3_500);
	const code = await new Promise((resolve) => probe.once('exit', resolve));
	clearTimeout(activity);
	if (code !== 0) throw new Error(`the probe exited with ${code}`);
} finally {
	await server.stop();
}
