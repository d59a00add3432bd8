import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n keeps its settings, and this package its paper account, in N8N_USER_FOLDER (else the home
// folder). Tests get a folder of their own per process: never the machine's ~/.n8n, never another run's.
const folder = mkdtempSync(join(tmpdir(), 'kf-n8n-user-'));
process.env.N8N_USER_FOLDER = folder;
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

export const n8nTestUserFolder = folder;
