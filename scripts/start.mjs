// `npm start`: Node-RED on 127.0.0.1 with this package installed, one config node on the bundled paper
// exchange, and every example flow deployed on its own tab. No keys and no internet are needed.
//
//   node scripts/start.mjs [--port <n>] [--user-dir <dir>] [--no-build]
//
// The port defaults to $NODE_RED_PORT, else 1880, else (when 1880 is taken) a free one. The user folder
// defaults to .demo/node-red (git-ignored scratch space; its flows are rebuilt from examples/ on every start).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const CONFIG_TYPE = 'kraken-futures-config';
const PAPER_CONFIG_ID = 'kraken-futures-paper';

function parseOptions(argv) {
	const options = { port: process.env.NODE_RED_PORT, userDir: join(root, '.demo', 'node-red'), build: true };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split(/=(.*)/s);
		const value = () => inline ?? argv[++index];
		if (flag === '--port') options.port = value();
		else if (flag === '--user-dir') options.userDir = value();
		else if (flag === '--no-build') options.build = false;
		else throw new Error(`unknown option ${argv[index]} (use --port <n>, --user-dir <dir>, --no-build)`);
	}
	if (options.port !== undefined && !/^\d+$/.test(String(options.port))) {
		throw new Error(`--port must be a number, got ${options.port}`);
	}
	return options;
}

function newestMtime(path, pattern) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return pattern.test(path) ? stat.mtimeMs : 0;
	return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name), pattern)));
}

function oldestMtime(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.min(Infinity, ...readdirSync(path).map((name) => oldestMtime(join(path, name))));
}

/** dist/ is stale when a node or the paper exchange is missing, or a source is newer than the build. */
function needsBuild() {
	const outputs = [...Object.values(manifest['node-red']?.nodes ?? {}), 'dist/paper/server.js'];
	if (outputs.some((file) => !existsSync(join(root, file)))) return true;
	const built = Math.min(
		...['core', 'paper', 'nodes'].map((folder) => oldestMtime(join(root, 'dist', folder))),
	);
	const sources = ['core', 'paper', 'nodes', 'credentials', 'icons', 'tsconfig.json'].map((folder) =>
		newestMtime(join(root, folder), /\.(ts|html|json|svg|png)$/),
	);
	return Math.max(...sources) > built;
}

/** The Node the user ran npm with (npm puts node_modules/.bin, which holds a Node 24, first on PATH). */
function userNode() {
	const binary = process.env.npm_node_execpath || process.execPath;
	const [major, minor] = execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' })
		.trim()
		.split('.')
		.map(Number);
	const nodeRed5 = major > 22 || (major === 22 && minor >= 9);
	return {
		binary,
		version: `${major}.${minor}`,
		nodeRedDir: join(root, 'node_modules', nodeRed5 ? 'node-red-5' : 'node-red'),
	};
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** Links this repository into the user folder, as `npm install <path>` would. */
function installPackage(userDir) {
	const target = join(userDir, 'node_modules', ...manifest.name.split('/'));
	mkdirSync(dirname(target), { recursive: true });
	rmSync(target, { recursive: true, force: true });
	symlinkSync(relative(dirname(target), root) || '.', target, 'junction');
	const project = {
		name: 'kraken-futures-demo',
		private: true,
		dependencies: { [manifest.name]: `file:${root}` },
	};
	writeFileSync(join(userDir, 'package.json'), JSON.stringify(project, null, '\t'));
}

function exampleFiles(folder = join(root, 'examples')) {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.json'))
		.sort();
}

function tabLabel(file) {
	const words = file
		.replace(/\.json$/, '')
		.split(sep)
		.join(' / ')
		.replace(/[-_]+/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Replaces every string equal to a key of `ids` anywhere in `value`. */
function rewriteIds(value, ids) {
	if (typeof value === 'string') return ids.get(value) ?? value;
	if (Array.isArray(value)) return value.map((item) => rewriteIds(item, ids));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteIds(item, ids)]));
	}
	return value;
}

/**
 * One flows file from every example: each file on its own tab, ids made unique per file, and every
 * reference to a kraken-futures-config node pointed at the one paper config node.
 */
