import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

export interface PackedPackage {
	tarball: string;
	/** Paths inside the tarball, relative to the package root. */
	files: string[];
}

function npm(args: string[], cwd: string): string {
	return execFileSync('npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, npm_config_update_notifier: 'false' },
		timeout: 60000,
	});
}

/** `npm pack` of the repository (which must already be built) into `destination`. */
export function packPackage(destination: string): PackedPackage {
	const output = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], repoRoot);
	const [info] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
	return { tarball: join(destination, info.filename), files: info.files.map((file) => file.path) };
}

/** A fresh Node-RED user folder, as `node-red` creates it on first start. */
export function createUserDir(path: string): string {
	mkdirSync(path, { recursive: true });
	writeFileSync(
		join(path, 'package.json'),
		JSON.stringify({
			name: 'node-red-project',
			description: 'A Node-RED Project',
			version: '0.0.1',
			private: true,
		}),
	);
	return path;
}

/**
 * Installs the tarball the way Node-RED's palette manager does (production dependencies, engines
 * enforced, no scripts), from the local npm cache: offline first, then preferring the cache.
 */
export function installTarball(tarball: string, userDir: string): void {
	const flags = [
		'install',
		'--ignore-scripts',
		'--omit=dev',
		'--engine-strict',
		'--no-audit',
		'--no-fund',
		'--no-update-notifier',
		'--save',
		'--save-prefix=~',
	];
	try {
		npm([...flags, '--offline', tarball], userDir);
	} catch {
		npm([...flags, '--prefer-offline', tarball], userDir);
	}
}
