import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { nativeNodeRedTarget, startNodeRed, type RunningNodeRed } from '../install/node-red-process';
import { createLinkedUserDir } from './linked-user-dir';

// bcrypt hashes of 'viewer-password' and 'admin-password' (Node-RED's adminAuth stores only hashes).
const USERS = [
	{
		username: 'viewer',
		password: '$2b$08$HG.LjRDn9RdntAgFsZO.YepHFA/hGwNL9zU3H.aKR5YsWl5oKer1C',
		permissions: 'read',
	},
	{
		username: 'admin',
		password: '$2b$08$vMnz/zXlKl9USHErOwGIA.zcVRcNJkeAYSpNLv9MEHmcmqe9W56ym',
		permissions: '*',
	},
];

/** A loopback HTTP server standing in for an address of an attacker's choice: it records every request. */
async function startTrap(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
	const seen: IncomingHttpHeaders[] = [];
	const server = createServer((request, response) => {
		seen.push(request.headers);
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"result":"success","accounts":{},"instruments":[]}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('Node-RED admin endpoints under adminAuth (real Node-RED runtime)', function () {
	this.timeout(60000);

	let paper: PaperExchangeServer;
	let trap: Awaited<ReturnType<typeof startTrap>>;
	let nodeRed: RunningNodeRed | undefined;
	let userDir: string;
	const tokens: Record<string, string> = {};

	async function call(user: string, method: string, path: string, body?: unknown) {
		const response = await fetch(`${nodeRed!.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${tokens[user]}`,
				'content-type': 'application/json',
				'node-red-deployment-type': 'full',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	}

	before(async function () {
		paper = await startPaperExchange({ port: 0, clock: false, heartbeatMs: 60_000 });
		trap = await startTrap();
		userDir = createLinkedUserDir();
		nodeRed = await startNodeRed(nativeNodeRedTarget(), userDir, 30000, {
			adminAuth: { type: 'credentials', users: USERS },
		});
		for (const [username, password, scope] of [
			['viewer', 'viewer-password', 'read'],
			['admin', 'admin-password', '*'],
		]) {
			const response: Response = await fetch(`${nodeRed.url}/auth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					client_id: 'node-red-admin',
					grant_type: 'password',
					scope,
					username,
					password,
				}),
			});
			assert.equal(response.status, 200, `no token for ${username}`);
			tokens[username] = ((await response.json()) as { access_token: string }).access_token;
		}
		const deployed = await call('admin', 'POST', '/flows', [
			{ id: 'tab', type: 'tab', label: 'test' },
			{
				id: 'cfg',
				type: 'kraken-futures-config',
				name: '',
				environment: 'custom',
				restUrl: paper.restUrl,
				wsUrl: paper.wsUrl,
				useNonce: false,
				credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			},
		]);
		assert.ok(deployed.status < 300, `deploy answered ${deployed.status}`);
		// The deploy answers before the flows have started; the deployed node serves its symbols once it runs.
		const until = Date.now() + 20000;
		while ((await call('viewer', 'GET', '/kraken-futures-config/symbols?id=cfg')).status !== 200) {
			if (Date.now() > until) throw new Error('the deployed config node did not start');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	});

	after(async function () {
		await nodeRed?.stop();
		await paper?.stop();
		trap?.server.close();
		if (userDir) rmSync(userDir, { recursive: true, force: true });
	});

	beforeEach(() => {
		trap.seen.splice(0);
		paper.requests.clear();
	});

	const deployedForm = () => ({
		id: 'cfg',
		environment: 'custom',
		restUrl: paper.restUrl,
		wsUrl: paper.wsUrl,
		apiKey: paper.apiKey,
		apiSecret: '__PWRD__',
	});

	it('tests the deployed node with its stored secret at its own address', async () => {
		const result = await call('admin', 'POST', '/kraken-futures-config/test-connection', deployedForm());
		assert.equal(result.status, 200);
		assert.equal(result.body.ok, true, String(result.body.reason));
	});

	it('never signs with the stored secret for another address: the secret must be typed', async () => {
		const result = await call('admin', 'POST', '/kraken-futures-config/test-connection', {
			...deployedForm(),
			restUrl: trap.url,
			wsUrl: trap.url.replace('http', 'ws'),
		});
		assert.equal(result.body.ok, false);
		assert.match(String(result.body.reason), /Type the API secret again/);
		assert.deepEqual(trap.seen, [], 'nothing reached the other address');
	});

	it('never signs with the stored secret for another environment', async () => {
		const result = await call('admin', 'POST', '/kraken-futures-config/test-connection', {
			...deployedForm(),
			environment: 'production',
		});
		assert.equal(result.body.ok, false);
		assert.match(String(result.body.reason), /Type the API secret again/);
	});

	it('refuses Test connection to a read-only user', async () => {
		const result = await call('viewer', 'POST', '/kraken-futures-config/test-connection', deployedForm());
		assert.equal(result.status, 401);
	});

	it('gives a read-only user the symbols of a deployed node', async () => {
		const result = await call('viewer', 'GET', '/kraken-futures-config/symbols?id=cfg');
		assert.equal(result.status, 200);
		assert.ok((result.body.symbols as string[]).includes('PF_XBTUSD'));
	});

	it('does not let a read-only user make the runtime contact another address or start a paper exchange', async () => {
		const custom = await call(
			'viewer',
			'GET',
			`/kraken-futures-config/symbols?id=new&environment=custom&restUrl=${encodeURIComponent(trap.url)}&wsUrl=${encodeURIComponent(trap.url.replace('http', 'ws'))}`,
		);
		assert.equal(custom.status, 401);
		assert.deepEqual(trap.seen, [], 'nothing reached the other address');
		const paperEnvironment = await call('viewer', 'GET', '/kraken-futures-config/symbols?environment=paper');
		assert.equal(paperEnvironment.status, 401);
	});

	it('lets a user with write permission list symbols for form values no deployed node has', async () => {
		const result = await call(
			'admin',
			'GET',
			`/kraken-futures-config/symbols?id=new&environment=custom&restUrl=${encodeURIComponent(paper.restUrl)}&wsUrl=${encodeURIComponent(paper.wsUrl)}`,
		);
		assert.equal(result.status, 200);
		assert.ok((result.body.symbols as string[]).includes('PF_ETHUSD'));
	});
});
