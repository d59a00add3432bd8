import assert from 'node:assert/strict';

import type { TransportName } from './transports';

export type Items = Record<string, unknown>[];

/**
 * Nodes of the example workflows that make a call only the legacy API offers: on `unified` each ends
 * with KRAKEN_UNSUPPORTED, which ends its run (and nothing after it runs).
 */
export const LEGACY_ONLY_NODES: Readonly<Record<string, readonly string[]>> = {
	'fills-and-account-log.json': ['Get Account Log'],
};

/** What each manual example must produce on each API, beyond "every node ran without an error". */
export const MANUAL_CHECKS: Readonly<
	Record<string, (items: (node: string) => Items, api: TransportName) => void>
> = {
	'account-balances-and-settings.json': (items) => {
		assert.ok(items('Get Balances').every((wallet) => typeof wallet.account === 'string'));
		assert.ok(items('Get Balances').length > 0);
		const [leverage] = items('Set Isolated Leverage');
		assert.deepEqual(
			{ symbol: leverage.symbol, maxLeverage: leverage.maxLeverage, result: leverage.result },
			{ symbol: 'PF_XBTUSD', maxLeverage: 5, result: 'success' },
		);
	},
	'fills-and-account-log.json': (items, api) => {
		const [trade] = items('Trade');
		assert.equal(trade.status, 'placed');
		assert.ok(items('Get Fills').some((fill) => fill.order_id === trade.order_id));
		if (api === 'legacy') assert.ok(items('Get Account Log').some((entry) => entry.info === 'futures trade'));
	},
	'market-data.json': (items) => {
		assert.deepEqual(
			items('Get Ticker').map((ticker) => ticker.symbol),
			['PF_XBTUSD'],
		);
		assert.ok((items('Get Order Book')[0].bids as unknown[]).length > 0);
		assert.ok(items('Get Instruments').some((instrument) => instrument.symbol === 'PF_XBTUSD'));
	},
	'order-batch-cancel-all-dead-mans-switch.json': (items) => {
		assert.ok(items('Send Batch').length > 0);
		assert.equal(items("Disarm Dead Man's Switch")[0].active, false);
	},
	'order-lifecycle.json': (items) => {
		const [sent] = items('Send Limit Order');
		assert.equal(sent.status, 'placed');
		assert.equal(items('Move Limit Price')[0].status, 'edited');
		assert.ok(!items('Get Open Orders').some((order) => order.order_id === sent.order_id), 'cancelled');
	},
	'position-flatten.json': (items) => {
		assert.equal(items('Close Position')[0].status, 'placed');
	},
};

/**
 * The errors a run of `file` on `api` must show, by node: none, or KRAKEN_UNSUPPORTED on each
 * legacy-only node on `unified`. `errors` are "node: message description" lines.
 */
export function assertExpectedErrors(file: string, api: TransportName, errors: string[]): void {
	const legacyOnly = api === 'unified' ? (LEGACY_ONLY_NODES[file] ?? []) : [];
	assert.deepEqual(
		errors.map((line) => line.slice(0, line.indexOf(':'))),
		[...legacyOnly],
		`${file} (${api}): ${errors.join('\n')}`,
	);
	for (const line of errors) {
		assert.match(line, /KRAKEN_UNSUPPORTED/, line);
		assert.match(line, /Unified WebSocket/, line);
	}
}
