import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
	allEditorDefinitions,
	editTemplateFieldIds,
	isConfigDefinition,
	type EditorDefinition,
} from '../install/html-definitions';
import { nativeNodeRedTarget } from '../install/node-red-process';
import type { BrowserSession } from './browser';
import { openEditor, publishToDocs, SCREENSHOTS, type EditorSession } from './editor-session';

/** An i18n key the editor could not resolve shows up as the key itself. */
const RAW_I18N_KEY = /\bkraken-futures-[a-z]+\.[A-Za-z]+\.[A-Za-z.]+/;

interface LabelGlobals {
	RED: { nodes: { getType(type: string): { label: (this: Record<string, string>) => string } } };
}

interface EditorGlobals {
	RED: { view: { selection(): { nodes?: { id: string }[] } } };
}

async function screenshot(page: Page, name: string): Promise<string> {
	const file = join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

/** Types into the palette filter (it reacts to key events, not to a pasted value) until core nodes hide. */
async function filterPalette(page: Page, term: string): Promise<void> {
	const search = page.locator('#red-ui-palette-search input');
	await search.fill('');
	await search.pressSequentially(term);
	await page
		.locator('.red-ui-palette-node[data-palette-type="inject"]')
		.waitFor({ state: 'hidden', timeout: 10000 });
}

/** Filters the palette to one type and drags it to a free spot; returns the new node's id. */
async function dragFromPalette(page: Page, type: string, slot: number): Promise<string> {
	await filterPalette(page, type);
	const paletteNode = page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
	await paletteNode.waitFor({ state: 'visible', timeout: 10000 });
	await paletteNode.scrollIntoViewIfNeeded();
	const from = await paletteNode.boundingBox();
	const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
	assert.ok(from && chart, 'palette node or workspace has no box');
	const to = { x: chart.x + 160 + (slot % 3) * 260, y: chart.y + 80 + Math.floor(slot / 3) * 90 };
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 12 });
	await page.mouse.up();
	const id = await page.evaluate(() => {
		const selected = (globalThis as unknown as EditorGlobals).RED.view.selection().nodes ?? [];
		return selected.length === 1 ? selected[0].id : '';
	});
	assert.notEqual(id, '', `dropping ${type} did not create a node`);
	return id;
}

async function openEditDialog(page: Page, id: string): Promise<void> {
	await page.locator(`[id="${id}"] .red-ui-flow-node`).dblclick();
	await page.locator('#node-dialog-ok').waitFor({ state: 'visible', timeout: 10000 });
}

async function closeDialog(page: Page, button: string): Promise<void> {
	await page.locator(button).click();
	await page.locator(button).waitFor({ state: 'detached', timeout: 10000 });
}

/** Every field of the type's template is in the open dialog, and no label shows a raw i18n key. */
async function assertDialogRendered(page: Page, definition: EditorDefinition): Promise<void> {
	const ids = editTemplateFieldIds(definition.htmlFile, definition.type);
	assert.ok(ids.length > 0, `${definition.type}'s edit template has no fields`);
	for (const id of ids) {
		assert.ok((await page.locator(`[id="${id}"]`).count()) > 0, `${definition.type}: #${id} did not render`);
	}
	const tray = page.locator('.red-ui-tray').last();
	const text = await tray.innerText();
	assert.doesNotMatch(text, RAW_I18N_KEY, `${definition.type}: untranslated text in the dialog`);
	const placeholders = await tray
		.locator('[placeholder]')
		.evaluateAll((elements) => elements.map((element) => element.getAttribute('placeholder') ?? ''));
	for (const placeholder of placeholders) assert.doesNotMatch(placeholder, RAW_I18N_KEY);
}

/** Waits until the top tray stops sliding (the editor animates trays in and out). */
async function waitForTraySettled(page: Page): Promise<void> {
	const tray = page.locator('.red-ui-tray').last();
	let previous = '';
	for (let attempt = 0; attempt < 50; attempt++) {
		const box = JSON.stringify(await tray.boundingBox());
		if (box === previous) return;
		previous = box;
		await page.waitForTimeout(100);
	}
}

async function waitForText(page: Page, selector: string, done: RegExp, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = (await page.locator(selector).textContent()) ?? '';
		if (done.test(text) || Date.now() > deadline) return text;
		await page.waitForTimeout(100);
	}
}

