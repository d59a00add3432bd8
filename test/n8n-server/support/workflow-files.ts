import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../support/repo';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export interface WorkflowFile {
	file: string;
	json: {
		id: string;
		name: string;
		nodes: WorkflowNode[];
		connections: Record<string, unknown>;
		[field: string]: unknown;
	};
}

export const WORKFLOWS_DIR = join(repoRoot, 'workflows');

export function workflowFiles(): WorkflowFile[] {
	return readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			json: JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowFile['json'],
		}));
}

export const nodeOfType = (workflow: WorkflowFile, suffix: string): WorkflowNode | undefined =>
	workflow.json.nodes.find((node) => node.type.endsWith(suffix));