function buildFlows() {
	const flows = [];
	let configTemplate = {};
	for (const file of exampleFiles()) {
		const nodes = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8'));
		if (!Array.isArray(nodes)) throw new Error(`examples/${file} is not a Node-RED flow array`);
		const unique = (id) => createHash('sha256').update(`${file}\0${id}`).digest('hex').slice(0, 16);
		const ids = new Map(nodes.map((node) => [node.id, unique(node.id)]));
		for (const node of nodes) {
			if (node.type !== CONFIG_TYPE) continue;
			ids.set(node.id, PAPER_CONFIG_ID);
			configTemplate = { ...node, ...configTemplate };
		}
		const tabs = nodes.filter((node) => node.type === 'tab');
		const ownTab = { id: unique('tab'), type: 'tab', label: tabLabel(file), disabled: false, info: '' };
		if (tabs.length === 0) flows.push(ownTab);
		const containers = new Set(
			nodes.filter((node) => /^(tab|subflow)$/.test(node.type)).map((node) => node.id),
		);
		const homeTab = tabs.length === 0 ? ownTab.id : ids.get(tabs[0].id);
		for (const node of nodes) {
			if (node.type === CONFIG_TYPE) continue;
			const placed = 'x' in node || 'wires' in node || 'z' in node;
			const rewritten = rewriteIds(node, ids);
			if (placed && !containers.has(node.z)) rewritten.z = homeTab;
			flows.push(rewritten);
		}
	}
	const { x, y, z, ...configDefaults } = configTemplate;
	flows.push({
		...configDefaults,
		id: PAPER_CONFIG_ID,
		type: CONFIG_TYPE,
		name: 'Paper exchange',
		environment: 'paper',
		api: 'unified',
	});
	return flows;
}

function writeSettings(userDir) {
	const settings = {
		uiHost: '127.0.0.1',
		flowFile: 'flows.json',
		flowFilePretty: true,
		telemetry: { enabled: false },
		editorTheme: {
			tours: false,
			projects: { enabled: false },
			// No palette catalogue: it lives on catalogue.nodered.org, and the demo stays off the internet.
			palette: { catalogues: [] },
			page: { title: 'Kraken Futures · paper exchange' },
			header: { title: 'Kraken Futures · paper exchange' },
		},
		logging: { console: { level: 'info', metrics: false, audit: false } },
	};
	const file = join(userDir, 'settings.js');
	writeFileSync(file, `module.exports = ${JSON.stringify(settings, null, '\t')};\n`);
	return file;
}

const LISTENING = /Server now running at (http:\/\/[^\s]+?)\/?\s*$/m;
// The URL is announced once the flows are up (or stuck), so that the editor opens on deployed flows.
const FLOWS_SETTLED = /Started flows|Waiting for missing types|Error loading flows|Failed to start/;

async function main() {
	const options = parseOptions(process.argv.slice(2));
	if (options.build && needsBuild()) {
		console.log('Building dist/ ...');
		execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
	}
	const node = userNode();
	const port = options.port ?? ((await portIsFree(1880)) ? 1880 : 0);

	mkdirSync(options.userDir, { recursive: true });
	installPackage(options.userDir);
	const flows = buildFlows();
	writeFileSync(join(options.userDir, 'flows.json'), JSON.stringify(flows, null, '\t'));
	const settingsFile = writeSettings(options.userDir);
	const exampleCount = flows.filter((item) => item.type === 'tab').length;

	// Its own process group, so that one Ctrl-C stops Node-RED once, through us.
	const child = spawn(
		node.binary,
		[
			join(node.nodeRedDir, 'red.js'),
			'--userDir',
			options.userDir,
			'--settings',
			settingsFile,
			'--port',
			String(port),
		],
		{ cwd: options.userDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const killChild = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
	process.on('exit', killChild);

	let announced = false;
	let log = '';
	const relay = (stream) => (chunk) => {
		stream.write(chunk);
		if (announced) return;
		log += chunk.toString();
		const match = LISTENING.exec(log);
		if (!match || !FLOWS_SETTLED.test(log)) return;
		announced = true;
		console.log(
			`\nKraken Futures on the paper exchange (Node ${node.version}, ${basename(node.nodeRedDir)}, ` +
				`${exampleCount} example flows)\nNode-RED editor: ${match[1]}/\nPress Ctrl-C to stop.\n`,
		);
	};
	child.stdout.on('data', relay(process.stdout));
	child.stderr.on('data', relay(process.stderr));

	let stopping = false;
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\nStopping Node-RED (${signal}) ...`);
		child.kill('SIGINT');
		setTimeout(killChild, 10000).unref();
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

	child.on('exit', (code, signal) => {
		process.exitCode = stopping ? 0 : (code ?? (signal ? 1 : 0));
		if (!stopping) console.error(`Node-RED exited (${signal ?? code}).`);
		process.exit();
	});
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
