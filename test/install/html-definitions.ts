import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import type { CallExpression, Expression, ObjectExpression, Property, SpreadElement } from 'acorn';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

/** One `RED.nodes.registerType(type, {...})` call from a node's editor .html. */
export interface EditorDefinition {
	type: string;
	/** The definition's own properties by name, as parsed expressions. */
	properties: Map<string, Expression>;
	/** The set (package.json node-red.nodes key) whose .html holds it. */
	set: string;
	htmlFile: string;
}

/** The `node-red.nodes` map of the repository's package.json: set name → .js path. */
export function nodeRedSets(): Record<string, string> {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		'node-red'?: { nodes?: Record<string, string> };
	};
	return manifest['node-red']?.nodes ?? {};
}

/** The same lookup Node-RED's registry does: the .html beside the .js. */
export function htmlBeside(jsFile: string): string {
	return jsFile.replace(/\.js$/, '.html');
}

const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The bodies of the html's JavaScript blocks (no type, or a JavaScript type). */
export function javascriptBlocks(html: string): string[] {
	const blocks: string[] = [];
	for (const [, attributes, body] of html.matchAll(SCRIPT_BLOCK)) {
		const type = /\btype\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1].toLowerCase();
		if (type === undefined || type === 'text/javascript' || type === 'application/javascript')
			blocks.push(body);
	}
	return blocks;
}

function isRegisterType(call: CallExpression): boolean {
	const callee = call.callee;
	if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false;
	if (callee.property.name !== 'registerType') return false;
	const owner = callee.object;
	return (
		owner.type === 'MemberExpression' &&
		owner.property.type === 'Identifier' &&
		owner.property.name === 'nodes'
	);
}

function propertyName(property: Property | SpreadElement): string | undefined {
	if (property.type !== 'Property' || property.computed) return undefined;
	if (property.key.type === 'Identifier') return property.key.name;
	if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
	return undefined;
}

/** Parses every registerType call of one .html; throws when a block is not valid JavaScript. */
export function parseEditorDefinitions(htmlFile: string, set: string): EditorDefinition[] {
	const definitions: EditorDefinition[] = [];
	for (const block of javascriptBlocks(readFileSync(htmlFile, 'utf8'))) {
		const program = parse(block, { ecmaVersion: 'latest', sourceType: 'script' });
		simple(program, {
			CallExpression(node) {
				const call = node as CallExpression;
				if (!isRegisterType(call)) return;
				const [typeArgument, definition] = call.arguments;
				if (typeArgument?.type !== 'Literal' || typeof typeArgument.value !== 'string') {
					throw new Error(`${htmlFile}: registerType needs a literal type name`);
				}
				const properties = new Map<string, Expression>();
				if (definition?.type === 'ObjectExpression') {
					for (const property of (definition as ObjectExpression).properties) {
						const name = propertyName(property);
						if (name !== undefined && property.type === 'Property')
							properties.set(name, property.value as Expression);
					}
				}
				definitions.push({ type: typeArgument.value, properties, set, htmlFile });
			},
		});
	}
	return definitions;
}

/** Every editor definition of every set, read from the built tree (`<root>/<path in package.json>`). */
export function allEditorDefinitions(root = repoRoot): EditorDefinition[] {
	const definitions: EditorDefinition[] = [];
	for (const [set, jsPath] of Object.entries(nodeRedSets())) {
		const htmlFile = htmlBeside(join(root, jsPath));
		if (!existsSync(htmlFile)) throw new Error(`no ${htmlFile} beside ${jsPath}`);
		definitions.push(...parseEditorDefinitions(htmlFile, set));
	}
	return definitions;
}

export function isConfigDefinition(definition: EditorDefinition): boolean {
	const category = definition.properties.get('category');
	return category?.type === 'Literal' && category.value === 'config';
}

/** The ids of the form fields (`node-input-*`, `node-config-input-*`) in a type's edit template. */
export function editTemplateFieldIds(htmlFile: string, type: string): string[] {
	const html = readFileSync(htmlFile, 'utf8');
	for (const [, attributes, body] of html.matchAll(SCRIPT_BLOCK)) {
		if (!new RegExp(`data-template-name\\s*=\\s*["']${type}["']`).test(attributes)) continue;
		return [...body.matchAll(/\bid\s*=\s*["'](node-(?:config-)?input-[\w-]+)["']/g)].map((match) => match[1]);
	}
	throw new Error(`${htmlFile} has no edit template for ${type}`);
}
