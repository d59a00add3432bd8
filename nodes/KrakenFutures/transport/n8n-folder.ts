import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n's own folder (`.n8n` in `N8N_USER_FOLDER`, else in the home folder), found the way n8n finds it:
 * n8n does not hand it to a node. Every process of one install (the server, `n8n execute`, queue-mode
 * workers on this machine) sees the same folder, so they share one paper account kept there.
 */
export function n8nUserFolder(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n');
}
