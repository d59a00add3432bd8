import { crc32 } from 'node:zlib';
import { sizeStep, type InstrumentSpec } from '../instruments';
import type { BookLevel, SyntheticBook } from '../market/book';
import type { InstrumentMarket, PublicTrade } from '../market/instrument-market';
import { HOUR_MS } from '../market/market';
import type { Json } from './envelope';
import { BOOK_CHECKSUM_LEVELS, TICKER_FUNDING_FIELDS } from './unverified';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Decimals of a step (0.5 → 1, 0.05 → 2, 1 → 0). */
function decimalsOf(step: number): number {
	let decimals = 0;
	while (decimals < 12 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9)
		decimals++;
	return decimals;
}

export function pricePrecision(spec: InstrumentSpec): number {
	return decimalsOf(spec.tickSize);
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** `ticker` data: Spot v2 fields plus the derivatives extras (unverified), funding ones optional. */
export function tickerData(market: InstrumentMarket, now: number, withFunding: boolean): Json {
	const decimals = pricePrecision(market.spec);
	const open = market.open24h;
	const change = market.last - open;
	// The paper market keeps no traded notional, so vwap is the typical price of the day.
	const vwap = round((market.high24h + market.low24h + market.last) / 3, decimals);
	const data: Json = {
		symbol: market.spec.symbol,
		bid: market.book.bids[0]?.price ?? 0,
		bid_qty: market.book.bids[0]?.qty ?? 0,
		ask: market.book.asks[0]?.price ?? 0,
		ask_qty: market.book.asks[0]?.qty ?? 0,
		last: market.last,
		volume: market.volume24h,
		vwap,
		low: market.low24h,
		high: market.high24h,
		change: round(change, decimals),
		change_pct: round(open === 0 ? 0 : (change / open) * 100, 2),
		mark_price: market.markPrice,
		index_price: market.indexPrice,
		open_interest: market.openInterest,
		timestamp: iso(now),
	};
	if (withFunding && market.spec.perpetual) {
		const funding: Record<(typeof TICKER_FUNDING_FIELDS)[number], unknown> = {
			funding_rate: market.fundingRate,
			funding_rate_prediction: market.absoluteFrom(market.relativeFundingPrediction),
			next_funding_time: iso(Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS),
		};
		Object.assign(data, funding);
	}
	return data;
}

const levels = (list: BookLevel[], depth: number): Json[] =>
	list.slice(0, depth).map((level) => ({ price: level.price, qty: level.qty }));

/** Spot v2 book checksum: CRC32 over the top ten asks then bids, each `price`+`qty` without dot and leading zeros. */
export function bookChecksum(spec: InstrumentSpec, book: SyntheticBook): number {
	const priceDecimals = pricePrecision(spec);
	const qtyDecimals = spec.contractValueTradePrecision;
	const digits = (value: number, decimals: number): string =>
		value.toFixed(decimals).replace('.', '').replace(/^0+/, '');
	const text = [...book.asks.slice(0, BOOK_CHECKSUM_LEVELS), ...book.bids.slice(0, BOOK_CHECKSUM_LEVELS)]
		.map((level) => digits(level.price, priceDecimals) + digits(level.qty, qtyDecimals))
		.join('');
	return crc32(text) >>> 0;
}

export function bookSnapshotData(
	spec: InstrumentSpec,
	book: SyntheticBook,
	depth: number,
	now: number,
): Json {
	return {
		symbol: spec.symbol,
		bids: levels(book.bids, depth),
		asks: levels(book.asks, depth),
		checksum: bookChecksum(spec, book),
		timestamp: iso(now),
	};
}

/** One book update: the changed levels (qty 0 = removed) and the checksum of the book after them. */
export function bookUpdateData(
	spec: InstrumentSpec,
	bids: Json[],
	asks: Json[],
	book: SyntheticBook,
	now: number,
): Json {
	return { symbol: spec.symbol, bids, asks, checksum: bookChecksum(spec, book), timestamp: iso(now) };
}

/** A public trade (Spot v2 item: `symbol, side, price, qty, ord_type, trade_id, timestamp`). */
export function tradeData(
	symbol: string,
	trade: { side: string; price: number; qty: number; time: number; tradeId?: number; seq?: number },
): Json {
	return {
		symbol,
		side: trade.side,
		price: trade.price,
		qty: trade.qty,
		ord_type: 'limit',
		trade_id: trade.tradeId ?? trade.seq,
		timestamp: iso(trade.time),
	};
}

export function tradeSnapshot(market: InstrumentMarket, count: number): Json[] {
	return market.trades
		.slice(0, count)
		.reverse()
		.map((trade: PublicTrade) => tradeData(market.spec.symbol, trade));
}

/**
 * One contract of the `instrument` channel: the verified `price_increment`, `qty_increment`, `qty_min`, and
 * unverified extras (status, contract type, maximum leverage, margin schedule).
 */
export function instrumentPair(market: InstrumentMarket, tradeable: boolean): Json {
	const spec = market.spec;
	// 10 ** -4 is 0.00009999999999999999 in binary floating point; Kraken prints 0.0001.
	const qtyIncrement = Number(sizeStep(spec).toFixed(spec.contractValueTradePrecision));
	const pair: Json = {
		symbol: spec.symbol,
		base: spec.base,
		quote: spec.quote,
		status: tradeable ? 'online' : 'halted',
		tradeable,
		contract_type: spec.perpetual ? 'perpetual' : 'fixed_maturity',
		contract_family: spec.family,
		price_increment: spec.tickSize,
		price_precision: pricePrecision(spec),
		qty_increment: qtyIncrement,
		qty_precision: spec.contractValueTradePrecision,
		qty_min: qtyIncrement,
		max_position_size: spec.maxPositionSize,
		max_leverage: Math.round(1 / spec.marginLevels[0].initialMargin),
		margin_levels: spec.marginLevels.map((level) => ({
			threshold: level.threshold,
			initial_margin: level.initialMargin,
			maintenance_margin: level.maintenanceMargin,
		})),
	};
	if (spec.lastTradingTime !== undefined) pair.last_trading_time = iso(spec.lastTradingTime);
	return pair;
}
