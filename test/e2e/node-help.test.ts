import assert from 'node:assert/strict';
import { join } from 'node:path';
import { allEditorDefinitions } from '../install/html-definitions';
import type { BrowserSession } from './browser';
import { openEditor, SCREENSHOTS, type EditorSession } from './editor-session';

/** What the help sidebar shows for one node type, read from the rendered DOM. */
interface RenderedHelp {
	headings: string[];
	/** Each `message-properties` entry: the name, the type badge and the description. */
	properties: { name: string; type: string; description: string }[];
	/** Property lists whose entries lost their type badge (names and types run together). */
	untypedEntries: string[];
	/** Visible text outside code blocks. */
	text: string;
}

interface EditorGlobals {
	RED: { sidebar: { show(id: string): void; help: { show(type: string): void } } };
}

/** Markdown that Node-RED's renderer did not turn into markup shows up as these characters. */
const RAW_MARKDOWN = [
	{ name: 'a description-list line', pattern: /(^|\n)\s*:\s*\S[^\n]*:/ },
	{ name: 'a heading marker', pattern: /(^|\n)\s*#{1,6}\s/ },
	{ name: 'bold or italic markers', pattern: /\*\*|__/ },
	{ name: 'a backtick', pattern: /`/ },
];

/**
 * Shows the help of `type` in the sidebar and waits until it is visible. The editor may still be
 * settling its sidebar after start-up and switch to another tab, so the help is asked for again
 * until it stays in view.
 */
async function showHelp(session: BrowserSession, type: string) {
	// The help stack's class is the same in Node-RED 4.1 and 5; the sidebar around it is not
	// (an id in 4.1, a class in 5).
	const help = session.page.locator('.red-ui-sidebar-help-stack .red-ui-help .red-ui-help').last();
	// A generous bound: on a loaded machine the editor can take many seconds to render a sidebar.
	const deadline = Date.now() + 60_000;
	for (;;) {
		await session.page.evaluate((nodeType) => {
			const red = (globalThis as unknown as EditorGlobals).RED;
			red.sidebar.show('help');
			red.sidebar.help.show(nodeType);
		}, type);
		try {
			await help.waitFor({ state: 'visible', timeout: 3_000 });
			return help;
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}
	}
}

async function renderHelp(session: BrowserSession, type: string): Promise<RenderedHelp> {
	const help = await showHelp(session, type);
	return help.evaluate((root) => {
		const properties = Array.from(root.querySelectorAll('dl.message-properties > dt')).map((dt) => {
			const badge = dt.querySelector('.property-type');
			const name = Array.from(dt.childNodes)
				.filter((child) => child !== badge)
				.map((child) => child.textContent ?? '')
				.join('')
				.trim();
			const dd = dt.nextElementSibling;
			return {
				name,
				type: badge?.textContent?.trim() ?? '',
				description: dd?.tagName === 'DD' ? (dd.textContent ?? '').trim() : '',
			};
		});
		const untypedEntries = Array.from(root.querySelectorAll('dl > dt'))
			.filter((dt) => dt.querySelector('.property-type') === null)
			.map((dt) => dt.textContent ?? '');
		const clone = root.cloneNode(true) as HTMLElement;
		clone.querySelectorAll('pre, code').forEach((element) => element.remove());
		return {
			headings: Array.from(root.querySelectorAll('h3')).map((heading) => (heading.textContent ?? '').trim()),
			properties,
			untypedEntries,
			text: clone.innerText,
		};
	});
}

describe('editor: every node help renders as intended in the Node-RED editor (chromium)', function () {
	this.timeout(120_000);

	const types = [
		'kraken-futures-config',
		'kraken-futures-order',
		'kraken-futures-cancel',
		'kraken-futures-positions',
		'kraken-futures-accounts',
		'kraken-futures-request',
		'kraken-futures-ticker',
		'kraken-futures-funding',
		'kraken-futures-fills',
	];
	let editor: EditorSession | undefined;
	let browser: BrowserSession | undefined;

	before(async function () {
		editor = await openEditor();
		browser = editor.browser;
	});

	after(() => editor?.close());

	it('covers every node type of the package', function () {
		const defined = allEditorDefinitions().map((definition) => definition.type);
		assert.deepEqual([...defined].sort(), [...types].sort());
	});

	for (const type of types) {
		it(`renders the help of ${type} with headings, typed property lists and no raw markdown`, async function () {
			const help = await renderHelp(browser!, type);
			assert.ok(help.headings.length >= 1, `${type}: no section headings`);
			for (const heading of help.headings)
				assert.match(heading, /^[A-Z][A-Za-z ]+$/, `${type}: heading "${heading}"`);
			assert.ok(help.properties.length >= 1, `${type}: no message-properties list`);
			assert.deepEqual(help.untypedEntries, [], `${type}: list entries without a type`);
			for (const property of help.properties) {
				assert.match(property.name, /^[A-Za-z_][\w. ]*$/, `${type}: property name "${property.name}"`);
				assert.match(property.type, /^[a-z]+$/, `${type}: ${property.name} has type "${property.type}"`);
				assert.ok(property.description.length > 3, `${type}: ${property.name} has no description`);
			}
			for (const { name, pattern } of RAW_MARKDOWN) {
				assert.doesNotMatch(help.text, pattern, `${type}: the help shows ${name}`);
			}
			await browser!.page.screenshot({ path: join(SCREENSHOTS, `${type}-help.png`) });
		});
	}
});
