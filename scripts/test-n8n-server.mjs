// The real-server suite: n8n 2.40.7 (installed once into a cache by ensure-n8n.mjs) on Node 24,
// with this package installed from its tarball. Extra arguments go to mocha.
//
//   npm run test:n8n-server              (builds first)
//   npm run test:n8n-server -- --no-build  (dist/ is already built, as in .ci/run)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n, node24 } from './ensure-n8n.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const mochaArgs = args.filter((arg) => arg !== '--no-build');

try {
	const started = Date.now();
	const n8nDir = await ensureN8n();
	process.stdout.write(`n8n install ready in ${Math.round((Date.now() - started) / 1000)} s: ${n8nDir}\n`);
	const { node, bin } = node24();
	const env = {
		...process.env,
		PATH: `${bin}:${process.env.PATH}`,
		PERPFLOW_N8N_DIR: n8nDir,
		PERPFLOW_NODE24: node,
	};
	const run = (file, extra) => execFileSync(node, [file, ...extra], { stdio: 'inherit', cwd: root, env });
	if (build) run(join(root, 'scripts', 'build.mjs'), []);
	run(join(dirname(require.resolve('mocha/package.json')), 'bin', 'mocha.js'), [
		'--no-config',
		'--reporter',
		join(root, 'scripts', 'mocha-reporter.cjs'),
		'--timeout',
		'90000',
		'--exit',
		'--forbid-only',
		'--forbid-pending',
		...mochaArgs,
		'dist/test/n8n-server/**/*.test.js',
	]);
} catch (error) {
	if (typeof error.status !== 'number') console.error(error);
	process.exitCode = typeof error.status === 'number' ? error.status : 1;
}
