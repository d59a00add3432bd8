import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { nativeNodeRedTarget, startNodeRed, type RunningNodeRed } from '../install/node-red-process';
import { repoRoot } from '../support/repo';
import { openBrowser, type BrowserSession } from './browser';
import { waitForEditorStarted } from './editor-session';
import { createLinkedUserDir } from './linked-user-dir';
import { waitForText } from './page-text';

const SCREENSHOTS = join(repoRoot, 'artifacts', 'screenshots');

/** A flow saved before the `api` setting existed: a custom config node without `api`, and an order node using it. */
const SAVED_FLOW = [
	{ id: 'tab', type: 'tab', label: 'saved' },
	{
		id: 'old-config',
		type: 'kraken-futures-config',
		name: 'saved before api existed',
		environment: 'custom',
		restUrl: 'http://127.0.0.1:9',
		wsUrl: 'ws://127.0.0.1:9/ws/v1',
		useNonce: false,
	},
	{
		id: 'order',
		type: 'kraken-futures-order',
		z: 'tab',
		name: 'order',
		account: 'old-config',
		x: 200,
		y: 100,
		wires: [[]],
	},
];

async function visible(page: Page, selector: string): Promise<boolean> {
	return page.locator(selector).first().isVisible();
}

/** Which of the api-dependent rows the open config dialog shows. */
async function shownRows(page: Page): Promise<Record<string, boolean>> {
	return {
		futuresKey: await visible(page, '#node-config-input-apiKey'),
		futuresSecret: await visible(page, '#node-config-input-apiSecret'),
		nonce: await visible(page, '#node-config-input-useNonce'),
		krakenKey: await visible(page, '#node-config-input-unifiedApiKey'),
		krakenSecret: await visible(page, '#node-config-input-unifiedApiSecret'),
		legacyUrls: await visible(page, '#node-config-input-restUrl'),
		unifiedUrls: await visible(page, '#node-config-input-uwsPublicUrl'),
		legacyWarning: await visible(page, '.kraken-futures-legacy-warning'),
	};
}

describe('editor: the config dialog follows the api setting, in headless chromium', function () {
	this.timeout(60000);
	let userDir: string;
	let nodeRed: RunningNodeRed | undefined;
	let browser: BrowserSession | undefined;

	before(async function () {
		mkdirSync(SCREENSHOTS, { recursive: true });
		userDir = createLinkedUserDir(SAVED_FLOW);
		nodeRed = await startNodeRed(nativeNodeRedTarget(), userDir);
		browser = await openBrowser();
		await browser.page.goto(`${nodeRed.url}/`);
		await browser.page
			.locator('[id="order"] .red-ui-flow-node')
			.waitFor({ state: 'visible', timeout: 30000 });
		await waitForEditorStarted(browser.page);
	});

	after(async function () {
		await browser?.close();
		await nodeRed?.stop();
		if (userDir) rmSync(userDir, { recursive: true, force: true });
	});

	it('keeps a saved config on legacy with the warning, switches the key fields with api, and connects on unified paper', async function () {
		const page = browser!.page;
		await page.locator('[id="order"] .red-ui-flow-node').dblclick();
		// Node-RED 4.1+ has a separate "edit" button; older editors edit through the pencil ("lookup").
		await page
			.locator('[id="node-input-btn-account-edit"], [id="node-input-lookup-account"]')
			.first()
			.click();
		await page.locator('#node-config-input-api').waitFor({ state: 'visible', timeout: 10000 });

		assert.equal(
			await page.locator('#node-config-input-api').inputValue(),
			'legacy',
			'a saved config stays on legacy',
		);
		assert.deepEqual(await shownRows(page), {
			futuresKey: true,
			futuresSecret: true,
			nonce: true,
			krakenKey: false,
			krakenSecret: false,
			legacyUrls: true,
			unifiedUrls: false,
			legacyWarning: true,
		});
		assert.match(await page.locator('.kraken-futures-legacy-warning').innerText(), /1 March 2027/);
		await page.screenshot({ path: join(SCREENSHOTS, 'kraken-futures-config-legacy.png') });

		await page.locator('#node-config-input-api').selectOption('unified');
		assert.deepEqual(await shownRows(page), {
			futuresKey: false,
			futuresSecret: false,
			nonce: false,
			krakenKey: true,
			krakenSecret: true,
			legacyUrls: false,
			unifiedUrls: true,
			legacyWarning: false,
		});
		assert.match(await page.locator('.red-ui-tray').last().innerText(), /kraken\.com/);

		await page.locator('#node-config-input-environment').selectOption('paper');
		const paperRows = await shownRows(page);
		assert.equal(paperRows.krakenKey || paperRows.futuresKey, false, 'paper brings its own keys');
		// Choosing paper looks the paper account up; its answer changes the dialog's height, and a click
		// made while the button moves can land beside it.
		const account = await waitForText(page, '#node-config-paper-state', /^(?!Looking up|$)/, 20000);
		assert.doesNotMatch(account, /^(Looking up|$)/, `the paper account lookup ended: ${account}`);
		await page.locator('#node-config-test-connection').click();
		const result = await waitForText(
			page,
			'#node-config-test-result',
			/connected|refused|could not|failed|error/i,
			20000,
		);
		assert.match(result, /^Connected/, `Test connection said: ${result}`);
		await page.screenshot({ path: join(SCREENSHOTS, 'kraken-futures-config-unified.png') });
		// The saved config points at a closed port on purpose, so the order dialog's instrument list
		// for it fails (502); anything else the editor reports is a problem.
		const unexpected = browser!.problems.filter(
			(problem) =>
				!problem.includes('/kraken-futures-config/symbols?id=old-config') &&
				!problem.includes('status of 502 (Bad Gateway)'),
		);
		assert.deepEqual(unexpected, [], 'the editor reported problems');
	});
});
