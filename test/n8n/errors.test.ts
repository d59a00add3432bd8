import assert from 'node:assert/strict';

import { loadEngine, type Engine } from './support/engine';
import { runOperation } from './support/operation';
import { startPaper, type Paper } from './support/paper';

const limitBuy = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'send',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	orderType: 'lmt',
	size: 0.001,
	limitPrice: 30000,
	...extra,
});
const continueOnFail = { settings: { onError: 'continueRegularOutput' as const } };

describe('n8n Kraken Futures: errors, continue-on-fail, bad input and guards', () => {
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
	beforeEach(() => paper.server.reset());

	async function bestAsk(): Promise<number> {
		const result = await runOperation(engine, paper.credentials, {
			resource: 'market',
			operation: 'getOrderBook',
			symbol: 'PF_XBTUSD',
		});
		const asks = result.items[0].asks as [number, number][];
		return Math.min(...asks.map(([price]) => Number(price)));
	}

	describe('success with rejection', () => {
		it("is a NodeApiError naming Kraken's status, never a success item", async () => {
			const ask = await bestAsk();
			const { items, error } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ orderType: 'post', limitPrice: ask + 100 }),
			);
			assert.deepEqual(items, []);
			assert.equal(error?.name, 'NodeApiError');
			assert.match(String(error?.message), /postWouldExecute|post-only/);
			assert.match(String(error?.description), /rejected the order \(status "postWouldExecute"\)/);
			assert.equal(error?.context?.itemIndex, 0);
		});

		it('becomes an error item with code and Kraken error under continue-on-fail', async () => {
			const ask = await bestAsk();
			const { items, error, pairedItems } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ orderType: 'post', limitPrice: ask + 100 }),
				{ ...continueOnFail, startItems: [{}, {}] },
			);
			assert.equal(error, undefined);
			assert.equal(items.length, 2);
			for (const item of items) {
				assert.equal(item.code, 'KRAKEN_ORDER_REJECTED');
				assert.equal(item.krakenError, 'postWouldExecute');
				assert.equal(typeof item.error, 'string');
			}
			assert.deepEqual(pairedItems, [{ item: 0 }, { item: 1 }]);
		});

		it('reports a cancel of an unknown order as an error item', async () => {
			const { items } = await runOperation(
				engine,
				paper.credentials,
				{
					resource: 'order',
					operation: 'cancel',
					identifyBy: 'orderId',
					orderId: '00000000-0000-4000-8000-000000000000',
				},
				continueOnFail,
			);
			assert.equal(items[0].code, 'KRAKEN_ORDER_REJECTED');
			assert.equal(items[0].krakenError, 'notFound');
		});

		it('continues with the next item after a failed one', async () => {
			const { items } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ size: '={{ $json.size }}' }),
				{ ...continueOnFail, startItems: [{ size: 0 }, { size: 0.001 }] },
			);
			assert.equal(items[0].code, 'KRAKEN_INVALID_ARG');
			assert.equal(items[0].field, 'size');
			assert.equal(items[1].status, 'placed');
		});
	});

	describe('an order whose outcome is unknown', () => {
		function loseAnswerAndLookup(): void {
			paper.server.faults.failRest('drop', { path: '/sendorder', count: 1, process: true });
			paper.server.faults.failRest('5xx', { path: '/orders/status', count: 1 });
		}

		it('is a NodeApiError that carries KRAKEN_OUTCOME_UNKNOWN, not a failure', async () => {
			loseAnswerAndLookup();
			const { items, error } = await runOperation(engine, paper.credentials, limitBuy());
			assert.deepEqual(items, []);
			assert.equal(error?.name, 'NodeApiError');
			assert.match(String(error?.message), /outcome unknown/);
			assert.match(String(error?.description), /KRAKEN_OUTCOME_UNKNOWN/);
		});

		it('under continue-on-fail is an item that says the outcome is unknown, with its cliOrdId', async () => {
			loseAnswerAndLookup();
			const { items } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ options: { cliOrdId: 'n8n-unknown-1' } }),
				continueOnFail,
			);
			assert.equal(items[0].code, 'KRAKEN_OUTCOME_UNKNOWN');
			assert.equal(items[0].outcomeUnknown, true);
			assert.equal(items[0].cliOrdId, 'n8n-unknown-1');
		});

		it('is resolved to placed when the lookup finds it after a truncated answer', async () => {
			paper.server.faults.failRest('malformed', { path: '/sendorder', count: 1, process: true });
			const { items, error } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ options: { cliOrdId: 'n8n-found-1' } }),
			);
			assert.equal(error, undefined, String(error?.message));
			assert.equal(items[0].status, 'placed');
			assert.equal(items[0].cliOrdId, 'n8n-found-1');
		});
	});

	it('maps a network failure to a NodeApiError with the network code', async () => {
		const { items } = await runOperation(
			engine,
			{ ...paper.credentials, restUrl: 'http://127.0.0.1:9' },
			{ resource: 'position', operation: 'getOpen' },
			continueOnFail,
		);
		assert.equal(items[0].code, 'KRAKEN_NETWORK');
	});

	describe('bad input: a clear error naming the field, and nothing reaches the exchange', () => {
		const cases: [string, Record<string, unknown>, RegExp][] = [
			['symbol evaluating to nothing', limitBuy({ symbol: '={{ "" }}' }), /symbol: is required/],
			['zero size', limitBuy({ size: 0 }), /size: must be greater than 0/],
			['text size', limitBuy({ size: 'ten' }), /size: must be a number/],
			['limit order without limit price', limitBuy({ limitPrice: 0 }), /limitPrice: must be greater than 0/],
			[
				'stop order without stop price',
				limitBuy({ orderType: 'stp', stopPrice: 0 }),
				/stopPrice: must be greater than 0/,
			],
			[
				'trailing stop beyond 50 percent',
				limitBuy({
					orderType: 'trailing_stop',
					trailingStopMaxDeviation: 60,
					trailingStopDeviationUnit: 'PERCENT',
				}),
				/trailingStopMaxDeviation: must be between 0.1 and 50 percent/,
			],
			[
				'limit price and offset together',
				limitBuy({
					orderType: 'stp',
					stopPrice: 25000,
					options: { limitPrice: 24000, limitPriceOffsetValue: 10 },
				}),
				/limitPriceOffsetValue: cannot be combined with limitPrice/,
			],
			['unknown order type', limitBuy({ orderType: 'iceberg' }), /orderType: must be one of/],
			[
				'bad process-before time',
				limitBuy({ options: { processBefore: 'soon' } }),
				/processBefore: is not a valid date/,
			],
			[
				'too long cliOrdId',
				limitBuy({ options: { cliOrdId: 'x'.repeat(101) } }),
				/cliOrdId: is longer than 100 characters/,
			],
			[
				'edit without changes',
				{ resource: 'order', operation: 'edit', identifyBy: 'orderId', orderId: 'abc', updateFields: {} },
				/updateFields: add at least one/,
			],
			[
				'edit quantity mode without size',
				{
					resource: 'order',
					operation: 'edit',
					identifyBy: 'orderId',
					orderId: 'abc',
					updateFields: { limitPrice: 1, qtyMode: 'ABSOLUTE' },
				},
				/qtyMode: only applies together with a new size/,
			],
			[
				'cancel without ID',
				{ resource: 'order', operation: 'cancel', identifyBy: 'orderId', orderId: ' ' },
				/orderId: is required/,
			],
			[
				'negative dead man timeout',
				{ resource: 'order', operation: 'deadManSwitch', timeout: -1 },
				/timeout: must be a whole number/,
			],
			[
				'fractional dead man timeout',
				{ resource: 'order', operation: 'deadManSwitch', timeout: 1.5 },
				/timeout: must be a whole number/,
			],
			[
				'batch that is not JSON',
				{ resource: 'order', operation: 'batch', instructions: '[{' },
				/not valid JSON/,
			],
			[
				'empty batch',
				{ resource: 'order', operation: 'batch', instructions: '[]' },
				/instructions: must be a non-empty JSON array/,
			],
			[
				'batch send without limit price',
				{
					resource: 'order',
					operation: 'batch',
					instructions: JSON.stringify([
						{ order: 'send', orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 },
					]),
				},
				/instructions\[0\]\.limitPrice: is required for lmt orders/,
			],
			[
				'batch cancel without ID',
				{ resource: 'order', operation: 'batch', instructions: JSON.stringify([{ order: 'cancel' }]) },
				/instructions\[0\]\.order_id: give order_id or cliOrdId/,
			],
			[
				'batch with unknown instruction',
				{ resource: 'order', operation: 'batch', instructions: JSON.stringify([{ order: 'replace' }]) },
				/instructions\[0\]\.order: must be "send", "edit" or "cancel"/,
			],
			[
				'status without IDs',
				{ resource: 'order', operation: 'getStatus', orderIds: '', cliOrdIds: '' },
				/orderIds: give at least one/,
			],
			[
				'leverage below 1',
				{
					resource: 'account',
					operation: 'setLeverage',
					symbol: 'PF_XBTUSD',
					marginMode: 'isolated',
					maxLeverage: 0,
				},
				/maxLeverage: must be a number of at least 1/,
			],
			[
				'unknown PnL currency',
				{ resource: 'account', operation: 'setPnlCurrency', symbol: 'PF_XBTUSD', pnlPreference: 'DOGE' },
				/pnlPreference: must be one of/,
			],
			[
				'account log limit 0',
				{ resource: 'accountLog', operation: 'getMany', limit: 0, filters: {} },
				/limit: must be a whole number/,
			],
			[
				'account log window backwards',
				{
					resource: 'accountLog',
					operation: 'getMany',
					limit: 5,
					filters: { since: '2026-01-02T00:00:00Z', before: '2026-01-01T00:00:00Z' },
				},
				/before: must be later than After/,
			],
			[
				'order book symbol evaluating to nothing',
				{ resource: 'market', operation: 'getOrderBook', symbol: '={{ $json.missing }}' },
				/symbol: is required/,
			],
			[
				'fills before a bad time',
				{ resource: 'fill', operation: 'getMany', options: { lastFillTime: 'yesterday-ish' } },
				/lastFillTime: is not a valid date/,
			],
		];
		for (const [name, parameters, message] of cases) {
			it(name, async () => {
				const { error, items } = await runOperation(engine, paper.credentials, parameters as never);
				assert.deepEqual(items, []);
				assert.equal(error?.name, 'NodeOperationError', String(error?.message));
				assert.match(String(error?.message), message);
				assert.equal(error?.context?.itemIndex, 0);
				assert.deepEqual(paper.server.requests.entries, []);
			});
		}
	});

	it("leaves an empty required symbol to n8n's own parameter check, before anything runs", async () => {
		await assert.rejects(
			runOperation(engine, paper.credentials, limitBuy({ symbol: '' })),
			/Parameter "Symbol Name or ID" is required/,
		);
		assert.deepEqual(paper.server.requests.entries, []);
	});

	describe('safety limits (guards)', () => {
		const guarded = (guards: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
			limitBuy({ guards, ...extra });
		const refusals: [string, Record<string, unknown>, RegExp][] = [
			[
				'a size above the maximum',
				guarded({ maxSize: 0.0005 }),
				/size: 0.001 is above this node's maximum size of 0.0005/,
			],
			[
				'a symbol not allowed',
				guarded({ allowedSymbols: 'PF_ETHUSD, PF_SOLUSD' }),
				/symbol: PF_XBTUSD is not in this node's allowed symbols/,
			],
			[
				'an order that is not reduce-only',
				guarded({ reduceOnly: true }),
				/reduceOnly: this node only places reduce-only orders/,
			],
			[
				'a notional above the maximum',
				guarded({ maxNotional: 20 }),
				/notional 30.00 USD is above this node's maximum notional of 20 USD/,
			],
			[
				'a batch send above the maximum size',
				{
					resource: 'order',
					operation: 'batch',
					guards: { maxSize: 0.0005 },
					instructions: JSON.stringify([
						{
							order: 'send',
							orderType: 'lmt',
							symbol: 'PF_XBTUSD',
							side: 'buy',
							size: 0.001,
							limitPrice: 30000,
						},
					]),
				},
				/instructions\[0\]\.size: 0.001 is above/,
			],
			[
				'an edit to a size above the maximum',
				{
					resource: 'order',
					operation: 'edit',
					identifyBy: 'orderId',
					orderId: 'abc',
					updateFields: { size: 5 },
					guards: { maxSize: 1 },
				},
				/size: 5 is above this node's maximum size of 1/,
			],
		];
		for (const [name, parameters, message] of refusals) {
			it(`refuses ${name} and sends nothing`, async () => {
				const { error } = await runOperation(engine, paper.credentials, parameters as never);
				assert.equal(error?.name, 'NodeOperationError');
				assert.match(String(error?.message), message);
				assert.deepEqual(paper.server.requests.entries, []);
			});
		}

		it('prices a market order at the mark price and refuses it without sending an order', async () => {
			const { error } = await runOperation(
				engine,
				paper.credentials,
				limitBuy({ orderType: 'mkt', size: 1, guards: { maxNotional: 1000 } }),
			);
			assert.match(String(error?.message), /maximum notional of 1000 USD/);
			const paths = paper.server.requests.entries.map((entry) => entry.path);
			assert.deepEqual(paths, ['/derivatives/api/v3/tickers/PF_XBTUSD']);
		});

		it('lets an order within every limit through', async () => {
			const { items, error } = await runOperation(
				engine,
				paper.credentials,
				guarded({ maxSize: 0.01, maxNotional: 100, allowedSymbols: 'pf_xbtusd' }),
			);
			assert.equal(error, undefined);
			assert.equal(items[0].status, 'placed');
		});
	});
});
