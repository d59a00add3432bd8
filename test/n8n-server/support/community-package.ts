import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot } from '../../support/repo';
import { n8nInstall, type N8nHome } from './n8n-process';

/** `npm pack` of this repository (dist/ must be built); returns the tarball path and a clean-up. */
export function packThisPackage(): { tarball: string; remove(): void } {
	const folder = mkdtempSync(join(tmpdir(), 'kraken-n8n-pack-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], {
		cwd: repoRoot,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop()!;
	return { tarball: join(folder, name), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Installs the tarball the way n8n 2.40's CommunityPackagesService does (Settings → Community nodes):
 * unpack into <nodes>/node_modules/<name>, drop dev, peer and optional dependencies from its
 * package.json, `npm install` there with n8n's flags, and record it in <nodes>/package.json.
 * n8n-workflow is not installed with it: n8n lends its own to community packages.
 */
export function installAsCommunityPackage(home: N8nHome, tarball: string): { name: string; version: string } {
	const manifest = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	) as Record<string, unknown> & { name: string; version: string };
	const packageDir = join(home.nodesDir, 'node_modules', ...manifest.name.split('/'));
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const {
		devDependencies: _dev,
		peerDependencies: _peer,
		optionalDependencies: _optional,
		...kept
	} = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(kept, null, 2));
	const npmEnv: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${join(n8nInstall().node, '..')}:${process.env.PATH ?? ''}`,
	};
	for (const key of Object.keys(npmEnv)) if (key.startsWith('npm_config_')) delete npmEnv[key];
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env: npmEnv, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	writeFileSync(
		join(home.nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } },
			null,
			2,
		),
	);
	return { name: manifest.name, version: manifest.version };
}
