import { strict as assert } from 'node:assert';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import {
	KrakenAuthError,
	KrakenError,
	KrakenOrderOutcomeUnknownError,
	KrakenOrderRejectedError,
	KrakenUnavailableError,
	KrakenUnsupportedError,
	KrakenValidationError,
} from '../../../../core/errors';
import type { BatchInstruction, SendOrderRequest } from '../../../../core/rest/types';
import type { PaperExchangeServer } from '../../../../paper/server';
import {
	type CountingProxy,
	startPaperBehindProxy,
	stopPaperBehindProxy,
} from '../../shared-cases/counting-proxy';
import { createTradingApi } from '../../../../core/transport-factory';
import type { KrakenUnifiedClient } from '../../../../core/uws/unified-client';
import { eventually } from '../../shared-cases/eventually';

const SYMBOL = 'PF_XBTUSD';
const OTHER = 'PF_ETHUSD';

function resting(cliOrdId: string, symbol = SYMBOL): SendOrderRequest {
	return symbol === SYMBOL
		? { orderType: 'post', symbol, side: 'buy', size: 0.01, limitPrice: 30000, cliOrdId }
		: { orderType: 'post', symbol, side: 'buy', size: 0.1, limitPrice: 1000, cliOrdId };
}

describe('KrakenUnifiedClient: what only the Unified WebSocket does, against the paper exchange', function () {
	this.timeout(30_000);
	let paper: PaperExchangeServer;
	let proxy: CountingProxy;
	let client: KrakenFuturesTradingApi;

	function unifiedClient(requestTimeoutMs?: number): KrakenFuturesTradingApi {
		return createTradingApi({
			api: 'unified',
			publicUrl: paper.uwsPublicUrl,
			privateUrl: proxy.url,
			spotRestUrl: paper.spotRestUrl,
			credentials: { apiKey: paper.spotApiKey as string, apiSecret: paper.spotApiSecret as string },
			...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
		});
	}

	before(async () => {
		({ paper, proxy } = await startPaperBehindProxy(5));
	});
	after(() => stopPaperBehindProxy({ paper, proxy }));
	beforeEach(() => {
		paper.reset();
		paper.uws.setSystemStatus('online');
		proxy.reset();
		client = unifiedClient();
	});
	afterEach(() => client.close());

	/** Sets the exchange's status and waits until the client has heard it (a push, not an answer). */
	async function statusBecomes(
		system: 'online' | 'cancel_only' | 'post_only' | 'maintenance',
	): Promise<void> {
		paper.uws.setSystemStatus(system);
		await eventually(async () => assert.equal((client as KrakenUnifiedClient).systemStatus, system));
	}

	const ORDER_METHODS = [
		'add_order',
		'amend_order',
		'cancel_order',
		'cancel_all',
		'batch_add',
		'batch_cancel',
	];

	it('status cancel_only refuses new orders and amends before sending; cancels still go', async () => {
		await client.sendOrder(resting('before'));
		await statusBecomes('cancel_only');
		proxy.reset();
		await assert.rejects(
			client.sendOrder(resting('refused')),
			(e: unknown) =>
				e instanceof KrakenUnavailableError && /cancel_only/.test(e.message) && /not sent/.test(e.message),
		);
		await assert.rejects(client.editOrder({ cliOrdId: 'before', limitPrice: 29000 }), KrakenUnavailableError);
		await assert.rejects(
			client.batchOrder([
				{ order: 'send', ...resting('b1') },
				{ order: 'send', ...resting('b2') },
			]),
			KrakenUnavailableError,
		);
		assert.deepEqual(
			[proxy.count('add_order'), proxy.count('amend_order'), proxy.count('batch_add')],
			[0, 0, 0],
			'nothing reached the exchange',
		);
		assert.equal((await client.cancelOrder({ cliOrdId: 'before' })).cancelStatus.status, 'cancelled');
		assert.equal(proxy.count('cancel_order'), 1);
	});

	it('status cancel_only known at connect refuses the very first order without sending it', async () => {
		paper.uws.setSystemStatus('cancel_only');
		const fresh = unifiedClient();
		try {
			await assert.rejects(fresh.sendOrder(resting('first')), KrakenUnavailableError);
			assert.equal(proxy.count('add_order'), 0);
		} finally {
			await fresh.close();
		}
	});

	it('status post_only lets only post-only limit orders through; maintenance refuses cancels too', async () => {
		await client.getOpenOrders();
		await statusBecomes('post_only');
		await assert.rejects(
			client.sendOrder({ orderType: 'lmt', symbol: SYMBOL, side: 'buy', size: 0.01, limitPrice: 30000 }),
			(e: unknown) => e instanceof KrakenUnavailableError && /not sent/.test(e.message),
		);
		assert.equal((await client.sendOrder(resting('post-ok'))).sendStatus.status, 'placed');
		await statusBecomes('maintenance');
		await assert.rejects(client.cancelAllOrders(), KrakenUnavailableError);
		assert.equal(proxy.count('add_order'), 1, 'only the post-only order reached the exchange');
		assert.equal(proxy.count('cancel_all'), 0);
	});

	it('fields UWS cannot carry are refused by name, with nothing sent', async () => {
		const refused: [() => Promise<unknown>, string][] = [
			[
				() =>
					client.sendOrder({
						orderType: 'stp',
						symbol: SYMBOL,
						side: 'sell',
						size: 0.01,
						stopPrice: 30000,
						triggerSignal: 'mark',
					}),
				'triggerSignal',
			],
			[
				() =>
					client.sendOrder({
						orderType: 'stp',
						symbol: SYMBOL,
						side: 'sell',
						size: 0.01,
						stopPrice: 30000,
						limitPriceOffsetValue: 10,
						limitPriceOffsetUnit: 'QUOTE_CURRENCY',
					}),
				'limitPriceOffsetValue',
			],
			[() => client.sendOrder({ ...resting('x'), broker: 'IIBAN' }), 'broker'],
			[() => client.sendOrder({ ...resting('a-client-order-id-far-too-long') }), 'cliOrdId'],
			[() => client.validateOrder({ ...resting('x'), triggerSignal: 'mark' }), 'triggerSignal'],
			[() => client.cancelOrder({ order_id: 'x', processBefore: '2026-11-30T16:00:00Z' }), 'processBefore'],
			[
				() => client.batchOrder([{ order: 'send', ...resting('y'), broker: 'IIBAN' }]),
				'instructions[0].broker',
			],
		];
		for (const [call, field] of refused) {
			await assert.rejects(
				call(),
				(e: unknown) =>
					e instanceof KrakenValidationError &&
					e.field === field &&
					/Unified WebSocket|client order id/.test(e.message),
			);
		}
		await assert.rejects(client.cancelOrder({ order_id: 'x' }, { validate: true }), KrakenUnsupportedError);
		assert.equal(proxy.count(...ORDER_METHODS), 0);
	});

	it("validate: true is Kraken's dry run: checked by the exchange, nothing placed", async () => {
		const result = await client.sendOrder(resting('dry'), { validate: true });
		assert.equal(result.sendStatus.status, 'validated');
		assert.equal(result.sendStatus.order_id, undefined);
		assert.equal(proxy.count('add_order'), 1);
		const batch = await client.batchOrder(
			[
				{ order: 'send', ...resting('d1') },
				{ order: 'send', ...resting('d2') },
			],
			{ validate: true },
		);
		assert.deepEqual(
			batch.batchStatus.map((s) => s.status),
			['validated', 'validated'],
		);
		assert.equal((await client.getOpenOrders()).openOrders.length, 0);
	});

	it('per-symbol cancel-all over 52 orders: batch_cancel in two calls, the other symbol untouched', async () => {
		const sends: BatchInstruction[] = Array.from({ length: 52 }, (_, i) => ({
			order: 'send',
			...resting(`o-${i}`),
		}));
		await client.batchOrder([...sends, { order: 'send', ...resting('keep', OTHER) }]);
		assert.equal(proxy.count('batch_add'), 4, '52 orders of one symbol go in 4 batch_add calls of 13');
		assert.equal(proxy.count('add_order'), 1, 'the lone order of the other symbol goes by add_order');
		proxy.reset();
		const result = await client.cancelAllOrders({ symbol: SYMBOL });
		assert.equal(result.cancelStatus.cancelledOrders?.length, 52);
		assert.equal(proxy.count('batch_cancel'), 2);
		assert.equal(proxy.count('cancel_all'), 0);
		await eventually(async () =>
			assert.deepEqual(
				(await client.getOpenOrders()).openOrders.map((o) => o.cliOrdId),
				['keep'],
			),
		);
	});

	it('a batch order the exchange rejects is thrown after the rest of the batch went through', async () => {
		paper.faults.rejectNextOrder('insufficientAvailableFunds');
		await assert.rejects(
			client.batchOrder([
				{ order: 'send', ...resting('r1') },
				{ order: 'send', ...resting('r2') },
			]),
			(e: unknown) =>
				e instanceof KrakenOrderRejectedError &&
				/insufficient/i.test(e.status) &&
				/batch element 0/.test(e.message),
		);
		await eventually(async () =>
			assert.deepEqual(
				(await client.getOpenOrders()).openOrders.map((o) => o.cliOrdId),
				['r2'],
			),
		);
	});

	it('a refused key fails waiting reads at once with the auth error, and the next read too', async () => {
		const refused = createTradingApi({
			api: 'unified',
			publicUrl: paper.uwsPublicUrl,
			privateUrl: paper.uwsPrivateUrl,
			spotRestUrl: paper.spotRestUrl,
			// The right key with a secret that is not its own: Kraken refuses the token request.
			credentials: { apiKey: paper.spotApiKey as string, apiSecret: Buffer.alloc(64, 7).toString('base64') },
			// Far longer than the test's own timeout: only the refusal itself can end these reads.
			readTimeoutMs: 600_000,
		});
		try {
			const [orders, positions] = await Promise.allSettled([
				refused.getOpenOrders(),
				refused.getOpenPositions(),
			]);
			for (const read of [orders, positions]) {
				assert.equal(read.status, 'rejected');
				assert.ok((read as PromiseRejectedResult).reason instanceof KrakenAuthError);
			}
			await assert.rejects(refused.getOpenOrders(), KrakenAuthError);
		} finally {
			await refused.close();
		}
	});

	it('a cancel whose answer never comes is an unknown outcome, not a failure', async () => {
		const slow = unifiedClient(400);
		try {
			await slow.sendOrder(resting('c1'));
			paper.faults.ignoreUwsRequest({ method: 'cancel_order' });
			await assert.rejects(
				slow.cancelOrder({ cliOrdId: 'c1' }),
				(e: unknown) =>
					e instanceof KrakenError &&
					e.code === 'KRAKEN_OUTCOME_UNKNOWN' &&
					(e as KrakenOrderOutcomeUnknownError).cliOrdId === 'c1' &&
					/outcome unknown: cancel_order \(req_id \d+\)/.test(e.message),
			);
		} finally {
			await slow.close();
		}
	});

	it('reads the latest trades of several markets at once, a market without trades included', async () => {
		await client.sendOrder({ orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: 0.01 });
		await eventually(async () => {
			const { history } = await client.getTradeHistory({ symbol: SYMBOL });
			assert.ok(history.length > 0, 'the market order traded');
		});
		const [traded, quiet] = await Promise.all([
			client.getTradeHistory({ symbol: SYMBOL }),
			client.getTradeHistory({ symbol: OTHER }),
		]);
		assert.ok(traded.history.length > 0);
		assert.ok(
			traded.history.every(
				(trade) => (trade as unknown as { raw: { symbol?: string } }).raw.symbol === SYMBOL,
			),
			'only its own market’s trades',
		);
		assert.deepEqual(quiet.history, []);
	});

	it('reads positions, balances and margin from the private channels', async () => {
		await client.sendOrder({ orderType: 'mkt', symbol: SYMBOL, side: 'sell', size: 0.02 });
		await eventually(async () => {
			const [position] = (await client.getOpenPositions()).openPositions;
			assert.deepEqual([position?.symbol, position?.side, Number(position?.size)], [SYMBOL, 'short', 0.02]);
		});
		const { accounts } = await client.getAccounts();
		assert.equal(accounts.cash.type, 'cashAccount');
		assert.equal(accounts.flex.type, 'multiCollateralMarginAccount');
		assert.equal(typeof accounts.flex.availableMargin, 'number');
		await assert.rejects(
			client.getFills({ lastFillTime: '2026-11-30T00:00:00Z' }),
			(e: unknown) => e instanceof KrakenUnsupportedError && /last 50 fills/.test(e.message),
		);
	});
});
