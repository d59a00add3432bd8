import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { stopChild } from '../install/node-red-process';
import { openBrowser, type BrowserSession } from './browser';
import { startDemoProcess } from './demo-process';
import { publishToDocs, SCREENSHOTS, waitForEditorStarted } from './editor-session';
import { fillTyped, typedTextBox } from './typed-input';

interface Box {
	id: string;
	label: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

interface EditorGlobals {
	RED: {
		nodes: { eachWorkspace(callback: (tab: { id: string; label: string }) => void): void };
		workspaces: { show(id: string): void };
		sidebar: { show(id: string): void };
	};
}

async function tabs(page: Page): Promise<{ id: string; label: string }[]> {
	return page.evaluate(() => {
		const found: { id: string; label: string }[] = [];
		(globalThis as unknown as EditorGlobals).RED.nodes.eachWorkspace((tab) =>
			found.push({ id: tab.id, label: tab.label }),
		);
		return found;
	});
}

/** The drawn rectangle of every node on the open tab, in workspace coordinates. */
async function nodeBoxes(page: Page): Promise<Box[]> {
	return page.locator('#red-ui-workspace-chart g.red-ui-flow-node-group').evaluateAll((groups) =>
		groups.map((group) => {
			const rect = group.querySelector('rect.red-ui-flow-node') as SVGRectElement | null;
			const transform = /translate\(\s*([-\d.]+)[ ,]+([-\d.]+)/.exec(group.getAttribute('transform') ?? '');
			return {
				id: group.id,
				label: group.querySelector('.red-ui-flow-node-label')?.textContent ?? '',
				x: Number(transform?.[1] ?? 0),
				y: Number(transform?.[2] ?? 0),
				width: Number(rect?.getAttribute('width') ?? 0),
				height: Number(rect?.getAttribute('height') ?? 0),
			};
		}),
	);
}

function overlap(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function waitForText(
	page: Page,
	selector: string,
	pattern: RegExp,
	timeoutMs: number,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const texts = await page
			.locator(selector)
			.evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
		const hit = texts.find((text) => pattern.test(text));
		if (hit !== undefined) return hit;
		if (Date.now() > deadline) throw new Error(`no ${pattern} in ${selector}; saw ${JSON.stringify(texts)}`);
		await page.waitForTimeout(200);
	}
}

describe('npm start in the editor (chromium): a first paper order as a new user meets it', function () {
	this.timeout(90000);

	let userDir: string;
	let child: ChildProcess | undefined;
	let editorUrl: string;
	let browser: BrowserSession | undefined;

	before(async function () {
		userDir = mkdtempSync(join(tmpdir(), 'kraken-futures-demo-editor-'));
		const demo = await startDemoProcess(userDir);
		child = demo.child;
		editorUrl = demo.editorUrl;
		browser = await openBrowser();
		await browser.page.goto(`${editorUrl}/`);
		await browser.page
			.locator('.red-ui-palette-node[data-palette-type="inject"]')
			.waitFor({ timeout: 30000 });
		// The palette shows before the flows are loaded; on a busy machine the tabs come seconds later.
		await browser.page.waitForFunction(
			() => {
				let count = 0;
				(globalThis as unknown as EditorGlobals).RED.nodes.eachWorkspace(() => count++);
				return count >= 7;
			},
			undefined,
			{ timeout: 60000 },
		);
	});

	after(async function () {
		await browser?.close();
		if (child) await stopChild(child, 10000);
		if (userDir) rmSync(userDir, { recursive: true, force: true });
	});

	it('names the example tabs so that they stay distinct when the editor truncates them', async function () {
		const labels = (await tabs(browser!.page)).map((tab) => tab.label);
		assert.ok(labels.length >= 7, labels.join(', '));
		const truncated = labels.map((label) => label.slice(0, 10));
		assert.equal(new Set(truncated).size, labels.length, `tab names start alike: ${labels.join(', ')}`);
	});

	it('draws no node over another on any example tab', async function () {
		const page = browser!.page;
		const overlaps: string[] = [];
		for (const tab of await tabs(page)) {
			await page.evaluate((id) => (globalThis as unknown as EditorGlobals).RED.workspaces.show(id), tab.id);
			await page.waitForTimeout(300);
			const boxes = await nodeBoxes(page);
			assert.ok(boxes.length > 0, `${tab.label}: no nodes drawn`);
			for (const [index, a] of boxes.entries()) {
				for (const b of boxes.slice(index + 1)) {
					if (overlap(a, b)) overlaps.push(`${tab.label}: "${a.label}" overlaps "${b.label}"`);
				}
			}
			await page.screenshot({ path: join(SCREENSHOTS, `demo-tab-${tab.label.slice(0, 1)}.png`) });
		}
		assert.deepEqual(overlaps, []);
	});

	it('places a paper market order from the positions tab and shows its fill in the status and debug sidebar', async function () {
		const page = browser!.page;
		const tab = (await tabs(page)).find((item) => item.label.startsWith('2 '));
		assert.ok(tab, 'no positions tab');
		await page.evaluate((id) => (globalThis as unknown as EditorGlobals).RED.workspaces.show(id), tab.id);
		await page.evaluate(() => (globalThis as unknown as EditorGlobals).RED.sidebar.show('debug'));
		const inject = page.locator('g.red-ui-flow-node-group', { hasText: 'market buy' });
		await inject.locator('.red-ui-flow-node-button').click();
		const status = await waitForText(page, '.red-ui-flow-node-status-label', /bought [\d.]+ @ [\d.]+/, 20000);
		const message = await waitForText(page, '.red-ui-debug-msg', /fillPrice/, 20000);
		assert.match(message, /filledSize/);
		await page.screenshot({ path: join(SCREENSHOTS, 'demo-first-fill.png') });
		publishToDocs(join(SCREENSHOTS, 'demo-first-fill.png'), 'node-red-first-fill.png');
		assert.match(status, /^bought 0\.001 @ /);
	});

	it('shows an uncaught order error as one plain red sentence in the debug sidebar', async function () {
		const page = browser!.page;
		const added = await fetch(`${editorUrl}/flow`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				label: 'errors',
				nodes: [
					{
						id: 'err-inject',
						type: 'inject',
						x: 120,
						y: 80,
						props: [{ p: 'payload' }],
						payload: '{"size":0}',
						payloadType: 'json',
						wires: [['err-order']],
					},
					{
						id: 'err-order',
						type: 'kraken-futures-order',
						x: 380,
						y: 80,
						account: 'kraken-futures-paper',
						action: 'send',
						symbol: 'PF_XBTUSD',
						side: 'buy',
						orderType: 'lmt',
						size: '0.001',
						limitPrice: '10000',
						wires: [[]],
					},
				],
			}),
		});
		assert.equal(added.status, 200, await added.text());
		// The debug sidebar shows messages of the nodes the editor has loaded.
		await page.reload();
		await waitForEditorStarted(page);
		await page.evaluate(() => (globalThis as unknown as EditorGlobals).RED.sidebar.show('debug'));
		const injected = await fetch(`${editorUrl}/inject/err-inject`, { method: 'POST' });
		assert.equal(injected.status, 200);
		const message = await waitForText(page, '.red-ui-debug-msg', /size: must be greater than 0/, 20000);
		await page.screenshot({ path: join(SCREENSHOTS, 'demo-error-sentence.png') });
		publishToDocs(join(SCREENSHOTS, 'demo-error-sentence.png'), 'node-red-error-sentence.png');
		assert.doesNotMatch(message, /cause|\[object Object\]|code:|\{/, `the sidebar showed ${message}`);
		assert.match(message, /"size: must be greater than 0, got 0"$/);
		const entry = page.locator('.red-ui-debug-msg', { hasText: 'must be greater than 0' });
		assert.match(
			(await entry.getAttribute('class')) ?? '',
			/red-ui-debug-msg-level-20/,
			'shown at error level (red)',
		);
	});

	it('checks the order dialog against the instrument list while editing, the Node-RED way', async function () {
		const page = browser!.page;
		await page.reload();
		await waitForEditorStarted(page);
		const tab = (await tabs(page)).find((item) => item.label.startsWith('1 '));
		await page.evaluate((id) => (globalThis as unknown as EditorGlobals).RED.workspaces.show(id), tab!.id);
		await page
			.locator('g.red-ui-flow-node-group', { hasText: 'buy lmt PF_XBTUSD' })
			.locator('.red-ui-flow-node')
			.dblclick();
		await page.locator('#node-dialog-ok').waitFor({ state: 'visible', timeout: 10000 });
		const field = (name: string) => page.locator(`#node-input-${name}`);
		const invalid = async (name: string) =>
			/\binput-error\b/.test((await field(name).getAttribute('class')) ?? '');
		const setField = (name: string, value: string) => fillTyped(page, name, value);
		const until = async (check: () => Promise<boolean>, what: string) => {
			const deadline = Date.now() + 10000;
			while (!(await check())) {
				if (Date.now() > deadline) throw new Error(`${what} not reached`);
				await page.waitForTimeout(100);
			}
		};
		// The instrument list arrives after the dialog opens; the valid form stays unmarked.
		await page.waitForTimeout(1000);
		assert.equal(await invalid('symbol'), false, 'PF_XBTUSD is a known symbol');
		assert.match((await page.locator('#kraken-futures-size-unit').textContent()) ?? '', /XBT/);

		await setField('symbol', 'BTCUSD');
		await until(() => invalid('symbol'), 'BTCUSD marked invalid');
		await setField('symbol', 'PI_XBTUSD');
		assert.match((await page.locator('#kraken-futures-size-unit').textContent()) ?? '', /USD contracts/);
		await setField('symbol', 'PF_XBTUSD');
		await until(async () => !(await invalid('symbol')), 'PF_XBTUSD accepted');

		await setField('size', '0');
		await until(() => invalid('size'), 'size 0 marked invalid');
		await setField('size', '0.001');
		await until(async () => !(await invalid('size')), 'size 0.001 accepted');

		await setField('limitPrice', '10000.123');
		await until(() => invalid('limitPrice'), 'a price off the tick marked invalid');
		await setField('limitPrice', '');
		await until(() => invalid('limitPrice'), 'a limit order without a price marked invalid');

		await field('orderType').selectOption('stp');
		await field('orderType').dispatchEvent('change');
		await until(async () => !(await invalid('limitPrice')), 'an empty limit price is fine for a stop');
		await until(() => invalid('stopPrice'), 'a stop without a stop price marked invalid');
		assert.match((await field('limitPrice').getAttribute('placeholder')) ?? '', /stop-market/);
		assert.match((await page.locator('#kraken-futures-order-tip').textContent()) ?? '', /stop-limit/);

		await typedTextBox(page, 'symbol').fill('btc');
		await typedTextBox(page, 'symbol').press('ArrowDown');
		const suggestion = page.locator('.red-ui-autoComplete-container li, .red-ui-autoComplete li').first();
		await suggestion.waitFor({ state: 'visible', timeout: 10000 });
		assert.match((await suggestion.textContent()) ?? '', /PF_XBTUSD/);
		await page.screenshot({ path: join(SCREENSHOTS, 'order-dialog-checks.png') });
		publishToDocs(join(SCREENSHOTS, 'order-dialog-checks.png'), 'node-red-order-checks.png');
		await page.keyboard.press('Escape');
		await setField('symbol', 'BTCUSD');

		await page.locator('#node-dialog-ok').click();
		await page.locator('#node-dialog-ok').waitFor({ state: 'detached', timeout: 10000 });
		const changed = page.locator('g.red-ui-flow-node-group', { hasText: 'buy stp BTCUSD' });
		await changed.locator('.red-ui-flow-node-error').waitFor({ state: 'visible', timeout: 10000 });
	});
});
