import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openEditor, publishToDocs, SCREENSHOTS, type EditorSession } from './editor-session';
import { chooseType, fillTyped, typedField } from './typed-input';

/** Typed-input types that read a field from the message, context, environment or an expression. */
const SOURCES = ['msg', 'flow', 'global', 'env', 'jsonata'];

/** Nodes as saved before typed inputs existed: literal values and no `*Type` properties. */
const SAVED_FLOW = [
	{ id: 'tab', type: 'tab', label: 'typed inputs' },
	{ id: 'paper-account', type: 'kraken-futures-config', name: 'paper', environment: 'paper' },
	{
		id: 'order',
		type: 'kraken-futures-order',
		z: 'tab',
		account: 'paper-account',
		action: 'send',
		symbol: 'PF_XBTUSD',
		side: 'sell',
		orderType: 'lmt',
		size: '0.01',
		limitPrice: '90000',
		maxNotional: '1000',
		x: 200,
		y: 100,
		wires: [[]],
	},
	{
		id: 'cancel',
		type: 'kraken-futures-cancel',
		z: 'tab',
		account: 'paper-account',
		action: 'cancel',
		x: 200,
		y: 200,
		wires: [[]],
	},
	{
		id: 'positions',
		type: 'kraken-futures-positions',
		z: 'tab',
		account: 'paper-account',
		x: 200,
		y: 300,
		wires: [[]],
	},
	{
		id: 'request',
		type: 'kraken-futures-request',
		z: 'tab',
		account: 'paper-account',
		operation: 'getOrderBook',
		symbol: 'PF_XBTUSD',
		x: 200,
		y: 400,
		wires: [[]],
	},
];

interface EditorGlobals {
	RED: { nodes: { node(id: string): Record<string, unknown> } };
}

async function openDialog(page: Page, id: string): Promise<void> {
	await page.locator(`[id="${id}"] .red-ui-flow-node`).dblclick();
	await page.locator('#node-dialog-ok').waitFor({ state: 'visible', timeout: 10000 });
}

async function closeDialog(page: Page, button: '#node-dialog-ok' | '#node-dialog-cancel'): Promise<void> {
	await page.locator(button).click();
	await page.locator(button).waitFor({ state: 'detached', timeout: 10000 });
}

async function marked(page: Page, name: string): Promise<boolean> {
	return /\binput-error\b/.test((await page.locator(`#node-input-${name}`).getAttribute('class')) ?? '');
}

async function until(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 10000;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`${what} not reached`);
		await page.waitForTimeout(100);
	}
}

