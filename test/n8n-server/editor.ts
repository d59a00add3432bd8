import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { openBrowser, type BrowserSession } from '../e2e/browser';
import { repoRoot } from '../support/repo';
import type { N8nFixture } from './support/fixture';
import { OWNER } from './support/rest';

const SCREENSHOTS = join(repoRoot, 'artifacts', 'screenshots');
const NODE_ID = 'kraken';

async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOTS, name) });
}

/**
 * n8n's own editor in headless Chromium: the node panel of an order and the credential dialog.
 * The screenshots (artifacts/screenshots/n8n-*.png) are the ones in the README's n8n section.
 */
export function describeEditor(fixture: () => N8nFixture): void {
	let browser: BrowserSession;
	let page: Page;
	let workflowId: string;

	before(async function () {
		this.timeout(180_000);
		const { rest, packageName, server } = fixture();
		const credential = await rest.createCredential('Kraken Futures (paper)', { environment: 'paper' });
		const trigger = 'When clicking ‘Execute workflow’';
		workflowId = (
			await rest.createWorkflow({
				name: 'Kraken Futures order',
				nodes: [
					{
						id: 'start',
						name: trigger,
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: NODE_ID,
						name: 'Send Limit Order',
						type: `${packageName}.krakenFutures`,
						typeVersion: 1,
						position: [240, 0],
						parameters: {
							resource: 'order',
							operation: 'send',
							symbol: 'PF_XBTUSD',
							side: 'buy',
							orderType: 'lmt',
							size: '0.001',
							limitPrice: '30000',
							options: {},
						},
						credentials: { krakenFuturesApi: { id: credential.id, name: 'Kraken Futures (paper)' } },
					},
				],
				connections: { [trigger]: { main: [[{ node: 'Send Limit Order', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			})
		).id;
		browser = await openBrowser();
		page = browser.page;
		page.setDefaultTimeout(90_000);
		await page.goto(`${server.baseUrl}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	});
	after(async () => {
		await browser?.close();
	});

	it('shows the order fields as typed in the node panel, and flags an empty Size', async function () {
		this.timeout(120_000);
		await page.goto(`${fixture().server.baseUrl}/workflow/${workflowId}/${NODE_ID}`);
		const size = page.locator('[data-test-id="parameter-input-size"] input');
		const limitPrice = page.locator('[data-test-id="parameter-input-limitPrice"] input');
		await size.waitFor();
		assert.equal(await size.inputValue(), '0.001');
		assert.equal(await limitPrice.inputValue(), '30000');
		await screenshot(page, 'n8n-node-panel.png');
		const sizeIssues = page
			.locator('[data-test-id="parameter-item"]')
			.filter({ has: page.locator('[data-test-id="parameter-input-size"]') })
			.locator('[data-test-id="parameter-issues"]');
		assert.equal(await sizeIssues.count(), 0);
		await size.fill('');
		await limitPrice.click();
		await sizeIssues.first().waitFor();
		await size.fill('0.001');
	});

	it('opens the credential dialog, which tests the paper credential successfully', async function () {
		this.timeout(120_000);
		await page.click('[data-test-id="credential-edit-button"]');
		const success = page.locator('[data-test-id="credentials-config-container-test-success"]');
		await success.waitFor();
		assert.match(await success.innerText(), /Connection tested successfully/);
		await screenshot(page, 'n8n-credential-dialog.png');
	});
}
