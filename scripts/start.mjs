// `npm start`: Node-RED on 127.0.0.1 with this package installed, one config node on the bundled paper
// exchange, and every example flow deployed on its own tab. No keys and no internet are needed.
//
//   node scripts/start.mjs [--port <n>] [--user-dir <dir>] [--no-build]
//
// The port defaults to $NODE_RED_PORT, else 1880, else (when 1880 is taken) a free one. The user folder
// defaults to .demo/node-red (git-ignored scratch space). On every start the example tabs are laid out afresh
// from examples/; the user's own tabs, nodes and config nodes in that folder are kept.
import { execFileSync, spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExampleFlows, keepUserFlows } from './demo-flows.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

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

/** The flows saved in the user folder, or none. A file that is not a flow array is set aside, not lost. */
function readUserFlows(file) {
	if (!existsSync(file)) return [];
	try {
		const flows = JSON.parse(readFileSync(file, 'utf8'));
		if (Array.isArray(flows)) return flows;
	} catch {
		// fall through: set the unreadable file aside below
	}
	const aside = `${file}.unreadable-${Date.now()}`;
	renameSync(file, aside);
	console.warn(`${file} was not a Node-RED flow array; it was moved to ${aside}.`);
	return [];
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
	const flowsFile = join(options.userDir, 'flows.json');
	const examples = buildExampleFlows(root);
	const flows = keepUserFlows(readUserFlows(flowsFile), examples);
	writeFileSync(flowsFile, JSON.stringify(flows, null, '\t'));
	const settingsFile = writeSettings(options.userDir);
	const exampleCount = examples.filter((item) => item.type === 'tab').length;

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
