import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeProperties,
	type INodeTypeDescription,
	type INodeTypes,
} from 'n8n-workflow';

import { collectPages } from '../../nodes/KrakenFutures/actions/get-many';
import { repoRoot } from '../support/repo';
import { createPackageDir, type PackageDir } from './support/package-dir';
import { PACKAGE } from './support/workflow';

/** What an n8n user sees of the node: n8n's conventions for names, lists, fields and subtitles. */
describe('n8n node description as users see it', () => {
	let pkg: PackageDir;
	let loader: PackageDirectoryLoader;
	const description = (name: string): INodeTypeDescription =>
		loader.getNode(name).type.description as INodeTypeDescription;
	const operationsOf = (resource: string) =>
		description('krakenFutures')
			.properties.filter(
				(property) =>
					property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
			)
			.flatMap((property) => property.options as { name: string; value: string; action: string }[]);
	const shownFor = (resource: string, operation: string): INodeProperties[] =>
		description('krakenFutures').properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		);

	before(async () => {
		pkg = createPackageDir();
		loader = new PackageDirectoryLoader(pkg.dir);
		await loader.loadAll();
	});
	after(() => pkg.remove());

	const LISTS: [string, string, string][] = [
		['order', 'getOpen', 'Get Many'],
		['position', 'getOpen', 'Get Many'],
		['fill', 'getMany', 'Get Many'],
		['accountLog', 'getMany', 'Get Many'],
		['market', 'getTrades', 'Get Many Public Trades'],
		['market', 'getFundingRates', 'Get Many Funding Rates'],
	];
	for (const [resource, operation, name] of LISTS) {
		it(`${resource} → ${name}: Return All, and Limit only while Return All is off`, () => {
			const option = operationsOf(resource).find((candidate) => candidate.value === operation)!;
			assert.equal(option.name, name);
			assert.match(option.action, /^Get many /);
			const fields = shownFor(resource, operation);
			const returnAll = fields.find((field) => field.name === 'returnAll')!;
			const limit = fields.find((field) => field.name === 'limit')!;
			assert.equal(returnAll.type, 'boolean');
			assert.equal(returnAll.default, false);
			assert.equal(limit.type, 'number');
			assert.equal(limit.default, 50);
			assert.deepEqual(limit.displayOptions?.show?.returnAll, [false]);
		});
	}

	it("says in the description of each operation Kraken's Unified WebSocket does not offer that it needs the Legacy API", () => {
		const resources = ['order', 'position', 'account', 'fill', 'market', 'accountLog'];
		const marked = resources.flatMap((resource) =>
			(operationsOf(resource) as { value: string; description?: string }[])
				.filter((option) => /Needs the Legacy API/.test(option.description ?? ''))
				.map((option) => `${resource}.${option.value}`),
		);
		// The operations the engine tests expect to end with KRAKEN_UNSUPPORTED on unified.
		assert.deepEqual(marked.sort(), [
			'account.getLeverage',
			'account.getPnlCurrency',
			'account.setPnlCurrency',
			'accountLog.getMany',
			'market.getFundingRates',
			'order.getStatus',
		]);
		const status = (operationsOf('order') as { value: string; description?: string }[]).find(
			(option) => option.value === 'getStatus',
		);
		assert.match(String(status?.description), /Unified WebSocket does not offer order status by id\.$/);
		const before = (resource: string, operation: string) =>
			(
				shownFor(resource, operation).find((property) => property.name === 'options')?.options as {
					displayName: string;
					description?: string;
				}[]
			).find((option) => option.displayName === 'Before')?.description;
		assert.match(String(before('fill', 'getMany')), /Needs the Legacy API/);
		assert.match(String(before('market', 'getTrades')), /Needs the Legacy API/);
	});

	it('labels every action in plain English words (no split abbreviations or apostrophes)', () => {
		const actions = description('krakenFutures')
			.properties.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options as { action: string }[]).map((option) => option.action));
		assert.ok(actions.length >= 20);
		for (const action of actions) {
			const words = action.split(' ');
			assert.ok(
				words.every((word) => word.length > 1 || word === 'a'),
				`"${action}" has a stray one-letter word`,
			);
		}
		assert.ok(actions.includes('Get the profit and loss currency settings'));
		assert.ok(actions.includes('Arm or disarm the dead man switch'));
	});

	it('shows numbers as typed: no field rounds to a fixed number of decimals', () => {
		const precise: string[] = [];
		const visit = (properties: INodeProperties[]): void => {
			for (const property of properties) {
				if (property.typeOptions?.numberPrecision !== undefined) precise.push(property.name);
				visit((property.options ?? []).filter((option): option is INodeProperties => 'type' in option));
			}
		};
		visit(description('krakenFutures').properties);
		visit(description('krakenFuturesTrigger').properties);
		assert.deepEqual(precise, []);
	});

	it('has n8n flag an empty Size and Limit Price of a limit order, and accepts them once filled', () => {
		const properties = description('krakenFutures').properties;
		const node: INode = {
			id: 'k',
			name: 'Kraken Futures',
			type: `${PACKAGE}.krakenFutures`,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const defaults = NodeHelpers.getNodeParameters(
			properties,
			{ resource: 'order', operation: 'send', symbol: 'PF_XBTUSD', orderType: 'lmt' },
			true,
			false,
			node,
			description('krakenFutures'),
		)!;
		assert.equal(defaults.size, '');
		assert.equal(defaults.limitPrice, '');
		const issues = NodeHelpers.getNodeParametersIssues(properties, { ...node, parameters: defaults }, null);
		assert.deepEqual(Object.keys(issues?.parameters ?? {}).sort(), ['limitPrice', 'size']);
		const filled = { ...defaults, size: '0.001', limitPrice: '30000' };
		assert.equal(
			NodeHelpers.getNodeParametersIssues(properties, { ...node, parameters: filled }, null),
			null,
		);
	});

	it('Market → Get Tickers picks its symbol from the same contract list, with All Contracts', () => {
		const [symbol] = shownFor('market', 'getTickers').filter((field) => field.name === 'symbol');
		const [orderBookSymbol] = shownFor('market', 'getOrderBook').filter((field) => field.name === 'symbol');
		assert.equal(symbol.type, orderBookSymbol.type);
		assert.equal(symbol.type, 'options');
		assert.equal(symbol.typeOptions?.loadOptionsMethod, 'getSymbolsOrAll');
		assert.equal(symbol.required, false);
		assert.equal(
			typeof (loader.getNode('krakenFutures').type as { methods: { loadOptions: Record<string, unknown> } })
				.methods.loadOptions.getSymbolsOrAll,
			'function',
		);
	});

	it('reads the trigger subtitle as words, as n8n evaluates it on the canvas', () => {
		const trigger = loader.getNode('krakenFuturesTrigger').type;
		const nodeTypes: INodeTypes = {
			getByName: () => trigger as never,
			getByNameAndVersion: () => trigger as never,
			getKnownTypes: () => ({}),
		};
		const subtitleFor = (event: string): unknown => {
			const node: INode = {
				id: 't',
				name: 'Kraken Futures Trigger',
				type: `${PACKAGE}.krakenFuturesTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { event },
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return workflow.expression.getSimpleParameterValue(
				node,
				description('krakenFuturesTrigger').subtitle!,
				'internal',
				{},
			);
		};
		assert.equal(subtitleFor('orderUpdates'), 'on order updates');
		assert.equal(subtitleFor('positionUpdates'), 'on position updates');
		assert.equal(subtitleFor('funding'), 'on funding rate changes');
		assert.equal(subtitleFor('ticker'), 'on tickers');
		assert.equal(subtitleFor('fills'), 'on fills');
	});

	it('labels the ticker throttle as Node-RED does, in the same unit (milliseconds)', () => {
		const locale = JSON.parse(
			readFileSync(join(repoRoot, 'nodes/node-red/locales/en-US/kraken-futures-ticker.json'), 'utf8'),
		) as Record<string, { label: Record<string, string> }>;
		const nodeRedLabel = locale['kraken-futures-ticker'].label.throttleMs;
		const nodeRedHtml = readFileSync(join(repoRoot, 'nodes/node-red/kraken-futures-ticker.html'), 'utf8');
		assert.match(nodeRedHtml, /id="node-input-throttleMs"[^>]*\/> ms/);
		const throttle = description('krakenFuturesTrigger').properties.find((property) =>
			/throttle/i.test(property.name),
		)!;
		assert.equal(throttle.displayName, nodeRedLabel);
		assert.equal(throttle.name, 'throttleMs');
		assert.match(throttle.description ?? '', /milliseconds/);
	});
});

describe('n8n list paging (collectPages)', () => {
	const pages = [[{ id: 6 }, { id: 5 }, { id: 4 }], [{ id: 3 }, { id: 2 }, { id: 1 }], []];
	const fetchPage = (calls: number[]) => async (cursor: number | undefined) => {
		const index = cursor ?? 0;
		calls.push(index);
		return { rows: pages[index], next: index + 1 };
	};
	const key = (row: { id?: unknown }) => String(row.id);

	it('pages until an empty page when returning all, keeping only matching rows', async () => {
		const calls: number[] = [];
		const rows = await collectPages(fetchPage(calls), key, (row) => Number(row.id) % 2 === 0, undefined);
		assert.deepEqual(
			rows.map((row) => row.id),
			[6, 4, 2],
		);
		assert.deepEqual(calls, [0, 1, 2]);
	});

	it('stops fetching once the limit is reached', async () => {
		const calls: number[] = [];
		const rows = await collectPages(fetchPage(calls), key, () => true, 2);
		assert.deepEqual(
			rows.map((row) => row.id),
			[6, 5],
		);
		assert.deepEqual(calls, [0]);
	});

	it('ends when a page repeats rows already seen (a cursor that does not move)', async () => {
		let calls = 0;
		const rows = await collectPages<number>(
			async () => {
				calls++;
				return { rows: [{ id: 1 }], next: 1 };
			},
			key,
			() => true,
			undefined,
		);
		assert.equal(rows.length, 1);
		assert.equal(calls, 2);
	});
});
