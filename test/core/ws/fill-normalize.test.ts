import assert from 'node:assert/strict';
import { normalizeRestFill, normalizeWsFill } from '../../../core/ws/fill-normalize';

describe('fill normalisation', () => {
	it('turns the WS fills feed shape into the common shape', () => {
		const raw = {
			instrument: 'FI_XBTUSD_200925',
			time: 1600256910739,
			price: 10937.5,
			seq: 36,
			buy: true,
			qty: 5000.0,
			remaining_order_qty: 0.0,
			order_id: '9e30258b-5a98-4002-968a-5b0e149bcfbf',
			fill_id: 'cad76f07-814e-4dc6-8478-7867407b6bff',
			fill_type: 'maker',
			fee_paid: -0.00009142857,
			fee_currency: 'BTC',
			taker_order_type: 'ioc',
			order_type: 'limit',
			cli_ord_id: 'my-order',
		};
		assert.deepEqual(normalizeWsFill(raw, 'snapshot'), {
			fill_id: 'cad76f07-814e-4dc6-8478-7867407b6bff',
			order_id: '9e30258b-5a98-4002-968a-5b0e149bcfbf',
			cliOrdId: 'my-order',
			symbol: 'FI_XBTUSD_200925',
			side: 'buy',
			size: 5000,
			price: 10937.5,
			fillTime: '2020-09-16T11:48:30.739Z',
			time: 1600256910739,
			fillType: 'maker',
			feePaid: -0.00009142857,
			feeCurrency: 'BTC',
			orderType: 'limit',
			takerOrderType: 'ioc',
			remainingOrderQty: 0,
			source: 'snapshot',
			raw,
		});
		assert.equal(normalizeWsFill({ ...raw, buy: false }, 'update')?.side, 'sell');
	});

	it('turns the REST fills shape into the same shape', () => {
		const raw = {
			fill_id: '3d57ed09-fbd6-44f1-8e8b-b10e551c5e73',
			symbol: 'PI_XBTUSD',
			side: 'buy',
			order_id: '693af756-055e-47ef-99d5-bcf4c456ebc5',
			size: 5490,
			price: 9400,
			fillTime: '2020-07-22T13:37:27.077Z',
			fillType: 'maker',
		};
		assert.deepEqual(normalizeRestFill(raw), {
			fill_id: raw.fill_id,
			order_id: raw.order_id,
			symbol: 'PI_XBTUSD',
			side: 'buy',
			size: 5490,
			price: 9400,
			fillTime: '2020-07-22T13:37:27.077Z',
			time: Date.parse('2020-07-22T13:37:27.077Z'),
			fillType: 'maker',
			source: 'rest',
			raw,
		});
		assert.equal(normalizeRestFill({ ...raw, cliOrdId: 'c1', size: '12.5' })?.cliOrdId, 'c1');
		assert.equal(normalizeRestFill({ ...raw, size: '12.5' })?.size, 12.5);
	});

	it('rejects objects that are not fills', () => {
		assert.equal(normalizeWsFill({ fill_id: 'x' }, 'update'), undefined);
		assert.equal(normalizeWsFill(null, 'update'), undefined);
		assert.equal(
			normalizeRestFill({ fill_id: 'x', symbol: 'PF_XBTUSD', fillTime: 'yesterday', size: 1, price: 1 }),
			undefined,
		);
	});
});
