import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/repo';

const PACKAGE_NAME = '@perpflow/n8n-nodes-kraken-futures';

/**
 * A temporary Node-RED user folder with this repository linked in, as `npm install <path>` does, so
 * Node-RED loads the freshly built dist/ with the repository's own dependencies.
 */
export function createLinkedUserDir(flows: unknown[] = []): string {
	const userDir = mkdtempSync(join(tmpdir(), 'kraken-futures-editor-'));
	const link = join(userDir, 'node_modules', ...PACKAGE_NAME.split('/'));
	mkdirSync(dirname(link), { recursive: true });
	symlinkSync(repoRoot, link, 'junction');
	writeFileSync(
		join(userDir, 'package.json'),
		JSON.stringify({
			name: 'node-red-project',
			private: true,
			dependencies: { [PACKAGE_NAME]: `file:${repoRoot}` },
		}),
	);
	writeFileSync(join(userDir, 'flows.json'), JSON.stringify(flows));
	return userDir;
}
