import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compiledRoot, repoRoot } from '../support/repo';

const HOSTS = ['node-red', 'n8n-workflow', 'n8n-core'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

describe('the core stays platform-neutral', () => {
	it('imports no host package and nothing of the adapters or the paper exchange', () => {
		const offenders = sourceFiles(join(repoRoot, 'core')).flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			const specifiers = [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
			return specifiers
				.filter(
					(s) =>
						HOSTS.some((host) => s === host || s.startsWith(`${host}/`)) ||
						/(^|\/)(nodes|credentials|paper)(\/|$)/.test(s),
				)
				.map((s) => `${relative(repoRoot, file)} imports ${s}`);
		});
		assert.deepEqual(offenders, []);
	});

	it('loads from the build with neither host installed, only ws and undici', function () {
		this.timeout(30000);
		const sandbox = mkdtempSync(join(tmpdir(), 'kf-core-'));
		try {
			cpSync(join(compiledRoot, 'core'), join(sandbox, 'core'), { recursive: true });
			mkdirSync(join(sandbox, 'node_modules'));
			for (const dependency of ['ws', 'undici']) {
				symlinkSync(
					join(repoRoot, 'node_modules', dependency),
					join(sandbox, 'node_modules', dependency),
					'dir',
				);
			}
			const probe = [
				"const core = require('./core');",
				"for (const host of ['node-red', 'n8n-workflow', 'n8n-core']) {",
				'  try { require.resolve(host); console.log("host present: " + host); process.exit(3); } catch {}',
				'}',
				"const signer = new core.KrakenSigner('key', 'c2VjcmV0');",
				"console.log(JSON.stringify({ exports: Object.keys(core).length, sig: signer.authent('', '', '/api/v3/accounts') }));",
			].join('\n');
			const output = execFileSync(process.execPath, ['-e', probe], {
				cwd: sandbox,
				encoding: 'utf8',
				env: { PATH: process.env.PATH ?? '' },
			});
			const result = JSON.parse(output.trim()) as { exports: number; sig: string };
			assert.ok(result.exports > 10, `core exported only ${result.exports} names`);
			assert.match(result.sig, /^[A-Za-z0-9+/]{86}==$/);
		} finally {
			rmSync(sandbox, { recursive: true, force: true });
		}
	});
});
