import assert from 'node:assert/strict';
import { inspect } from 'node:util';

/** The secret as configured plus its decoded bytes in the encodings a log line might show them in. */
export function secretForms(secretBase64: string): string[] {
	const decoded = Buffer.from(secretBase64, 'base64');
	return [
		secretBase64,
		decoded.toString('base64'),
		decoded.toString('base64url'),
		decoded.toString('hex'),
		decoded.toString('hex').toUpperCase(),
	];
}

/** Everything a value shows when logged, serialised or inspected (errors with their stack and cause). */
export function renderings(value: unknown): string[] {
	const texts = [inspect(value, { depth: 8, showHidden: false })];
	try {
		texts.push(JSON.stringify(value) ?? '');
	} catch {
		// Circular values are covered by inspect.
	}
	if (value instanceof Error)
		texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 8 }));
	return texts;
}

/** Fails, naming where, if any secret form appears in any of the values. */
export function assertNoSecret(values: readonly unknown[], secrets: readonly string[], where: string): void {
	let checked = 0;
	for (const value of values) {
		for (const text of renderings(value)) {
			checked += 1;
			for (const secret of secrets) {
				assert.ok(
					!text.includes(secret),
					`${where}: a form of the API secret appears in: ${text.slice(0, 300)}`,
				);
			}
		}
	}
	assert.ok(checked > 0, `${where}: nothing was captured to check`);
}
