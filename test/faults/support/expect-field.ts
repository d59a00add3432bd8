import assert from 'node:assert/strict';
import type { BadCase } from './bad-inputs';

/** How a host's form may label a field (n8n shows display names such as "Client Order ID"). */
const LABELS: Record<string, string[]> = {
	cliOrdId: ['clientorderid'],
	order_id: ['orderid'],
};

function squash(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The error names the broken field: in its `field` (when it has one), its message or its description. */
export function assertNamesField(error: unknown, badCase: BadCase, where: string): void {
	// n8n keeps a node's error in the run data as a plain object with the error's fields.
	const described = error as { message?: unknown; description?: unknown; field?: unknown } | null;
	assert.ok(
		typeof described?.message === 'string',
		`${where} ${badCase.how}: threw something without a message: ${String(error)}`,
	);
	const message = described.message as string;
	const field = described.field;
	const text = `${message} ${String(described.description ?? '')}`;
	const names = [squash(badCase.field), ...(LABELS[badCase.field] ?? [])];
	assert.ok(
		field === badCase.field ||
			text.includes(badCase.field) ||
			names.some((name) => squash(text).includes(name)),
		`${where} ${badCase.how}: the error does not name ${badCase.field}: "${message}" (field ${String(field)})`,
	);
}
