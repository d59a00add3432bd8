import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { NodeAPI } from 'node-red';
import type { KrakenFuturesTradingApi } from '../../core';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import type { TransportName } from '../support/transports';

/** The parts of node-red-node-test-helper (untyped) these specs use. */
export interface TestNode extends EventEmitter {
	id: string;
	receive(msg: Record<string, unknown>): void;
	status: { args: unknown[][]; lastCall?: { args: unknown[] } };
	error: { args: unknown[][] };
	warn: { args: unknown[][] };
}

export interface NodeTestHelper {
	init(runtimePath: string, settings?: Record<string, unknown>): void;
	startServer(): Promise<void>;
	stopServer(): Promise<void>;
	load(
		nodes: NodeModule | NodeModule[],
		flow: Record<string, unknown>[],
		credentials?: Record<string, Record<string, string>>,
	): Promise<void>;
	unload(): Promise<void>;
	setFlows(
		flow: Record<string, unknown>[],
		type: 'full' | 'flows' | 'nodes',
		credentials?: Record<string, Record<string, string>>,
	): Promise<void>;
	getNode(id: string): TestNode;
	request(): SuperTestAgent;
	/** The runtime settings; `exportNodeSettings` is what the editor receives as `RED.settings`. */
	settings(): { exportNodeSettings(safe: Record<string, unknown>): Record<string, unknown> };
}

interface SuperTestAgent {
	get(path: string): SuperTestRequest;
	post(path: string): SuperTestRequest;
}

interface SuperTestRequest extends PromiseLike<{ status: number; body: Record<string, unknown> }> {
	send(body: unknown): SuperTestRequest;
	query(query: Record<string, string>): SuperTestRequest;
	set(name: string, value: string): SuperTestRequest;
}

export type NodeModule = (RED: NodeAPI) => void;

/** The trading API a deployed config node owns (REST v3 on legacy, the unified client on unified). */
export function restClientOf(id = 'cfg'): Promise<KrakenFuturesTradingApi> {
	return (
		helper.getNode(id) as unknown as { connection: { rest(): Promise<KrakenFuturesTradingApi> } }
	).connection.rest();
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const helper = require('node-red-node-test-helper') as NodeTestHelper;

/** Node-RED 4 supports Node 20; Node-RED 5 wants Node 22 or newer. */
export function runtimePath(): string {
	const major = Number(process.versions.node.split('.')[0]);
	return require.resolve(major >= 22 ? 'node-red-5' : 'node-red');
}

export function initHelper(): void {
	helper.init(runtimePath());
}

/** A core node module (e.g. `common/20-inject.js`) of the Node-RED runtime in use. */
export function coreNode(file: string): NodeModule {
	const nodesPackage = require.resolve('@node-red/nodes/package.json', { paths: [runtimePath()] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(dirname(nodesPackage), 'core', file)) as NodeModule;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const configNode = require('../../nodes/node-red/kraken-futures-config') as NodeModule;
export const orderNode = require('../../nodes/node-red/kraken-futures-order') as NodeModule;
export const cancelNode = require('../../nodes/node-red/kraken-futures-cancel') as NodeModule;
export const positionsNode = require('../../nodes/node-red/kraken-futures-positions') as NodeModule;
export const accountsNode = require('../../nodes/node-red/kraken-futures-accounts') as NodeModule;
export const requestNode = require('../../nodes/node-red/kraken-futures-request') as NodeModule;
export const tickerNode = require('../../nodes/node-red/kraken-futures-ticker') as NodeModule;
export const fillsNode = require('../../nodes/node-red/kraken-futures-fills') as NodeModule;
export const fundingNode = require('../../nodes/node-red/kraken-futures-funding') as NodeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** A paper exchange with a still market, so prices and fills only move when a test trades. */
export function startPaper(): Promise<PaperExchangeServer> {
	return startPaperExchange({ port: 0, clock: false, heartbeatMs: 60_000 });
}

export const TAB = { id: 'tab', type: 'tab', label: 'test' };

/**
 * A `custom` config node pointed at the given paper exchange, on the given transport. On legacy it
 * has no `api` property, like every config node saved before the choice existed.
 */
export function configFor(
	paper: PaperExchangeServer,
	id = 'cfg',
	api: TransportName = 'legacy',
): Record<string, unknown> {
	const config = { id, type: 'kraken-futures-config', environment: 'custom' };
	if (api === 'unified') {
		return {
			...config,
			api,
			uwsPublicUrl: paper.uwsPublicUrl,
			uwsPrivateUrl: paper.uwsPrivateUrl,
			spotRestUrl: paper.spotRestUrl,
		};
	}
	return { ...config, restUrl: paper.restUrl, wsUrl: paper.wsUrl };
}

export function credentialsFor(
	paper: PaperExchangeServer,
	id = 'cfg',
	api: TransportName = 'legacy',
): Record<string, Record<string, string>> {
	if (api === 'unified') {
		return { [id]: { unifiedApiKey: paper.spotApiKey, unifiedApiSecret: paper.spotApiSecret } };
	}
	return { [id]: { apiKey: paper.apiKey, apiSecret: paper.apiSecret } };
}

/**
 * Gives every flow node a position: Node-RED treats a node without x/y as a config node, which
 * changes how it starts (and breaks Catch nodes on Node-RED 5).
 */
export function placed(flow: Record<string, unknown>[]): Record<string, unknown>[] {
	return flow.map((node) =>
		node.type === 'tab' || node.type === 'kraken-futures-config' || 'x' in node
			? node
			: { x: 100, y: 100, ...node },
	);
}

/** One node of `type` wired to a helper `out`, plus a Catch node wired to a helper `caught`. */
export function singleNodeFlow(
	paper: PaperExchangeServer,
	type: string,
	form: Record<string, unknown> = {},
	api: TransportName = 'legacy',
): Record<string, unknown>[] {
	return placed([
		TAB,
		configFor(paper, 'cfg', api),
		{ id: 'node', type, z: 'tab', account: 'cfg', ...form, wires: [['out']] },
		{ id: 'out', type: 'helper', z: 'tab' },
		{ id: 'catch', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] },
		{ id: 'caught', type: 'helper', z: 'tab' },
	]);
}

/** Sends one msg into a node and resolves with what comes out. */
export async function roundTrip(node: TestNode, out: TestNode, msg: Record<string, unknown>) {
	const received = nextMessage(out);
	node.receive(msg);
	return received;
}

/** The next message a helper node receives. */
export function nextMessage(node: TestNode, timeoutMs = 5000): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no message on ${node.id} within ${timeoutMs} ms`)),
			timeoutMs,
		);
		node.once('input', (msg: Record<string, unknown>) => {
			clearTimeout(timer);
			resolve(msg);
		});
	});
}

/** The next error a node reports with done(err) / node.error. */
export function nextError(
	node: TestNode,
	timeoutMs = 5000,
): Promise<{ error: Error; msg: Record<string, unknown> }> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no error on ${node.id} within ${timeoutMs} ms`)),
			timeoutMs,
		);
		node.once('call:error', (call: { args: [Error, Record<string, unknown>] }) => {
			clearTimeout(timer);
			resolve({ error: call.args[0], msg: call.args[1] });
		});
	});
}

