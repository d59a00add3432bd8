import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';
import { getJson, stopChild } from '../install/node-red-process';
import { exitCodeWithin, startDemoProcess } from './demo-process';

interface FlowNode {
	id: string;
	type: string;
	z?: string;
	account?: string;
	environment?: string;
	api?: string;
}

const PAPER_CONFIG_ID = 'kraken-futures-paper';

function exampleFlows(): { file: string; nodes: FlowNode[] }[] {
	const folder = join(repoRoot, 'examples');
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.json'))
		.map((file) => ({ file, nodes: JSON.parse(readFileSync(join(folder, file), 'utf8')) as FlowNode[] }));
}

describe('npm start: Node-RED with the examples on the paper exchange', function () {
	this.timeout(60000);

	let userDir: string;
	let child: ChildProcess;
	let editorUrl: string;
	let output = () => '';

	async function startDemo(): Promise<void> {
		const demo = await startDemoProcess(userDir);
		child = demo.child;
		editorUrl = demo.editorUrl;
		output = demo.output;
	}

	before(async function () {
		userDir = mkdtempSync(join(tmpdir(), 'kraken-futures-start-'));
		await startDemo();
	});

	after(async function () {
		if (child) await stopChild(child, 10000);
		if (userDir) rmSync(userDir, { recursive: true, force: true });
	});

	it('deploys every example on its own tab, wired to one paper config node', async function () {
		const flows = await getJson<FlowNode[]>(`${editorUrl}/flows`);
		const examples = exampleFlows();
		assert.ok(examples.length > 0, 'examples/ holds no flows');

		const configs = flows.filter((node) => node.type === 'kraken-futures-config');
		assert.equal(configs.length, 1, 'expected exactly one kraken-futures-config node');
		assert.equal(configs[0].id, PAPER_CONFIG_ID);
		assert.equal(configs[0].environment, 'paper');
		assert.equal(configs[0].api, 'unified', 'the demo runs on the Unified WebSocket');

		const tabs = flows.filter((node) => node.type === 'tab');
		const exampleTabs = examples.reduce(
			(count, example) => count + Math.max(1, example.nodes.filter((node) => node.type === 'tab').length),
			0,
		);
		assert.equal(tabs.length, exampleTabs, 'one tab per example file');

		const tabIds = new Set(tabs.map((tab) => tab.id));
		for (const example of examples) {
			for (const type of new Set(example.nodes.map((node) => node.type))) {
				if (type === 'kraken-futures-config' || type === 'tab') continue;
				assert.ok(
					flows.some((node) => node.type === type),
					`${type} from examples/${example.file} was not deployed`,
				);
			}
		}
		for (const node of flows.filter(
			(item) => item.type.startsWith('kraken-futures-') && item.z !== undefined,
		)) {
			assert.ok(tabIds.has(node.z!), `${node.type} ${node.id} sits on no tab`);
			if (node.account !== undefined)
				assert.equal(node.account, PAPER_CONFIG_ID, `${node.id} uses another account`);
		}
		assert.ok(!existsSync(join(userDir, 'flows_cred.json')), 'npm start stored credentials');
	});

	it('lists every node of this package in the palette', async function () {
		const sets = await getJson<{ module?: string; types: string[]; err?: unknown }[]>(`${editorUrl}/nodes`);
		const ours = sets.filter((set) => set.module === '@perpflow/n8n-nodes-kraken-futures');
		const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
			'node-red': { nodes: Record<string, string> };
		};
		assert.equal(ours.length, Object.keys(manifest['node-red'].nodes).length);
		for (const set of ours) assert.equal(set.err, undefined, String(set.err));
	});

	it('reaches the paper exchange through the deployed config node', async function () {
		const { symbols } = await getJson<{ symbols: string[] }>(
			`${editorUrl}/kraken-futures-config/symbols?id=${PAPER_CONFIG_ID}`,
		);
		assert.ok(symbols.length > 0, 'the paper exchange listed no instruments');
		assert.ok(
			symbols.every((symbol) => /^(PF|PI|FF|FI)_/.test(symbol)),
			symbols.join(','),
		);

		const response = await fetch(`${editorUrl}/kraken-futures-config/test-connection`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: PAPER_CONFIG_ID, environment: 'paper' }),
		});
		const result = (await response.json()) as { ok: boolean; message?: string; reason?: string };
		assert.equal(result.ok, true, result.reason);
	});

	it('stops cleanly on Ctrl-C (SIGINT) and frees its port', async function () {
		child.kill('SIGINT');
		const code = await exitCodeWithin(child, 20000);
		assert.equal(code, 0, 'npm start did not exit cleanly after SIGINT');
		await assert.rejects(fetch(`${editorUrl}/flows`), 'Node-RED still answers after npm start exited');
		const errors = output()
			.split('\n')
			.filter((line) => /\[error\]/.test(line));
		assert.deepEqual(errors, [], 'the demo flows logged errors');
	});

	it("keeps the user's own tabs, nodes and config nodes when started again", async function () {
		const flowsFile = join(userDir, 'flows.json');
		const saved = JSON.parse(readFileSync(flowsFile, 'utf8')) as FlowNode[];
		const exampleTab = saved.find((node) => node.type === 'tab')!;
		const demoConfig = saved.find((node) => node.id === PAPER_CONFIG_ID)!;
		const userNodes: FlowNode[] = [
			{ id: 'user-tab', type: 'tab', label: 'My strategy' } as FlowNode,
			{
				id: 'user-comment',
				type: 'comment',
				z: 'user-tab',
				name: 'mine',
				x: 100,
				y: 40,
				wires: [],
			} as FlowNode,
			{
				id: 'user-note',
				type: 'comment',
				z: exampleTab.id,
				name: 'my note',
				x: 100,
				y: 400,
				wires: [],
			} as FlowNode,
			{
				id: 'user-config',
				type: 'kraken-futures-config',
				environment: 'custom',
				restUrl: 'http://127.0.0.1:9',
				wsUrl: 'ws://127.0.0.1:9',
			} as FlowNode,
		];
		// The user also pointed the demo's own config node at production: a restart puts it back on paper.
		const edited = saved.map((node) =>
			node.id === demoConfig.id ? { ...node, environment: 'production' } : node,
		);
		writeFileSync(flowsFile, JSON.stringify([...edited, ...userNodes]));
		await startDemo();
		const flows = await getJson<FlowNode[]>(`${editorUrl}/flows`);
		for (const node of userNodes)
			assert.ok(
				flows.some((item) => item.id === node.id),
				`${node.id} was removed`,
			);
		assert.equal(flows.find((node) => node.id === PAPER_CONFIG_ID)?.environment, 'paper');
		const ids = flows.map((node) => node.id);
		assert.equal(new Set(ids).size, ids.length, 'no node twice');
		assert.equal(
			flows.filter((node) => node.type === 'tab').length,
			saved.filter((node) => node.type === 'tab').length + 1,
		);
		child.kill('SIGINT');
		assert.equal(await exitCodeWithin(child, 20000), 0);
	});
});
