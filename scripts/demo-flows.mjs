// The flows `npm start` deploys: every example on its own tab, on one paper config node, merged with
// whatever the user built in the demo's user folder.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

const CONFIG_TYPE = 'kraken-futures-config';
export const PAPER_CONFIG_ID = 'kraken-futures-paper';

function exampleFiles(folder) {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.json'))
		.sort();
}

function tabLabel(file) {
	const words = file
		.replace(/\.json$/, '')
		.split(sep)
		.join(' / ')
		.replace(/[-_]+/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Replaces every string equal to a key of `ids` anywhere in `value`. */
function rewriteIds(value, ids) {
	if (typeof value === 'string') return ids.get(value) ?? value;
	if (Array.isArray(value)) return value.map((item) => rewriteIds(item, ids));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteIds(item, ids)]));
	}
	return value;
}

/**
 * One flows array from every example under `root`/examples: each file on its own tab, ids made unique
 * per file (and stable across starts), and every reference to a kraken-futures-config node pointed at
 * the one paper config node.
 */
export function buildExampleFlows(root) {
	const folder = join(root, 'examples');
	const flows = [];
	let configTemplate = {};
	for (const file of exampleFiles(folder)) {
		const nodes = JSON.parse(readFileSync(join(folder, file), 'utf8'));
		if (!Array.isArray(nodes)) throw new Error(`examples/${file} is not a Node-RED flow array`);
		const unique = (id) => createHash('sha256').update(`${file}\0${id}`).digest('hex').slice(0, 16);
		const ids = new Map(nodes.map((node) => [node.id, unique(node.id)]));
		for (const node of nodes) {
			if (node.type !== CONFIG_TYPE) continue;
			ids.set(node.id, PAPER_CONFIG_ID);
			configTemplate = { ...node, ...configTemplate };
		}
		const tabs = nodes.filter((node) => node.type === 'tab');
		const ownTab = { id: unique('tab'), type: 'tab', label: tabLabel(file), disabled: false, info: '' };
		if (tabs.length === 0) flows.push(ownTab);
		const containers = new Set(
			nodes.filter((node) => /^(tab|subflow)$/.test(node.type)).map((node) => node.id),
		);
		const homeTab = tabs.length === 0 ? ownTab.id : ids.get(tabs[0].id);
		for (const node of nodes) {
			if (node.type === CONFIG_TYPE) continue;
			const placed = 'x' in node || 'wires' in node || 'z' in node;
			const rewritten = rewriteIds(node, ids);
			if (placed && !containers.has(node.z)) rewritten.z = homeTab;
			flows.push(rewritten);
		}
	}
	const { x, y, z, ...configDefaults } = configTemplate;
	flows.push({
		...configDefaults,
		id: PAPER_CONFIG_ID,
		type: CONFIG_TYPE,
		// Unnamed, so the editor labels it by where it points.
		name: '',
		environment: 'paper',
		api: 'unified',
	});
	return flows;
}

/**
 * The examples laid out afresh, followed by everything the user added: their own tabs, nodes (also on
 * example tabs) and config nodes. Only the nodes the examples themselves define are replaced, so the
 * demo's config node always points at the paper exchange again.
 */
export function keepUserFlows(saved, examples) {
	const exampleIds = new Set(examples.map((node) => node.id));
	return [...examples, ...saved.filter((node) => node && !exampleIds.has(node.id))];
}