/** Waits until the node's status text matches. */
export function statusMatching(
	node: TestNode,
	pattern: RegExp,
	timeoutMs = 5000,
): Promise<{ fill?: string; shape?: string; text?: string }> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			node.off('call:status', onStatus);
			reject(new Error(`status of ${node.id} never matched ${pattern}`));
		}, timeoutMs);
		function onStatus(call: { args: [{ fill?: string; shape?: string; text?: string }] }): void {
			const status = call.args[0];
			if (typeof status === 'object' && status !== null && pattern.test(status.text ?? '')) {
				clearTimeout(timer);
				node.off('call:status', onStatus);
				resolve(status);
			}
		}
		node.on('call:status', onStatus);
	});
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns true. */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > until) throw new Error(`${what} not reached within ${timeoutMs} ms`);
		await delay(20);
	}
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * Mocha hooks every runtime suite needs: one paper exchange for the suite, a fresh Node-RED test
 * server per test, and a clean exchange after each. Returns a getter for the running exchange.
 */
export function usePaperExchange(
	start: () => Promise<PaperExchangeServer> = startPaper,
): () => PaperExchangeServer {
	let paper: PaperExchangeServer | undefined;
	before(async () => {
		initHelper();
		paper = await start();
	});
	after(() => paper?.stop());
	beforeEach(() => helper.startServer());
	afterEach(async () => {
		await helper.unload();
		await helper.stopServer();
		paper?.reset();
	});
	return () => {
		if (paper === undefined) throw new Error('the paper exchange has not started');
		return paper;
	};
}

/** A resting buy limit order on PF_XBTUSD placed through the deployed config node's client; returns its order id. */
export async function placeRestingOrder(cliOrdId: string, limitPrice = 50000): Promise<string> {
	const client = await restClientOf();
	const result = await client.sendOrder({
		orderType: 'lmt',
		symbol: 'PF_XBTUSD',
		side: 'buy',
		size: 0.01,
		limitPrice,
		cliOrdId,
	});
	return String(result.sendStatus.order_id);
}
