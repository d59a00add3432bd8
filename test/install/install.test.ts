import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';
import { allEditorDefinitions, htmlBeside, nodeRedSets, type EditorDefinition } from './html-definitions';
import { getJson, getText, nodeRedTargets, startNodeRed } from './node-red-process';
import { createUserDir, installTarball, packPackage, type PackedPackage } from './package-tarball';

const PACKAGE_NAME = '@perpflow/n8n-nodes-kraken-futures';

interface NodeSetInfo {
	id: string;
	name: string;
	module: string;
	types: string[];
	enabled: boolean;
	err?: unknown;
}

function exampleFiles(): string[] {
	const folder = join(repoRoot, 'examples');
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));
}

describe('install: the packed tarball in fresh Node-RED user folders', function () {
	this.timeout(60000);

	let workDir: string;
	let packed: PackedPackage;
	let installedUserDir: string;
	let definitions: EditorDefinition[];

	before(function () {
		workDir = mkdtempSync(join(tmpdir(), 'kraken-futures-install-'));
		definitions = allEditorDefinitions();
		packed = packPackage(workDir);
		installedUserDir = createUserDir(join(workDir, 'installed'));
		installTarball(packed.tarball, installedUserDir);
	});

	after(function () {
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	it('ships every Node-RED node with its .html beside its .js, and the example flows', function () {
		const sets = Object.values(nodeRedSets());
		assert.ok(sets.length > 0, 'package.json node-red.nodes lists no nodes');
		for (const jsPath of sets) {
			const path = jsPath.replace(/^\.\//, '');
			assert.ok(packed.files.includes(path), `${path} is not in the tarball`);
			assert.ok(packed.files.includes(htmlBeside(path)), `${htmlBeside(path)} is not in the tarball`);
		}
		const examples = exampleFiles();
		assert.ok(examples.length > 0, 'examples/ holds no flows');
		for (const example of examples)
			assert.ok(packed.files.includes(`examples/${example}`), `examples/${example}`);
		assert.ok(!packed.files.some((file) => file.startsWith('dist/test/')), 'the tarball ships the tests');
	});

	it('installs offline with its production dependencies only', function () {
		const modules = join(installedUserDir, 'node_modules');
		assert.ok(existsSync(join(modules, ...PACKAGE_NAME.split('/'), 'package.json')));
		assert.ok(existsSync(join(modules, 'ws', 'package.json')), 'ws was not installed');
		assert.ok(existsSync(join(modules, 'undici', 'package.json')), 'undici was not installed');
		assert.ok(!existsSync(join(modules, 'n8n-workflow')), 'the optional n8n-workflow peer was installed');
	});

	for (const target of nodeRedTargets()) {
		it(`loads every node in ${target.label}`, async function () {
			const userDir = join(workDir, target.label.replace(/[^a-z0-9]+/gi, '-'));
			cpSync(installedUserDir, userDir, { recursive: true });
			const nodeRed = await startNodeRed(target, userDir);
			try {
				const nodeSets = (await getJson<NodeSetInfo[]>(`${nodeRed.url}/nodes`)).filter(
					(set) => set.module === PACKAGE_NAME,
				);
				const expectedSets = Object.keys(nodeRedSets());
				assert.deepEqual(nodeSets.map((set) => set.name).sort(), [...expectedSets].sort());
				for (const set of nodeSets) {
					assert.equal(set.err, undefined, `${set.id}: ${String(set.err)}`);
					assert.ok(set.types.length > 0, `${set.id} registered no node type`);
					assert.equal(set.enabled, true, `${set.id} is not enabled`);
				}

				const loadedTypes = nodeSets.flatMap((set) => set.types).sort();
				const editorTypes = definitions.map((definition) => definition.type).sort();
				assert.deepEqual(loadedTypes, editorTypes, 'runtime types differ from the editor definitions');
				for (const type of loadedTypes) assert.match(type, /^kraken-futures-/);

				const editorHtml = await getText(`${nodeRed.url}/nodes`, { accept: 'text/html' });
				for (const type of loadedTypes) {
					assert.ok(editorHtml.includes(`data-template-name="${type}"`), `no edit dialog for ${type}`);
					assert.ok(editorHtml.includes(`data-help-name="${type}"`), `no help for ${type}`);
				}

				const offered = JSON.stringify(
					await getJson<unknown>(`${nodeRed.url}/library/examples/flows/${PACKAGE_NAME}`),
				);
				for (const example of exampleFiles()) {
					const name = example
						.replace(/\.json$/, '')
						.split('/')
						.pop()!;
					assert.ok(offered.includes(JSON.stringify(name)), `Import > Examples lacks ${example}: ${offered}`);
				}

				assert.doesNotMatch(nodeRed.output(), /\[error\]/, 'Node-RED logged an error');
			} finally {
				await nodeRed.stop();
			}
		});
	}
});
