import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';
import { allEditorDefinitions, htmlBeside, isConfigDefinition, nodeRedSets } from './html-definitions';
import { packageVersion } from './node-red-process';

// node-red-dev's scorecard, run locally: the real CLI needs catalogue.nodered.org (P08 and N01's
// uniqueness check), so this replicates every check that works from the package alone.

interface SemverApi {
	satisfies(version: string, range: string): boolean;
	minVersion(range: string): { version: string } | null;
	validRange(range: string): string | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver') as SemverApi;

interface Manifest {
	name: string;
	license?: string;
	repository?: unknown;
	bugs?: unknown;
	keywords?: string[];
	engines?: { node?: string };
	'node-red'?: { version?: string; nodes?: Record<string, string> };
}

function readManifest(folder: string): Manifest {
	return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
}

const manifest = readManifest(repoRoot);
const LITERAL_PROPERTIES = ['category', 'color', 'inputs', 'outputs', 'icon'];

function exampleFlows(folder = join(repoRoot, 'examples')): { file: string; nodes: { type?: string }[] }[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.json'))
		.map((name) => ({
			file: name,
			nodes: JSON.parse(readFileSync(join(folder, name), 'utf8')) as { type?: string }[],
		}));
}

describe('scorecard: node-red-dev validate, offline', function () {
	it('P01 declares a license', function () {
		assert.equal(typeof manifest.license, 'string');
		assert.ok(manifest.license!.length > 0);
		assert.ok(existsSync(join(repoRoot, 'LICENSE')), 'no LICENSE file');
	});

	it('P03 declares a repository or a bugs address', function () {
		assert.ok(manifest.repository !== undefined || manifest.bugs !== undefined);
	});

	it('P04 uses a scoped name (required for packages first published after 2022-02-01)', function () {
		assert.match(manifest.name, /^@[a-z0-9-~][a-z0-9-._~]*\/[a-z0-9-~][a-z0-9-._~]*$/);
	});

	it('P05 has the node-red keyword', function () {
		assert.ok(manifest.keywords?.includes('node-red'), 'keywords lack node-red');
	});

	it('P06 node-red.version accepts Node-RED 5 (latest) and 4.1 (maintenance)', function () {
		const range = manifest['node-red']?.version;
		assert.equal(typeof range, 'string', 'node-red.version is missing');
		assert.ok(semver.validRange(range!), `node-red.version ${range} is not a range`);
		for (const folder of ['node-red-5', 'node-red']) {
			const version = packageVersion(folder);
			assert.ok(semver.satisfies(version, range!), `node-red.version ${range} rejects Node-RED ${version}`);
		}
	});

	it("P07 engines.node accepts the minimum Node of Node-RED 5's engines", function () {
		const ours = manifest.engines?.node;
		assert.equal(typeof ours, 'string', 'engines.node is missing');
		const nodeRed5 = readManifest(join(repoRoot, 'node_modules', 'node-red-5'));
		const minimum = semver.minVersion(nodeRed5.engines!.node!);
		assert.ok(minimum, 'node-red 5 declares no Node range');
		assert.ok(
			semver.satisfies(minimum.version, ours!),
			`engines.node ${ours} rejects Node ${minimum.version}`,
		);
	});

	it('N01 each node has its .html beside its .js with literal editor definitions', function () {
		const sets = nodeRedSets();
		assert.ok(Object.keys(sets).length > 0, 'package.json node-red.nodes lists no nodes');
		for (const jsPath of Object.values(sets)) {
			assert.ok(existsSync(join(repoRoot, jsPath)), `${jsPath} is not built`);
			assert.ok(existsSync(join(repoRoot, htmlBeside(jsPath))), `no ${htmlBeside(jsPath)}`);
		}
		const definitions = allEditorDefinitions();
		assert.ok(definitions.length >= Object.keys(sets).length, 'an .html registers no node type');
		for (const definition of definitions) {
			const where = `${definition.type} (${definition.htmlFile})`;
			const config = isConfigDefinition(definition);
			for (const name of LITERAL_PROPERTIES) {
				const value = definition.properties.get(name);
				if (value === undefined && config && name !== 'category') continue;
				assert.equal(value?.type, 'Literal', `${where}: ${name} must be a literal`);
			}
			assert.equal(
				definition.properties.get('defaults')?.type,
				'ObjectExpression',
				`${where}: inline defaults`,
			);
			const credentials = definition.properties.get('credentials');
			if (credentials) assert.equal(credentials.type, 'ObjectExpression', `${where}: inline credentials`);
		}
	});

	it('N01 node types are unique and carry the kraken-futures- prefix', function () {
		const types = allEditorDefinitions().map((definition) => definition.type);
		assert.equal(new Set(types).size, types.length, `duplicate types in ${types.join(', ')}`);
		for (const type of types) assert.match(type, /^kraken-futures-[a-z0-9-]+$/);
	});

	it('N02 every non-config node appears in an example flow', function () {
		const flows = exampleFlows();
		assert.ok(flows.length > 0, 'examples/ holds no flows');
		const used = new Set(flows.flatMap((flow) => flow.nodes.map((node) => node.type)));
		const missing = allEditorDefinitions()
			.filter((definition) => !isConfigDefinition(definition))
			.map((definition) => definition.type)
			.filter((type) => !used.has(type));
		assert.deepEqual(missing, [], `node types without an example: ${missing.join(', ')}`);
	});
});
