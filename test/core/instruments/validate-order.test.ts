import { strict as assert } from 'node:assert';
import { KrakenValidationError } from '../../../core/errors';
import type { SendOrderRequest } from '../../../core/rest/types';
import { type Harness, INSTRUMENTS_ROUTE, startHarness } from '../support/fixtures';
import { krakenSuccess } from '../support/recording-server';

const BASE: SendOrderRequest = {
	orderType: 'lmt',
	symbol: 'PF_XBTUSD',
	side: 'buy',
	size: 0.0001,
	limitPrice: 30000,
};
const SEND_ROUTE = 'POST /derivatives/api/v3/sendorder';

function order(overrides: Record<string, unknown>): SendOrderRequest {
	return { ...BASE, ...overrides } as SendOrderRequest;
}

const REJECTED: [string, SendOrderRequest, string, RegExp][] = [
	['an unknown symbol', order({ symbol: 'PF_NOPEUSD' }), 'symbol', /not a Kraken Futures instrument/],
	[
		'a symbol that is not tradeable',
		order({ symbol: 'pf_oldusd', limitPrice: 1, size: 1 }),
		'symbol',
		/not tradeable/,
	],
	['an empty symbol', order({ symbol: ' ' }), 'symbol', /required/],
	['a price off the tick size', order({ limitPrice: 30000.5 }), 'limitPrice', /tick size 1/],
	[
		'a stop price off the tick size',
		order({ orderType: 'stp', symbol: 'PI_XBTUSD', size: 1, stopPrice: 29000.3, limitPrice: undefined }),
		'stopPrice',
		/tick size 0.5/,
	],
	['a size off the size step', order({ size: 0.00015 }), 'size', /size step 0.0001/],
	[
		'a size not a multiple of 1000 (negative precision)',
		order({ symbol: 'PF_PEPEUSD', size: 98123, limitPrice: 0.0000123 }),
		'size',
		/size step 1000/,
	],
	[
		'a fractional size on an inverse contract',
		order({ symbol: 'PI_XBTUSD', size: 1.5, limitPrice: 30000.5 }),
		'size',
		/size step 1 /,
	],
	['NaN size', order({ size: Number.NaN }), 'size', /finite/],
	['zero size', order({ size: 0 }), 'size', /greater than 0/],
	['negative size', order({ size: -1 }), 'size', /greater than 0/],
	['infinite size', order({ size: Number.POSITIVE_INFINITY }), 'size', /finite/],
	['a size given as a string', order({ size: '1' }), 'size', /finite/],
	['an unknown side', order({ side: 'long' }), 'side', /buy, sell/],
	['an unknown orderType', order({ orderType: 'limit' }), 'orderType', /lmt/],
	['lmt without limitPrice', order({ limitPrice: undefined }), 'limitPrice', /required for orderType lmt/],
	['post without limitPrice', order({ orderType: 'post', limitPrice: undefined }), 'limitPrice', /required/],
	['ioc without limitPrice', order({ orderType: 'ioc', limitPrice: undefined }), 'limitPrice', /required/],
	['fok without limitPrice', order({ orderType: 'fok', limitPrice: undefined }), 'limitPrice', /required/],
	['stp without stopPrice', order({ orderType: 'stp' }), 'stopPrice', /required for orderType stp/],
	['take_profit without stopPrice', order({ orderType: 'take_profit' }), 'stopPrice', /required/],
	[
		'trailing_stop with a limitPrice',
		order({ orderType: 'trailing_stop', trailingStopMaxDeviation: 1, trailingStopDeviationUnit: 'PERCENT' }),
		'limitPrice',
		/left out/,
	],
	[
		'trailing_stop with a stopPrice',
		order({
			orderType: 'trailing_stop',
			limitPrice: undefined,
			stopPrice: 1,
			trailingStopMaxDeviation: 1,
			trailingStopDeviationUnit: 'PERCENT',
		}),
		'stopPrice',
		/left out/,
	],
	[
		'trailing_stop without a deviation',
		order({ orderType: 'trailing_stop', limitPrice: undefined, trailingStopDeviationUnit: 'PERCENT' }),
		'trailingStopMaxDeviation',
		/finite/,
	],
	[
		'trailing_stop without a unit',
		order({ orderType: 'trailing_stop', limitPrice: undefined, trailingStopMaxDeviation: 1 }),
		'trailingStopDeviationUnit',
		/PERCENT/,
	],
	[
		'trailing_stop over 50 percent',
		order({
			orderType: 'trailing_stop',
			limitPrice: undefined,
			trailingStopMaxDeviation: 60,
			trailingStopDeviationUnit: 'PERCENT',
		}),
		'trailingStopMaxDeviation',
		/between/,
	],
	['a cliOrdId over 100 characters', order({ cliOrdId: 'x'.repeat(101) }), 'cliOrdId', /at most 100/],
	['an empty cliOrdId', order({ cliOrdId: '' }), 'cliOrdId', /non-empty/],
	[
		'an unknown triggerSignal',
		order({ orderType: 'stp', stopPrice: 29000, triggerSignal: 'spot' }),
		'triggerSignal',
		/mark, index, last/,
	],
	['a negative limitPrice', order({ limitPrice: -5 }), 'limitPrice', /greater than 0/],
	['reduceOnly as a string', order({ reduceOnly: 'true' }), 'reduceOnly', /true or false/],
	[
		'an offset value without a unit',
		order({ orderType: 'stp', stopPrice: 29000, limitPrice: undefined, limitPriceOffsetValue: 1 }),
		'limitPriceOffsetUnit',
		/together/,
	],
	[
		'an absolute and a relative limit price together',
		order({ orderType: 'stp', stopPrice: 29000, limitPriceOffsetValue: 1, limitPriceOffsetUnit: 'PERCENT' }),
		'limitPrice',
		/not both/,
	],
	['a bad processBefore', order({ processBefore: 'soon' }), 'processBefore', /ISO/],
];

