import assert from 'node:assert/strict';
import type { BadCase } from './bad-inputs';

/** The error names the broken field: in its `field` (when it has one) or in its message. */
export function assertNamesField(error: unknown, badCase: BadCase, where: string): void {
	assert.ok(error instanceof Error, `${where} ${badCase.how}: threw ${String(error)}`);
	const field = (error as { field?: unknown }).field;
	const text = `${error.message} ${(error as { description?: unknown }).description ?? ''}`;
	assert.ok(
		field === badCase.field || text.includes(badCase.field),
		`${where} ${badCase.how}: the error does not name ${badCase.field}: "${error.message}" (field ${String(field)})`,
	);
}
