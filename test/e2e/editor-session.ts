import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/repo';
import { nativeNodeRedTarget, startNodeRed, type RunningNodeRed } from '../install/node-red-process';
import { openBrowser, type BrowserSession } from './browser';
import { createLinkedUserDir } from './linked-user-dir';

/** Where editor tests leave their screenshots (git-ignored). */
export const SCREENSHOTS = join(repoRoot, 'artifacts', 'screenshots');

/** Copies a screenshot to docs/images (the README's pictures) when missing or when UPDATE_DOCS_IMAGES is set. */
export function publishToDocs(screenshot: string, docsName: string): void {
	const target = join(repoRoot, 'docs', 'images', docsName);
	if (existsSync(target) && !process.env.UPDATE_DOCS_IMAGES) return;
	mkdirSync(join(repoRoot, 'docs', 'images'), { recursive: true });
	copyFileSync(screenshot, target);
}

/** Node-RED with this package linked in, and the editor loaded in headless chromium. */
export interface EditorSession {
	nodeRed: RunningNodeRed;
	browser: BrowserSession;
	userDir: string;
	close(): Promise<void>;
}

/**
 * Waits until a (re)loaded editor has finished its start-up. The palette shows while the loading bar
 * is up, before the flows are imported; the editor then switches the sidebar to its first tab and
 * hides the bar. A test that looks for a tab or opens a sidebar tab before that races the editor.
 */
export async function waitForEditorStarted(page: Page): Promise<void> {
	await page.locator('.red-ui-palette-node[data-palette-type="inject"]').waitFor({ timeout: 30000 });
	await page.locator('#red-ui-loading-progress').waitFor({ state: 'hidden', timeout: 30000 });
}

export async function openEditor(flows: unknown[] = []): Promise<EditorSession> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const userDir = createLinkedUserDir(flows);
	let nodeRed: RunningNodeRed | undefined;
	let browser: BrowserSession | undefined;
	const close = async () => {
		await browser?.close();
		await nodeRed?.stop();
		rmSync(userDir, { recursive: true, force: true });
	};
	try {
		nodeRed = await startNodeRed(nativeNodeRedTarget(), userDir);
		browser = await openBrowser();
		await browser.page.goto(`${nodeRed.url}/`);
		await browser.page.locator('#red-ui-palette-search input').waitFor({ state: 'visible', timeout: 30000 });
		await waitForEditorStarted(browser.page);
	} catch (error) {
		await close();
		throw error;
	}
	return { nodeRed, browser, userDir, close };
}
