import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LoadOptionsContext, PackageDirectoryLoader } from 'n8n-core';
import { Workflow, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { getSymbols } from '../../nodes/KrakenFutures/methods/loadOptions';
import { repoRoot } from '../support/repo';
import { loadEngine, type Engine } from './support/engine';
import { createPackageDir, type PackageDir } from './support/package-dir';
import { startPaper, type Paper } from './support/paper';
import { PACKAGE } from './support/workflow';

describe('n8n packaging: what PackageDirectoryLoader loads', () => {
	let pkg: PackageDir;
	let loader: PackageDirectoryLoader;

	before(async () => {
		pkg = createPackageDir();
		loader = new PackageDirectoryLoader(pkg.dir);
		await loader.loadAll();
	});
	after(() => pkg.remove());

	it('loads exactly the nodes and the credential the n8n field lists', () => {
		assert.equal(loader.packageName, PACKAGE);
		assert.deepEqual(Object.keys(loader.known.nodes).sort(), ['krakenFutures', 'krakenFuturesTrigger']);
		assert.deepEqual(Object.keys(loader.known.credentials), ['krakenFuturesApi']);
		const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
			n8n: { n8nNodesApiVersion: number };
		};
		assert.equal(manifest.n8n.n8nNodesApiVersion, 1);
	});

	function description(name: string): INodeTypeDescription {
		return loader.getNode(name).type.description as INodeTypeDescription;
	}

	it('resolves different light and dark icons inside the package for both nodes and the credential', () => {
		const owners = [
			description('krakenFutures'),
			description('krakenFuturesTrigger'),
			loader.getCredential('krakenFuturesApi').type,
		];
		for (const owner of owners) {
			const iconUrl = owner.iconUrl as { light: string; dark: string };
			assert.equal(typeof iconUrl, 'object');
			const files = [iconUrl.light, iconUrl.dark].map((url) =>
				readFileSync(join(pkg.dir, url.replace(`icons/${PACKAGE}/`, '')), 'utf8'),
			);
			assert.match(files[0], /<svg/);
			assert.notEqual(files[0], files[1]);
		}
	});

	it('reads the codex: Finance & Accounting', () => {
		for (const name of ['krakenFutures', 'krakenFuturesTrigger']) {
			assert.deepEqual(description(name).codex?.categories, ['Finance & Accounting']);
		}
	});

	it('offers the action node, not the trigger, as an AI tool', () => {
		assert.equal(description('krakenFutures').usableAsTool, true);
		assert.equal(description('krakenFuturesTrigger').usableAsTool, undefined);
		assert.ok(description('krakenFutures').subtitle);
		assert.ok(description('krakenFuturesTrigger').subtitle);
	});

	it('has the resources and operations of the issue, each with an action name for agents', () => {
		const properties = description('krakenFutures').properties;
		const operations = Object.fromEntries(
			properties
				.filter((property) => property.name === 'operation')
				.map((property) => {
					const resource = (property.displayOptions?.show?.resource as string[])[0];
					const options = property.options as { value: string; action?: string }[];
					for (const option of options) assert.ok(option.action, `${resource}.${option.value} has an action`);
					return [resource, options.map((option) => option.value).sort()];
				}),
		);
		assert.deepEqual(operations, {
			order: ['batch', 'cancel', 'cancelAll', 'deadManSwitch', 'edit', 'getOpen', 'getStatus', 'send'],
			position: ['getOpen'],
			account: ['getBalances', 'getLeverage', 'getPnlCurrency', 'setLeverage', 'setPnlCurrency'],
			fill: ['getMany'],
			market: ['getFundingRates', 'getInstruments', 'getOrderBook', 'getTickers', 'getTrades'],
			accountLog: ['getMany'],
		});
	});

	it('shows each price field only for the order types that use it', () => {
		const properties = description('krakenFutures').properties;
		const shownFor = (name: string) =>
			properties
				.filter(
					(property) => property.name === name && property.displayOptions?.show?.operation?.includes('send'),
				)
				.map((property) => property.displayOptions?.show?.orderType);
		assert.deepEqual(shownFor('limitPrice'), [['lmt', 'post', 'ioc', 'fok']]);
		assert.deepEqual(shownFor('stopPrice'), [['stp', 'take_profit']]);
		assert.deepEqual(shownFor('trailingStopMaxDeviation'), [['trailing_stop']]);
	});
});

describe('n8n symbol list (loadOptions) through a real LoadOptionsContext', () => {
	let engine: Engine;
	let paper: Paper;

	before(async () => {
		engine = await loadEngine();
		paper = await startPaper();
	});
	after(async () => {
		await paper.server.stop();
		engine.close();
	});

	it('lists the tradeable contracts from the instruments endpoint, perpetuals first', async () => {
		const node: INode = {
			id: 'k',
			name: 'Kraken Futures',
			type: `${PACKAGE}.krakenFutures`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'order', operation: 'send' },
			credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: engine.nodeTypes,
		});
		const context = new LoadOptionsContext(
			workflow,
			node,
			engine.additionalData(paper.credentials),
			'symbol',
		);
		const options = await getSymbols.call(context);
		const names = options.map((option) => option.name);
		assert.ok(names.includes('PF_XBTUSD'));
		assert.ok(names.includes('PI_XBTUSD'));
		const firstFixed = names.findIndex((name) => name.startsWith('F'));
		assert.ok(firstFixed === -1 || names.slice(firstFixed).every((name) => name.startsWith('F')));
		assert.deepEqual(
			paper.server.requests.entries.map((entry) => entry.path),
			['/derivatives/api/v3/instruments'],
		);
	});
});
