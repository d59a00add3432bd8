// `npm run bench`: builds (unless told where an existing build is), then runs the compiled
// benchmarks. Arguments go to the benchmark runner, e.g. `npm run bench -- --events=2000 --only=signing`.
// `--out=<dir>` compiles into that folder with tsc instead of the full build into dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outArg = args.find((arg) => arg.startsWith('--out='));
const noBuild = args.includes('--no-build');
const passOn = args.filter((arg) => arg !== outArg && arg !== '--no-build');

const ASSET = /\.(html|svg|png|json)$/;
function copyAssets(dir, outDir) {
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) copyAssets(path, outDir);
		else if (ASSET.test(name)) cpSync(path, join(outDir, relative(root, path)));
	}
}

let outDir = join(root, 'dist');
try {
	if (outArg !== undefined) {
		outDir = resolve(root, outArg.slice('--out='.length));
		if (!noBuild) {
			// tsc still emits when some file has a type error; a private build goes on regardless.
			try {
				execFileSync(
					process.execPath,
					[require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', outDir],
					{ stdio: 'inherit', cwd: root },
				);
			} catch {
				console.warn(`tsc reported errors; benchmarking what it emitted into ${outDir}`);
			}
			for (const folder of ['nodes', 'credentials', 'icons', 'paper']) copyAssets(join(root, folder), outDir);
		}
	} else if (!noBuild) {
		execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
	}
	execFileSync(process.execPath, ['--expose-gc', join(outDir, 'bench', 'run.js'), ...passOn], {
		stdio: 'inherit',
		cwd: root,
	});
} catch (error) {
	process.exitCode = typeof error.status === 'number' ? error.status : 1;
}
