import { strict as assert } from 'node:assert';
import { KrakenValidationError } from '../../../../core/errors';
import type { SendOrderRequest } from '../../../../core/rest/types';
import { toAddOrderParams, toUwsOrderFields } from '../../../../core/uws/methods/add-order';

const BASE = { symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 } as const;

function order(fields: Partial<SendOrderRequest> & Pick<SendOrderRequest, 'orderType'>): SendOrderRequest {
	return { ...BASE, ...fields } as SendOrderRequest;
}

describe('UWS add_order mapping', () => {
	const MAPPED: [string, SendOrderRequest, Record<string, unknown>][] = [
		['lmt', order({ orderType: 'lmt', limitPrice: 50000 }), { order_type: 'limit', limit_price: 50000 }],
		[
			'post',
			order({ orderType: 'post', limitPrice: 50000 }),
			{ order_type: 'limit', post_only: true, limit_price: 50000 },
		],
		[
			'ioc',
			order({ orderType: 'ioc', limitPrice: 50000 }),
			{ order_type: 'limit', time_in_force: 'ioc', limit_price: 50000 },
		],
		[
			'fok',
			order({ orderType: 'fok', limitPrice: 50000 }),
			{ order_type: 'limit', time_in_force: 'fok', limit_price: 50000 },
		],
		['mkt', order({ orderType: 'mkt' }), { order_type: 'market' }],
		[
			'stp without a limit',
			order({ orderType: 'stp', stopPrice: 40000, triggerSignal: 'last' }),
			{ order_type: 'stop-loss', triggers: { reference: 'last', price: 40000, price_type: 'static' } },
		],
		[
			'stp with a limit',
			order({ orderType: 'stp', stopPrice: 40000, limitPrice: 39900, triggerSignal: 'index' }),
			{
				order_type: 'stop-loss-limit',
				limit_price: 39900,
				triggers: { reference: 'index', price: 40000, price_type: 'static' },
			},
		],
		[
			'take_profit without a limit',
			order({ orderType: 'take_profit', stopPrice: 70000 }),
			{ order_type: 'take-profit', triggers: { price: 70000, price_type: 'static' } },
		],
		[
			'take_profit with a limit',
			order({ orderType: 'take_profit', stopPrice: 70000, limitPrice: 70100 }),
			{
				order_type: 'take-profit-limit',
				limit_price: 70100,
				triggers: { price: 70000, price_type: 'static' },
			},
		],
		[
			'trailing_stop in percent',
			order({
				orderType: 'trailing_stop',
				trailingStopMaxDeviation: 5,
				trailingStopDeviationUnit: 'PERCENT',
			}),
			{ order_type: 'trailing-stop', triggers: { price: 5, price_type: 'pct' } },
		],
		[
			'trailing_stop in quote currency',
			order({
				orderType: 'trailing_stop',
				trailingStopMaxDeviation: 250,
				trailingStopDeviationUnit: 'QUOTE_CURRENCY',
				triggerSignal: 'index',
			}),
			{ order_type: 'trailing-stop', triggers: { reference: 'index', price: 250, price_type: 'quote' } },
		],
	];

	for (const [name, legacy, expected] of MAPPED) {
		it(`maps ${name}`, () => {
			assert.deepEqual(toAddOrderParams(legacy), {
				asset_class: 'derivatives',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				order_qty: 0.01,
				...expected,
			});
		});
	}

	it('carries reduceOnly, cliOrdId and processBefore as reduce_only, cl_ord_id and deadline', () => {
		const params = toAddOrderParams(
			order({
				orderType: 'lmt',
				limitPrice: 1,
				reduceOnly: true,
				cliOrdId: '6d1b345e-2821-40e2-ad83-4ecb18a06876',
				processBefore: '2026-11-30T16:00:05Z',
			}),
		);
		assert.equal(params.reduce_only, true);
		assert.equal(params.cl_ord_id, '6d1b345e-2821-40e2-ad83-4ecb18a06876');
		assert.equal(params.deadline, '2026-11-30T16:00:05.000Z');
		assert.equal(
			toAddOrderParams(order({ orderType: 'lmt', limitPrice: 1, reduceOnly: false })).reduce_only,
			false,
		);
	});

	it('adds validate: true only for a dry run', () => {
		const legacy = order({ orderType: 'mkt' });
		assert.equal(toAddOrderParams(legacy, true).validate, true);
		assert.equal('validate' in toAddOrderParams(legacy), false);
	});

	it('a batch element carries neither symbol nor asset_class', () => {
		const fields = toUwsOrderFields(order({ orderType: 'lmt', limitPrice: 2 }));
		assert.equal('symbol' in fields, false);
		assert.equal('asset_class' in fields, false);
		assert.equal(fields.order_type, 'limit');
	});

	const REFUSED: [string, SendOrderRequest, string, RegExp][] = [
		[
			'a mark-price trigger',
			order({ orderType: 'stp', stopPrice: 1, triggerSignal: 'mark' }),
			'triggerSignal',
			/mark is not a trigger reference on UWS; use index or last/,
		],
		[
			'a trigger reference on a limit order',
			order({ orderType: 'lmt', limitPrice: 1, triggerSignal: 'last' }),
			'triggerSignal',
			/applies only to stp, take_profit and trailing_stop/,
		],
		[
			'a limit price offset',
			order({ orderType: 'stp', stopPrice: 1, limitPriceOffsetValue: 5, limitPriceOffsetUnit: 'PERCENT' }),
			'limitPriceOffsetValue',
			/only static/,
		],
		[
			'a lone limit price offset unit',
			order({ orderType: 'stp', stopPrice: 1, limitPriceOffsetUnit: 'PERCENT' }),
			'limitPriceOffsetUnit',
			/only static/,
		],
		['a broker', order({ orderType: 'mkt', broker: 'IIBAN1' }), 'broker', /no broker field/],
		[
			'a free-text cliOrdId longer than 18 characters',
			order({ orderType: 'mkt', cliOrdId: 'my-strategy-order-0001' }),
			'cliOrdId',
			/UUID or at most 18 characters of text, got 22 characters/,
		],
	];

	for (const [name, legacy, field, reason] of REFUSED) {
		it(`refuses ${name}, naming ${field}`, () => {
			assert.throws(
				() => toAddOrderParams(legacy),
				(error: unknown) => {
					assert.ok(error instanceof KrakenValidationError);
					assert.equal(error.field, field);
					assert.match(error.message, reason);
					assert.match(error.message, /Unified WebSocket/);
					return true;
				},
			);
		});
	}

	it('accepts short UUIDs and short free text as cliOrdId', () => {
		assert.equal(
			toAddOrderParams(order({ orderType: 'mkt', cliOrdId: '6d1b345e282140e2ad834ecb18a06876' })).cl_ord_id,
			'6d1b345e282140e2ad834ecb18a06876',
		);
		assert.equal(
			toAddOrderParams(order({ orderType: 'mkt', cliOrdId: 'exactly-18-chars-x' })).cl_ord_id,
			'exactly-18-chars-x',
		);
	});
});
