import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import { n8nInstall } from './n8n-process';

export const OWNER = {
	email: 'owner@paper.test',
	firstName: 'Paper',
	lastName: 'Trader',
	password: 'Paper-Trader-2026',
};

/** Execution data is stored in the `flatted` format; parse it with n8n's own copy of the library. */
function parseFlatted(text: string): unknown {
	const require = createRequire(join(n8nInstall().dir, 'node_modules', 'n8n', 'package.json'));
	return (require('flatted') as { parse(text: string): unknown }).parse(text);
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
}

export interface Execution extends ExecutionSummary {
	data: IRun['data'];
}

/** The editor's REST API as the browser uses it: the auth cookie and the browser-id it was issued for. */
export class N8nRest {
	readonly #browserId = randomUUID();
	#cookie = '';

	constructor(readonly baseUrl: string) {}

	get cookie(): string {
		return this.#cookie;
	}
	get browserId(): string {
		return this.#browserId;
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.#browserId,
				...(this.#cookie ? { cookie: this.#cookie } : {}),
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.#cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text}`);
		const json = (text ? JSON.parse(text) : {}) as { data?: T };
		return (json.data ?? json) as T;
	}

	/** A file the server serves to the signed-in editor, e.g. /types/nodes.json. */
	async editorFile<T>(path: string): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			headers: { 'browser-id': this.#browserId, cookie: this.#cookie },
		});
		if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
		return (await response.json()) as T;
	}

	async setupOwner(): Promise<void> {
		await this.request('POST', '/owner/setup', OWNER);
	}

	async createCredential(name: string, data: Record<string, unknown>): Promise<{ id: string }> {
		return await this.request('POST', '/credentials', { name, type: 'krakenFuturesApi', data });
	}

	/** The editor's "Test" button: n8n's CredentialsTester runs the credential's test request. */
	async testCredential(credential: {
		id?: string;
		name: string;
		data: Record<string, unknown>;
	}): Promise<{ status: string; message: string }> {
		return await this.request('POST', '/credentials/test', {
			credentials: { id: credential.id ?? '', type: 'krakenFuturesApi', ...credential },
		});
	}

	async createWorkflow(workflow: Record<string, unknown>): Promise<{ id: string; versionId: string }> {
		return await this.request('POST', '/workflows', workflow);
	}

	async getWorkflow(id: string): Promise<Record<string, unknown> & { versionId: string; active: boolean }> {
		return await this.request('GET', `/workflows/${id}`);
	}

	async activate(id: string): Promise<void> {
		const { versionId } = await this.getWorkflow(id);
		await this.request('POST', `/workflows/${id}/activate`, { versionId });
	}

	async deactivate(id: string): Promise<void> {
		await this.request('POST', `/workflows/${id}/deactivate`, {});
	}

	/** "Execute workflow" from the given trigger; resolves with the execution id. */
	async runManually(id: string, triggerName: string): Promise<string> {
		const result = await this.request<{ executionId?: string }>('POST', `/workflows/${id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (result.executionId === undefined) throw new Error(`no execution id: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.request<{ results: ExecutionSummary[] }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return result.results;
	}

	async execution(id: string): Promise<Execution> {
		const raw = await this.request<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		return { ...raw, data: parseFlatted(raw.data) as IRun['data'] };
	}

	/** Polls until the execution has ended (n8n pushes progress to the editor; polling is enough here). */
	async finishedExecution(id: string, timeoutMs = 60_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(id);
			if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status}`);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}

	/** Waits until the workflow has at least `count` ended executions; returns them, newest first. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ended = (await this.executions(workflowId)).filter(
				(execution) => !['new', 'running', 'waiting'].includes(execution.status),
			);
			if (ended.length >= count) return await Promise.all(ended.map((e) => this.execution(e.id)));
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${ended.length} of ${count} executions after ${timeoutMs} ms`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

/** The JSON of every item a node produced in its first run, per output. */
export function itemsOf(execution: Execution, nodeName: string, output = 0): Record<string, unknown>[] {
	const task = execution.data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Every node error of an execution, as "node: message" lines (empty when all ran). */
export function nodeErrors(execution: Execution): string[] {
	return Object.entries(execution.data.resultData.runData).flatMap(([name, tasks]) =>
		tasks
			.filter((task) => task.error !== undefined)
			.map((task) => `${name}: ${String(task.error?.message)} ${String(task.error?.description ?? '')}`),
	);
}
