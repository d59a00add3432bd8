import { budgetsFor, type RollingWindowBudget } from '../core';
import type { PaperExchangeServer } from '../paper/server';
import { nodeRedHost } from './node-red-host';
import { ORDER, QUALIFYING_BELOW, SYMBOL, type TickBotFactory } from './tick-driver';

/**
 * The hosts build their REST client with Kraken's budget (500 per 10 s), which a benchmark of
 * 1000 orders would exhaust in seconds. The limiter still runs on every order; only its budget
 * (shared per key in this process) is raised, so the benchmark measures latency, not waiting.
 */
export function widenDefaultBudget(apiKey: string): void {
	const derivatives = budgetsFor(apiKey).derivatives as RollingWindowBudget & { budget: number };
	derivatives.budget = Number.MAX_SAFE_INTEGER;
}

/** The function node's body: the order for a qualifying tick, tied to it by cliOrdId. */
const BUILD_ORDER = `msg.payload = {
	orderType: '${ORDER.orderType}', symbol: '${ORDER.symbol}', side: '${ORDER.side}',
	size: ${ORDER.size}, limitPrice: ${ORDER.limitPrice}, cliOrdId: 'tick-' + msg.payload.time
};
return msg;`;

/** The same condition and order in one function node. */
const CONDITION_AND_ORDER = `if (!(msg.payload.last < ${QUALIFYING_BELOW})) return null;
${BUILD_ORDER}`;

/**
 * Ticker trigger → switch (last below the threshold) → function (build the order) → order node;
 * with `oneFunction`, the condition and the order are one function node (one hop less).
 */
export function tickFlow(server: PaperExchangeServer, oneFunction = false): Record<string, unknown>[] {
	const z = 'bench';
	return [
		{ id: z, type: 'tab', label: 'tick to order' },
		{
			id: 'cfg',
			type: 'kraken-futures-config',
			environment: 'custom',
			restUrl: server.restUrl,
			wsUrl: server.wsUrl,
			// A deploy carries credentials inline; the runtime moves them into its credential store.
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
		},
		{
			id: 'ticker',
			type: 'kraken-futures-ticker',
			z,
			account: 'cfg',
			symbols: SYMBOL,
			feed: 'ticker',
			throttleMs: '0',
			x: 100,
			y: 100,
			wires: [[oneFunction ? 'build' : 'condition']],
		},
		{
			id: 'condition',
			type: 'switch',
			z,
			property: 'payload.last',
			propertyType: 'msg',
			rules: [{ t: 'lt', v: String(QUALIFYING_BELOW), vt: 'num' }],
			checkall: 'true',
			outputs: 1,
			x: 300,
			y: 100,
			wires: [['build']],
		},
		{
			id: 'build',
			type: 'function',
			z,
			func: oneFunction ? CONDITION_AND_ORDER : BUILD_ORDER,
			outputs: 1,
			x: 500,
			y: 100,
			wires: [['order']],
		},
		{
			id: 'order',
			type: 'kraken-futures-order',
			z,
			account: 'cfg',
			action: 'send',
			x: 700,
			y: 100,
			wires: [[]],
		},
	];
}

/** The tick-to-order flow deployed on a real embedded Node-RED runtime. */
export function nodeRedBot(oneFunction: boolean): TickBotFactory {
	return async (server) => {
		const host = await nodeRedHost();
		widenDefaultBudget(server.apiKey);
		await host.deploy(tickFlow(server, oneFunction));
		return {
			ready: waitForSubscription(server),
			stop: () => host.deploy([]),
		};
	};
}

/** Resolves once the paper exchange has a WebSocket client (the ticker subscription follows at once). */
export async function waitForSubscription(server: PaperExchangeServer, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (server.wsConnectionCount === 0) {
		if (Date.now() > deadline) throw new Error('the flow never connected to the exchange');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	await new Promise((resolve) => setTimeout(resolve, 200));
}
