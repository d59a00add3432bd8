// Compiles the TypeScript tree into dist/ and copies what tsc does not: Node-RED editor files
// (.html, locales), icons, and n8n codex files, each beside its compiled .js.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
	stdio: 'inherit',
	cwd: root,
});

const ASSET = /\.(html|svg|png|json)$/;
function copyAssets(dir) {
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) copyAssets(path);
		else if (ASSET.test(name)) cpSync(path, join(dist, relative(root, path)));
	}
}
for (const folder of ['nodes', 'credentials', 'icons', 'paper']) copyAssets(join(root, folder));
