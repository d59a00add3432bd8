import assert from 'node:assert/strict';
import { PaperApiError, PaperExchange } from '../../../paper/exchange';
import { START_MS, book, harness, sendStatus } from './fixture';

type Row = Record<string, unknown>;

describe('paper exchange: instruments and synthetic market', () => {
	it('lists linear, inverse and fixed-maturity contracts with Kraken instrument fields', () => {
		const { exchange } = harness();
		const instruments = exchange.getInstruments().instruments as Row[];
		const bySymbol = new Map(instruments.map((instrument) => [instrument.symbol as string, instrument]));
		const xbt = bySymbol.get('PF_XBTUSD') as Row;
		assert.equal(xbt.type, 'flexible_futures');
		assert.equal(xbt.contractValueTradePrecision, 4);
		assert.equal((bySymbol.get('PF_ETHUSD') as Row).contractValueTradePrecision, 3);
		assert.equal((bySymbol.get('PF_SOLUSD') as Row).contractValueTradePrecision, 2);
		const inverse = bySymbol.get('PI_XBTUSD') as Row;
		assert.equal(inverse.type, 'futures_inverse');
		assert.equal(inverse.contractValueTradePrecision, 0);
		assert.ok(bySymbol.has('PI_ETHUSD'));
		const fixed = instruments.find((instrument) => String(instrument.symbol).startsWith('FI_XBTUSD_')) as Row;
		assert.match(fixed.symbol as string, /^FI_XBTUSD_\d{6}$/);
		assert.ok(Date.parse(fixed.lastTradingTime as string) > START_MS);
		assert.equal(fixed.fundingRateCoefficient, undefined);
		for (const key of [
			'tickSize',
			'contractSize',
			'tradeable',
			'marginLevels',
			'retailMarginLevels',
			'maxPositionSize',
			'openingDate',
			'base',
			'quote',
			'pair',
			'category',
			'tags',
			'postOnly',
		]) {
			assert.ok(key in xbt, `PF_XBTUSD has ${key}`);
		}
		assert.ok('fundingRateCoefficient' in xbt && 'maxRelativeFundingRate' in xbt);
		assert.equal(exchange.isKnownSymbol('pf_xbtusd'), true);
		assert.equal(exchange.isKnownSymbol('PF_NOPE'), false);
		const status = exchange.getInstrumentStatus().instrumentStatus as Row[];
		assert.equal(status.length, instruments.length);
		assert.equal(exchange.getInstrumentStatus('PF_ETHUSD').tradeable, 'PF_ETHUSD');
	});

	it('is deterministic for a seed and clock, and differs for another seed', () => {
		const first = new PaperExchange({ seed: 11, now: () => START_MS });
		const second = new PaperExchange({ seed: 11, now: () => START_MS });
		const other = new PaperExchange({ seed: 12, now: () => START_MS });
		for (const exchange of [first, second, other]) exchange.advanceTime(10 * 60_000);
		assert.deepEqual(first.getTickers(), second.getTickers());
		assert.deepEqual(first.wsBookSnapshot('PF_ETHUSD'), second.wsBookSnapshot('PF_ETHUSD'));
		assert.notDeepEqual(first.getTickers(), other.getTickers());
	});

	it('reset() returns to the seeded start with empty accounts', () => {
		const { exchange } = harness(5);
		const fresh = harness(5).exchange;
		const initial = exchange.getTickers();
		exchange.sendOrder('acct', { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.01' });
		exchange.advanceTime(30 * 60_000);
		assert.notDeepEqual(exchange.getTickers(), initial);
		exchange.reset();
		assert.deepEqual(exchange.getTickers(), fresh.getTickers());
		assert.deepEqual(exchange.getOpenPositions('acct').openPositions, []);
		assert.deepEqual(exchange.getFills('acct', {}).fills, []);
	});

	it('relates absolute and relative funding per contract family and points at the next top of hour', () => {
		const { exchange } = harness();
		const linear = exchange.wsTicker('PF_XBTUSD');
		const inverse = exchange.wsTicker('PI_XBTUSD');
		const linearRatio = (linear.funding_rate as number) / (linear.index as number);
		assert.ok(Math.abs(linearRatio - (linear.relative_funding_rate as number)) < 1e-12);
		const inverseProduct = (inverse.funding_rate as number) * (inverse.index as number);
		assert.ok(Math.abs(inverseProduct - (inverse.relative_funding_rate as number)) < 1e-12);
		assert.equal(linear.next_funding_rate_time, Date.UTC(2026, 10, 21, 13));
		const fixedSymbol = (exchange.getInstruments().instruments as Row[]).find((row) =>
			String(row.symbol).startsWith('FI_'),
		)?.symbol as string;
		const fixed = exchange.wsTicker(fixedSymbol);
		assert.equal('funding_rate' in fixed, false, 'funding fields are omitted when zero');
		assert.ok((fixed.dtm as number) > 0);
		const rest = exchange.getTickers('PF_XBTUSD').ticker as Row;
		for (const key of [
			'markPrice',
			'bidSize',
			'askSize',
			'vol24h',
			'open24h',
			'fundingRate',
			'indexPrice',
			'change24h',
		])
			assert.ok(key in rest, key);
		assert.equal('bid_size' in rest, false);
	});

	it('keeps hourly funding history ascending and refuses non-perpetuals with HTTP 400', () => {
		const { exchange } = harness();
		const before = (exchange.getHistoricalFundingRates({ symbol: 'PF_XBTUSD' }).rates as Row[]).length;
		exchange.advanceTime(2 * 3_600_000);
		const rates = exchange.getHistoricalFundingRates({ symbol: 'PF_XBTUSD' }).rates as Row[];
		assert.equal(rates.length, before + 2);
		const times = rates.map((rate) => Date.parse(rate.timestamp as string));
		for (let index = 1; index < times.length; index++)
			assert.equal(times[index] - times[index - 1], 3_600_000);
		assert.ok(
			rates.every(
				(rate) => typeof rate.fundingRate === 'number' && typeof rate.relativeFundingRate === 'number',
			),
		);
		const fixedSymbol = (exchange.getInstruments().instruments as Row[]).find((row) =>
			String(row.symbol).startsWith('FI_'),
		)?.symbol as string;
		assert.throws(
			() => exchange.getHistoricalFundingRates({ symbol: fixedSymbol }),
			(error: unknown) => error instanceof PaperApiError && error.httpStatus === 400,
		);
		assert.throws(
			() => exchange.getHistoricalFundingRates({}),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'requiredArgumentMissing',
		);
	});

	it('emits tickers, trades and book deltas with increasing seq that rebuild the book', () => {
		const { exchange, events } = harness();
		const snapshot = exchange.wsBookSnapshot('PF_XBTUSD');
		const levels = { buy: new Map<number, number>(), sell: new Map<number, number>() };
		for (const level of snapshot.bids as { price: number; qty: number }[])
			levels.buy.set(level.price, level.qty);
		for (const level of snapshot.asks as { price: number; qty: number }[])
			levels.sell.set(level.price, level.qty);
		let seq = snapshot.seq as number;
		exchange.advanceTime(5_000);
		const deltas = events
			.filter((event) => event.name === 'book' && event.args[0] === 'PF_XBTUSD')
			.map((event) => event.args[1] as Row);
		assert.ok(deltas.length > 0);
		for (const delta of deltas) {
			assert.equal(delta.seq, seq + 1);
			seq = delta.seq as number;
			const side = levels[delta.side as 'buy' | 'sell'];
			if (delta.qty === 0) side.delete(delta.price as number);
			else side.set(delta.price as number, delta.qty as number);
		}
		const after = exchange.wsBookSnapshot('PF_XBTUSD');
		assert.deepEqual(
			[...levels.buy.keys()].sort((a, b) => b - a),
			(after.bids as Row[]).map((level) => level.price),
		);
		assert.ok(events.some((event) => event.name === 'ticker' && event.args[0] === 'PF_XBTUSD'));
		const trades = exchange.getTradeHistory({ symbol: 'PF_XBTUSD' }).history as Row[];
		assert.ok(trades.length > 0);
		assert.ok(Date.parse(trades[0].time as string) >= Date.parse(trades[trades.length - 1].time as string));
		assert.throws(
			() => exchange.getOrderBook('PF_NOPE'),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'contractNotFound',
		);
	});

	it('ticks on a real accelerated clock and stops cleanly', async () => {
		const exchange = new PaperExchange({ seed: 2 });
		const tickers: number[] = [];
		exchange.on('ticker', (_symbol: string, ticker: Row) => tickers.push(ticker.time as number));
		const start = exchange.now();
		exchange.startClock({ tickMs: 20, speed: 60 });
		await new Promise((resolve) => setTimeout(resolve, 150));
		exchange.stopClock();
		assert.ok(exchange.now() - start >= 60 * 100, 'the paper clock ran about 60 times faster');
		assert.ok(tickers.length > 0);
		const seen = tickers.length;
		await new Promise((resolve) => setTimeout(resolve, 60));
		assert.equal(tickers.length, seen, 'no ticking after stopClock');
	});
});

describe('paper exchange: resting orders in the public book', () => {
	it('shows a resting limit order in the REST book, the WS snapshot and book deltas, and removes it on cancel', () => {
		const { exchange, events } = harness();
		exchange.ensureAccount('acct');
		const before = book(exchange, 'PF_XBTUSD');
		const bestBid = before.bids[0][0];
		const ownPrice = bestBid - 7; // a price no synthetic level uses (levels sit a fixed gap apart)
		assert.ok(!before.bids.some(([price]) => price === ownPrice));
		events.length = 0;

		const placed = sendStatus(
			exchange.sendOrder('acct', {
				orderType: 'post',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.25',
				limitPrice: String(ownPrice),
			}),
		);
		assert.equal(placed.status, 'placed');
		assert.deepEqual(
			book(exchange, 'PF_XBTUSD').bids.find(([price]) => price === ownPrice),
			[ownPrice, 0.25],
		);
		const snapshot = exchange.wsBookSnapshot('PF_XBTUSD') as { bids: { price: number; qty: number }[] };
		assert.deepEqual(
			snapshot.bids.find((level) => level.price === ownPrice),
			{ price: ownPrice, qty: 0.25 },
		);
		const added = events.find(
			(e) => e.name === 'book' && (e.args[1] as { price: number }).price === ownPrice,
		);
		assert.ok(added, 'no book delta for the new level');
		assert.equal((added.args[1] as { qty: number }).qty, 0.25);

		events.length = 0;
		exchange.cancelOrder('acct', { order_id: placed.order_id as string });
		assert.ok(!book(exchange, 'PF_XBTUSD').bids.some(([price]) => price === ownPrice));
		const removed = events.find(
			(e) => e.name === 'book' && (e.args[1] as { price: number }).price === ownPrice,
		);
		assert.equal((removed?.args[1] as { qty: number } | undefined)?.qty, 0);
	});
});
