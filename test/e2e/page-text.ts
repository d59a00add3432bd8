import type { Page } from 'playwright-core';

/** The element's text once it matches `done`, or whatever it says when `timeoutMs` runs out. */
export async function waitForText(
	page: Page,
	selector: string,
	done: RegExp,
	timeoutMs: number,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = (await page.locator(selector).textContent()) ?? '';
		if (done.test(text) || Date.now() > deadline) return text;
		await page.waitForTimeout(100);
	}
}
