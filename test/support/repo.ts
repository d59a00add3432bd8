import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is this package's. */
function findRepoRoot(start: string): string {
	let dir = start;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
			if (name === '@perpflow/n8n-nodes-kraken-futures') return dir;
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`no package root above ${start}`);
		dir = parent;
	}
}

export const repoRoot = findRepoRoot(__dirname);

/** The compiled tree this test runs from (dist/ in CI; a private outDir while developing). */
export const compiledRoot = join(__dirname, '..', '..');
