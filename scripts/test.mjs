// The whole suite: build (which type-checks), lint, then every mocha spec.
// Extra arguments go to mocha, e.g. `npm test -- --grep signing`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root });

try {
	// The editor tests drive Debian's Chromium; the script installs it when it is missing.
	if (existsSync(`${root}/scripts/ensure-chromium.sh`)) {
		execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit', cwd: root });
	}
	run(['scripts/build.mjs']);
	run([require.resolve('eslint/bin/eslint.js'), '.']);
	run([require.resolve('prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);
	run([require.resolve('mocha/bin/mocha.js'), ...process.argv.slice(2)]);
} catch (error) {
	process.exitCode = typeof error.status === 'number' ? error.status : 1;
}
