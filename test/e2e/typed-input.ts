import type { Locator, Page } from 'playwright-core';

interface TypedInputGlobals {
	$: (selector: string) => {
		typedInput(method: 'instance'): { typeList: { value: string }[] };
		typedInput(method: 'type' | 'value'): string;
	};
}

/** The types a field's typed input offers, and the type and value it shows. */
export async function typedField(
	page: Page,
	name: string,
): Promise<{ types: string[]; type: string; value: string }> {
	return page.evaluate((field) => {
		const input = (globalThis as unknown as TypedInputGlobals).$(`#node-input-${field}`);
		return {
			types: input.typedInput('instance').typeList.map((type) => type.value),
			type: input.typedInput('type'),
			value: input.typedInput('value'),
		};
	}, name);
}

/** The text box a user types into: a typed input hides the original input behind its own. */
export function typedTextBox(page: Page, name: string): Locator {
	return page.locator(`#node-input-${name} + .red-ui-typedInput-container input.red-ui-typedInput-input`);
}

/** Types a value into a typed input's text box and lets the editor check it. */
export async function fillTyped(page: Page, name: string, value: string): Promise<void> {
	await typedTextBox(page, name).fill(value);
	await typedTextBox(page, name).dispatchEvent('change');
}

/** Picks a type from a field's type menu, as a user does. */
export async function chooseType(page: Page, name: string, type: string): Promise<void> {
	await page
		.locator(`#node-input-${name} + .red-ui-typedInput-container button.red-ui-typedInput-type-select`)
		.click();
	const option = page.locator(`.red-ui-typedInput-options a[value="${type}"]`).filter({ visible: true });
	await option.click();
	await option.waitFor({ state: 'hidden', timeout: 10000 });
}