describe('editor: typed inputs in the order, cancel, positions and request dialogs, in headless chromium', function () {
	this.timeout(90000);
	let session: EditorSession | undefined;

	before(async function () {
		session = await openEditor(SAVED_FLOW);
		await session.browser.page
			.locator('[id="order"] .red-ui-flow-node')
			.waitFor({ state: 'visible', timeout: 30000 });
	});

	after(async function () {
		await session?.close();
	});

	it('shows a saved order as literal typed inputs, takes size from msg, and keeps it after save and reopen', async function () {
		const page = session!.browser.page;
		await openDialog(page, 'order');

		const literals = {
			symbol: { type: 'str', value: 'PF_XBTUSD' },
			side: { type: 'str', value: 'sell' },
			size: { type: 'num', value: '0.01' },
			limitPrice: { type: 'num', value: '90000' },
			stopPrice: { type: 'num', value: '' },
			trailingStopMaxDeviation: { type: 'num', value: '' },
			limitPriceOffsetValue: { type: 'num', value: '' },
			orderId: { type: 'str', value: '' },
			cliOrdId: { type: 'str', value: '' },
		};
		for (const [name, expected] of Object.entries(literals)) {
			const field = await typedField(page, name);
			assert.deepEqual(field.types, [expected.type, ...SOURCES], `${name} offers a literal and every source`);
			assert.equal(field.type, expected.type, `${name} of a saved flow is a literal`);
			assert.equal(field.value, expected.value, `${name} keeps its saved value`);
		}

		await chooseType(page, 'size', 'msg');
		await fillTyped(page, 'size', '');
		await until(page, () => marked(page, 'size'), 'a msg source without a property marked invalid');
		await fillTyped(page, 'size', 'qty');
		await until(page, async () => !(await marked(page, 'size')), 'msg.qty accepted');
		await chooseType(page, 'side', 'flow');
		await fillTyped(page, 'side', 'signal');
		assert.equal(await page.locator('#kraken-futures-size-unit').textContent(), 'XBT (base currency)');
		await page.screenshot({ path: join(SCREENSHOTS, 'order-dialog-typed-inputs.png') });
		publishToDocs(join(SCREENSHOTS, 'order-dialog-typed-inputs.png'), 'node-red-order-typed-inputs.png');
		await closeDialog(page, '#node-dialog-ok');

		const saved = await page.evaluate(() => {
			const node = (globalThis as unknown as EditorGlobals).RED.nodes.node('order');
			return {
				size: node.size,
				sizeType: node.sizeType,
				side: node.side,
				sideType: node.sideType,
				symbolType: node.symbolType,
			};
		});
		assert.deepEqual(saved, {
			size: 'qty',
			sizeType: 'msg',
			side: 'signal',
			sideType: 'flow',
			symbolType: 'str',
		});
		await page
			.locator('g.red-ui-flow-node-group', { hasText: 'flow.signal lmt PF_XBTUSD' })
			.waitFor({ timeout: 10000 });

		// Deploy, load the editor afresh from the saved flows, and open the dialog again.
		const deployed = page.waitForResponse(
			(response) => response.url().endsWith('/flows') && response.request().method() === 'POST',
		);
		await page.locator('#red-ui-header-button-deploy').click();
		assert.ok((await deployed).ok(), 'the deploy was accepted');
		await page.reload();
		await page.locator('[id="order"] .red-ui-flow-node').waitFor({ state: 'visible', timeout: 30000 });
		await openDialog(page, 'order');
		const size = await typedField(page, 'size');
		assert.equal(size.type, 'msg', 'size is still read from msg');
		assert.equal(size.value, 'qty');
		assert.deepEqual(await typedField(page, 'side'), {
			types: ['str', ...SOURCES],
			type: 'flow',
			value: 'signal',
		});
		assert.equal(await marked(page, 'size'), false);

		// The dialog hides the price fields an order type does not use, from the runtime's own table.
		await page.locator('#node-input-orderType').selectOption('mkt');
		assert.equal(await page.locator('#node-input-limitPrice').locator('xpath=..').isVisible(), false);
		await page.locator('#node-input-orderType').selectOption('trailing_stop');
		assert.equal(await page.locator('.kraken-futures-trailing').isVisible(), true);
		assert.equal(await page.locator('.kraken-futures-limit').isVisible(), false);
		await closeDialog(page, '#node-dialog-cancel');
	});

	it('offers the same sources for the cancel ids and symbol, and for the positions and request symbol', async function () {
		const page = session!.browser.page;
		for (const [id, names] of [
			['cancel', ['order_id', 'cliOrdId', 'symbol']],
			['positions', ['symbol']],
			['request', ['symbol']],
		] as const) {
			await openDialog(page, id);
			for (const name of names) {
				const field = await typedField(page, name);
				assert.deepEqual(field.types, ['str', ...SOURCES], `${id} ${name}`);
				assert.equal(field.type, 'str', `${id} ${name} of a saved flow is a literal`);
			}
			await closeDialog(page, '#node-dialog-cancel');
		}
		// Reloading the page after the deploy aborts requests still in flight; that is not a problem.
		const problems = session!.browser.problems.filter((problem) => !problem.includes('net::ERR_ABORTED'));
		assert.deepEqual(problems, [], 'the editor reported problems');
	});
});
