import { strict as assert } from 'node:assert';
import { BalanceState } from '../../../../core/uws/channels/balances';
import { MarginState } from '../../../../core/uws/channels/margin';
import { PositionBook } from '../../../../core/uws/channels/positions';

describe('UWS positions channel → openpositions', () => {
	const long = {
		symbol: 'PF_XBTUSD',
		side: 'long',
		size: 0.5,
		entry_price: 60000,
		unrealized_funding: 0.1,
		timestamp: '2026-11-30T16:00:00Z',
		extra: 7,
	};
	const short = { symbol: 'PF_ETHUSD', size: -2, entry_price: 3000 };

	it('reads the snapshot, keeps unknown fields in raw and derives the side from the sign', () => {
		const book = new PositionBook();
		assert.equal(book.ready, false);
		book.apply('snapshot', [{ futures: [long, short], options: [] }]);
		assert.equal(book.ready, true);
		const [xbt, eth] = book.list();
		assert.deepEqual(
			{ ...xbt, raw: undefined },
			{
				side: 'long',
				symbol: 'PF_XBTUSD',
				price: 60000,
				size: 0.5,
				fillTime: '2026-11-30T16:00:00Z',
				unrealizedFunding: 0.1,
				raw: undefined,
			},
		);
		assert.equal(xbt.raw.extra, 7);
		assert.deepEqual([eth.side, eth.size], ['short', 2]);
	});

	it('an update changes only the positions it carries, and size 0 closes one', () => {
		const book = new PositionBook();
		book.apply('snapshot', [{ futures: [long, short] }]);
		book.apply('update', [{ futures: [{ ...long, size: 0.75 }] }]);
		assert.deepEqual(
			book.list().map((p) => [p.symbol, p.size]),
			[
				['PF_XBTUSD', 0.75],
				['PF_ETHUSD', 2],
			],
		);
		book.apply('update', [{ futures: [{ symbol: 'PF_ETHUSD', size: 0 }] }]);
		assert.deepEqual(
			book.list().map((p) => p.symbol),
			['PF_XBTUSD'],
		);
		book.apply('snapshot', [{ futures: [] }]);
		assert.equal(book.list().length, 0);
	});
});

describe('UWS margin channel → accounts', () => {
	it('multi_collateral becomes flex, with legacy REST names', () => {
		const margin = new MarginState();
		margin.apply('multi_collateral', [
			{
				currencies: { USD: { quantity: 1000, collateral_value: 1000, available: 900 } },
				balance_value: 1000,
				portfolio_value: 1010,
				initial_margin: 120,
				initial_margin_without_orders: 100,
				available_margin: 890,
				brand_new_field: 1,
			},
		]);
		const { flex } = margin.accounts();
		assert.equal(flex.type, 'multiCollateralMarginAccount');
		assert.equal(flex.portfolioValue, 1010);
		assert.equal(flex.availableMargin, 890);
		assert.equal(flex.initialMargin, 100);
		assert.equal(flex.initialMarginWithOrders, 120);
		assert.equal(flex.brandNewField, 1);
		assert.deepEqual((flex.currencies as Record<string, unknown>).USD, {
			quantity: 1000,
			collateralValue: 1000,
			available: 900,
		});
		assert.equal((flex.raw as Record<string, unknown>).portfolio_value, 1010);
	});

	it('single_collateral wallets become marginAccount entries by name, replaced as a whole', () => {
		const margin = new MarginState();
		margin.apply('single_collateral', [
			{
				'F-XBT:USD': {
					name: 'fi_xbtusd',
					unit: 'XBT',
					balance: 0.5,
					portfolio_value: 0.51,
					available: 0.4,
					initial_margin: 0.1,
					maintenance_margin: 0.05,
					pnl: 0.01,
					unrealized_funding: 0,
				},
			},
		]);
		const wallet = margin.accounts().fi_xbtusd;
		assert.equal(wallet.type, 'marginAccount');
		assert.deepEqual(wallet.balances, { xbt: 0.5 });
		assert.deepEqual(wallet.auxiliary, { pv: 0.51, pnl: 0.01, af: 0.4, funding: 0 });
		assert.deepEqual(wallet.marginRequirements, { im: 0.1, mm: 0.05 });
		margin.apply('single_collateral', [{}]);
		assert.equal(margin.accounts().fi_xbtusd, undefined);
	});
});

describe('UWS balances channel → the cash account', () => {
	it('the snapshot fills cash from spot wallets; a ledger update moves one balance', () => {
		const balances = new BalanceState();
		balances.apply('snapshot', [
			{
				asset: 'USD',
				asset_class: 'currency',
				balance: 1500,
				wallets: [
					{ type: 'flex', id: 'flex', balance: 1000 },
					{ type: 'spot', id: 'main', balance: 500 },
				],
			},
			{
				asset: 'XBT',
				asset_class: 'currency',
				balance: 0.1,
				wallets: [{ type: 'spot', id: 'main', balance: 0.1 }],
			},
		]);
		assert.deepEqual(balances.cashAccount().balances, { usd: 500, xbt: 0.1 });
		balances.apply('update', [
			{ asset: 'XBT', wallet_type: 'spot', wallet_id: 'main', amount: -0.05, balance: 0.05 },
		]);
		balances.apply('update', [
			{ asset: 'USD', wallet_type: 'flex', wallet_id: 'flex', amount: 5, balance: 1005 },
		]);
		assert.deepEqual(balances.cashAccount().balances, { usd: 500, xbt: 0.05 });
		assert.equal(balances.cashAccount().raw.length, 2);
	});
});
