import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { compiledRoot, repoRoot } from '../../support/repo';

interface Manifest {
	name: string;
	n8n: { credentials: string[]; nodes: string[] };
}

/** Icons and codex files sit beside the compiled code, as the build puts them (tsc does not copy them). */
const ASSETS = [
	'icons/kraken.svg',
	'icons/kraken.dark.svg',
	'nodes/KrakenFutures/KrakenFutures.node.json',
	'nodes/KrakenFuturesTrigger/KrakenFuturesTrigger.node.json',
];

function ensureAssets(): void {
	for (const asset of ASSETS) {
		const target = join(compiledRoot, asset);
		if (existsSync(target)) continue;
		mkdirSync(dirname(target), { recursive: true });
		cpSync(join(repoRoot, asset), target);
	}
}

export interface PackageDir {
	dir: string;
	manifest: Manifest;
	remove(): void;
}

/**
 * A package directory the way n8n sees an installed community package: the repository's
 * package.json next to `dist/`, which points at the compiled tree under test (dist/ in CI, a
 * private outDir while developing). PackageDirectoryLoader reads the `n8n` paths relative to it.
 */
export function createPackageDir(): PackageDir {
	ensureAssets();
	const dir = mkdtempSync(join(tmpdir(), 'kraken-n8n-'));
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	symlinkSync(compiledRoot, join(dir, 'dist'), 'dir');
	return { dir, manifest, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