describe('editor: every node in the Node-RED editor, in headless chromium', function () {
	this.timeout(60000);

	// Read while mocha collects the tests (one test per node type); a broken build fails the first
	// test instead of aborting the whole run.
	let definitions: EditorDefinition[] = [];
	let definitionsError: unknown;
	try {
		definitions = allEditorDefinitions();
	} catch (error) {
		definitionsError = error;
	}
	const flowNodes = definitions.filter((definition) => !isConfigDefinition(definition));
	const target = nativeNodeRedTarget();
	const placed = new Map<string, string>();
	let editor: EditorSession | undefined;
	let browser: BrowserSession | undefined;

	before(async function () {
		editor = await openEditor();
		browser = editor.browser;
	});

	after(() => editor?.close());

	// Each step must end without a console error, page error or failed request; the first one also
	// answers for loading the editor.
	let loadingChecked = false;
	beforeEach(function () {
		if (loadingChecked) browser?.problems.splice(0);
		loadingChecked = true;
	});
	const assertNoProblems = () => assert.deepEqual(browser?.problems, [], 'the editor reported problems');

	it(`shows every flow node of this package in the palette (${target.label})`, async function () {
		if (definitionsError) throw definitionsError;
		const page = browser!.page;
		assert.ok(flowNodes.length > 0, 'no flow node types in the package');
		await filterPalette(page, 'kraken-futures');
		for (const definition of flowNodes) {
			await page
				.locator(`.red-ui-palette-node[data-palette-type="${definition.type}"]`)
				.waitFor({ state: 'visible', timeout: 10000 });
		}
		await screenshot(page, 'palette');
		assertNoProblems();
	});

	flowNodes.forEach((definition, slot) => {
		it(`drags ${definition.type} onto the workspace and renders its edit dialog`, async function () {
			const page = browser!.page;
			const id = await dragFromPalette(page, definition.type, slot);
			placed.set(definition.type, id);
			const icon = page.locator(`[id="${id}"] image`).first();
			const iconUrl = (await icon.getAttribute('xlink:href')) ?? (await icon.getAttribute('href')) ?? '';
			assert.match(iconUrl, /(^|\/)icons\//, `${definition.type} shows no icon`);
			await openEditDialog(page, id);
			await assertDialogRendered(page, definition);
			await waitForTraySettled(page);
			await screenshot(page, `${definition.type}-dialog`);
			await closeDialog(page, '#node-dialog-cancel');
			assertNoProblems();
		});
	});

	it("marks the request node's legacy-only operations in its dropdown", async function () {
		const page = browser!.page;
		const id = placed.get('kraken-futures-request');
		assert.ok(id, 'kraken-futures-request was not placed');
		await openEditDialog(page, id);
		const options = await page
			.locator('#node-input-operation option')
			.evaluateAll((elements) =>
				elements.map((element) => [(element as HTMLOptionElement).value, element.textContent ?? '']),
			);
		await closeDialog(page, '#node-dialog-cancel');
		assert.ok(
			options.every(([, text]) => text.trim() !== ''),
			'every operation has its label',
		);
		const marked = options.filter(([, text]) => text.endsWith('(legacy API only)')).map(([value]) => value);
		assert.ok(marked.includes('getOrderStatus') && marked.includes('getAccountLog'), JSON.stringify(options));
		assert.ok(
			!marked.includes('getOpenOrders') && !marked.includes('setLeveragePreference'),
			JSON.stringify(marked),
		);
		assertNoProblems();
	});

	it('adds a paper config node from a node dialog and passes Test connection', async function () {
		const page = browser!.page;
		const user = flowNodes.find((definition) => definition.type === 'kraken-futures-order') ?? flowNodes[0];
		const id = placed.get(user.type);
		assert.ok(id, `${user.type} was not placed`);
		await openEditDialog(page, id);
		// Node-RED 4.1+ has a separate "add" button; older editors add through the pencil ("lookup").
		await page.locator('[id="node-input-btn-account-add"], [id="node-input-lookup-account"]').first().click();
		await page.locator('#node-config-input-environment').waitFor({ state: 'visible', timeout: 10000 });
		const config = definitions.find(isConfigDefinition);
		assert.ok(config, 'no config node definition');
		await assertDialogRendered(page, config);

		await page.locator('#node-config-input-environment').selectOption('paper');
		await page.locator('#node-config-test-connection').click();
		const result = await waitForText(
			page,
			'#node-config-test-result',
			/connected|refused|could not|failed|error/i,
			20000,
		);
		assert.match(result, /^Connected/, `Test connection said: ${result}`);
		const where = await waitForText(page, '#node-config-paper-state', /kept|failed|error/i, 20000);
		assert.match(
			where,
			/paper account kept in .*kraken-futures-paper\/state\.json; exchange run by this process/,
		);
		await page.locator('#node-config-paper-starting-balance').fill('30000');
		page.once('dialog', (question) => void question.accept());
		await page.locator('#node-config-paper-reset').click();
		await waitForText(page, '#node-config-paper-state', /Paper account reset to 30000 USD\./, 20000);
		await waitForTraySettled(page);
		await screenshot(page, 'kraken-futures-config-dialog');

		// The result holds only for the values it was made with, and an unnamed node is labelled by its target.
		await page.locator('#node-config-input-environment').selectOption('production');
		assert.equal(await page.locator('#node-config-test-result').textContent(), '', 'a stale result stayed');
		const label = await page.evaluate(() => {
			const red = (globalThis as unknown as LabelGlobals).RED;
			const def = red.nodes.getType('kraken-futures-config');
			return [
				def.label.call({ environment: 'paper' }),
				def.label.call({ environment: 'production' }),
				def.label.call({ environment: 'custom', restUrl: 'http://127.0.0.1:8080/' }),
				def.label.call({ name: 'mine', environment: 'production' }),
			];
		});
		assert.deepEqual(label, ['paper exchange', 'futures.kraken.com', '127.0.0.1:8080', 'mine']);
		await page.locator('#node-config-input-environment').selectOption('paper');

		await closeDialog(page, '#node-config-dialog-ok');
		const account = await page.locator('#node-input-account').inputValue();
		assert.ok(account !== '' && account !== '_ADD_', `the new config node was not selected (${account})`);
		await waitForTraySettled(page);
		const dialog = await screenshot(page, `${user.type}-dialog-configured`);
		if (user.type === 'kraken-futures-order') publishToDocs(dialog, 'node-red-order-editor.png');
		await closeDialog(page, '#node-dialog-ok');
		const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
		await page.mouse.click(chart!.x + chart!.width - 80, chart!.y + chart!.height - 80);
		await screenshot(page, 'flow');
		assertNoProblems();
	});
});
