import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright-core never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface BrowserSession {
	page: Page;
	/** Console errors, uncaught page errors and failed HTTP responses, in order. */
	problems: string[];
	close(): Promise<void>;
}

/** Headless chromium on a fresh profile (--user-data-dir), with every page problem recorded. */
export async function openBrowser(): Promise<BrowserSession> {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
	const profile = mkdtempSync(join(tmpdir(), 'kraken-futures-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 800 },
			timeout: 30000,
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('requestfailed', (request) =>
		problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
	);
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
	});
	return {
		page,
		problems,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