describe('order validation before sending', () => {
	let harness: Harness;
	beforeEach(async () => {
		harness = await startHarness();
		harness.server.on(SEND_ROUTE, { body: krakenSuccess({ sendStatus: { status: 'placed' } }) });
	});
	afterEach(() => harness.close());

	for (const [name, request, field, reason] of REJECTED) {
		it(`rejects ${name} (field ${field}) and sends nothing`, async () => {
			await assert.rejects(harness.client.sendOrder(request), (error: unknown) => {
				assert.ok(error instanceof KrakenValidationError, String(error));
				assert.equal(error.field, field);
				assert.match(error.message, reason);
				assert.ok(error.message.startsWith(`${field}: `));
				return true;
			});
			assert.equal(
				harness.server.requests.filter((r) => r.path !== '/derivatives/api/v3/instruments').length,
				0,
			);
		});
	}

	it('accepts a valid order, upper-cases the symbol and snaps float noise to the grid', async () => {
		await harness.client.sendOrder(
			order({ symbol: 'pf_ethusd', size: 0.1 + 0.2, limitPrice: 2000.1, cliOrdId: 'v' }),
		);
		assert.equal(
			harness.server.last().body,
			'orderType=lmt&symbol=PF_ETHUSD&side=buy&size=0.3&limitPrice=2000.1&cliOrdId=v',
		);
	});

	it('accepts multiples of 1000 for a negative precision and tiny ticks without exponent notation', async () => {
		await harness.client.sendOrder(
			order({ symbol: 'PF_PEPEUSD', size: 98000, limitPrice: 0.0000123, cliOrdId: 'p' }),
		);
		assert.equal(
			harness.server.last().body,
			'orderType=lmt&symbol=PF_PEPEUSD&side=buy&size=98000&limitPrice=0.0000123&cliOrdId=p',
		);
	});

	it('validateOrder returns what sendOrder would send, without sending it', async () => {
		const validated = await harness.client.validateOrder(
			order({ symbol: 'pi_xbtusd', size: 10, limitPrice: 30000.5 }),
		);
		assert.equal(validated.symbol, 'PI_XBTUSD');
		assert.equal(harness.server.requests.filter((r) => r.method === 'POST').length, 0);
	});

	it('fetches the instrument list once for many orders', async () => {
		await Promise.all([1, 2, 3].map((i) => harness.client.sendOrder(order({ cliOrdId: `o${i}` }))));
		assert.equal(harness.server.requests.filter((r) => `GET ${r.path}` === INSTRUMENTS_ROUTE).length, 1);
	});

	it('validateOrders: false skips the instrument checks but still refuses nonsense', async () => {
		const loose = await startHarness({ validateOrders: false });
		try {
			loose.server.on(SEND_ROUTE, { body: krakenSuccess({ sendStatus: { status: 'placed' } }) });
			await loose.client.sendOrder(order({ size: 0.00015, cliOrdId: 'x' }));
			assert.equal(
				loose.server.last().body,
				'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.00015&limitPrice=30000&cliOrdId=x',
			);
			await assert.rejects(loose.client.sendOrder(order({ size: Number.NaN })), KrakenValidationError);
			assert.equal(
				loose.server.requests.filter((r) => r.path === '/derivatives/api/v3/instruments').length,
				0,
			);
		} finally {
			await loose.close();
		}
	});

	it('roundToGrid rounds the price to the tick and the size toward zero', async () => {
		const rounding = await startHarness({ roundToGrid: true });
		try {
			rounding.server.on(SEND_ROUTE, { body: krakenSuccess({ sendStatus: { status: 'placed' } }) });
			await rounding.client.sendOrder(
				order({ symbol: 'PI_XBTUSD', size: 10.9, limitPrice: 30000.3, cliOrdId: 'r' }),
			);
			assert.equal(
				rounding.server.last().body,
				'orderType=lmt&symbol=PI_XBTUSD&side=buy&size=10&limitPrice=30000.5&cliOrdId=r',
			);
			await rounding.client.sendOrder(
				order({ symbol: 'PF_PEPEUSD', size: 98123, limitPrice: 0.00001234567891, cliOrdId: 'q' }),
			);
			assert.match(rounding.server.last().body, /size=98000&limitPrice=0.0000123457&/);
			await assert.rejects(
				rounding.client.sendOrder(order({ size: 0.00005, cliOrdId: 'z' })),
				(error: unknown) =>
					error instanceof KrakenValidationError &&
					error.field === 'size' &&
					/below the smallest/.test(error.message),
			);
		} finally {
			await rounding.close();
		}
	});

	describe('editOrder', () => {
		it('checks the fields present, and the grid when a symbol is given', async () => {
			harness.server.on('POST /derivatives/api/v3/editorder', {
				body: krakenSuccess({ editStatus: { status: 'edited' } }),
			});
			await assert.rejects(
				harness.client.editOrder({ orderId: 'o', size: 0 }),
				(e: unknown) => e instanceof KrakenValidationError && e.field === 'size',
			);
			await assert.rejects(
				harness.client.editOrder({ orderId: 'o', limitPrice: Number.NaN }),
				(e: unknown) => e instanceof KrakenValidationError && e.field === 'limitPrice',
			);
			await assert.rejects(
				harness.client.editOrder({ orderId: 'o', qtyMode: 'BOTH' as never }),
				(e: unknown) => e instanceof KrakenValidationError && e.field === 'qtyMode',
			);
			await assert.rejects(
				harness.client.editOrder({ orderId: 'o', symbol: 'PF_XBTUSD', limitPrice: 30000.5 }),
				(e: unknown) => e instanceof KrakenValidationError && e.field === 'limitPrice',
			);
			assert.equal(harness.server.requests.filter((r) => r.method === 'POST').length, 0);
			await harness.client.editOrder({
				orderId: 'o',
				symbol: 'pf_xbtusd',
				limitPrice: 30001,
				size: 0.1 + 0.2,
			});
			assert.equal(harness.server.last().body, 'orderId=o&size=0.3&limitPrice=30001');
		});
	});
});
