import type { InstrumentMarket, PublicTrade } from './instrument-market';
import type { SyntheticBook } from './book';

type Json = Record<string, unknown>;

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_MS = 86_400_000;

function maturityOf(market: InstrumentMarket): number {
	return market.spec.lastTradingTime ?? 0;
}

function daysToMaturity(market: InstrumentMarket, now: number): number {
	const maturity = maturityOf(market);
	return maturity === 0 ? 0 : Math.max(0, Math.floor((maturity - now) / DAY_MS));
}

function leverageText(market: InstrumentMarket): string {
	return `${Math.round(1 / market.spec.marginLevels[0].initialMargin)}x`;
}

function volumeQuote(market: InstrumentMarket): number {
	return market.spec.family === 'inverse' ? market.volume24h : market.volume24h * market.markPrice;
}

/** A `/tickers` element with REST field names (§3.2). */
export function restTicker(market: InstrumentMarket): Json {
	const ticker: Json = {
		symbol: market.spec.symbol,
		last: market.last,
		lastTime: iso(market.lastTime),
		tag: market.spec.tag,
		pair: `${market.spec.base}:${market.spec.quote}`,
		markPrice: market.markPrice,
		bid: market.book.bids[0]?.price,
		bidSize: market.book.bids[0]?.qty,
		ask: market.book.asks[0]?.price,
		askSize: market.book.asks[0]?.qty,
		vol24h: market.volume24h,
		volumeQuote: volumeQuote(market),
		openInterest: market.openInterest,
		open24h: market.open24h,
		high24h: market.high24h,
		low24h: market.low24h,
		lastSize: market.lastSize,
		suspended: market.suspended,
		indexPrice: market.indexPrice,
		postOnly: false,
		change24h: market.change24h,
	};
	if (market.spec.perpetual) {
		ticker.fundingRate = market.fundingRate;
		ticker.fundingRatePrediction = market.absoluteFrom(market.relativeFundingPrediction);
	}
	return ticker;
}

/** The WS `ticker` message without `feed` (§2.4); funding fields are left out when zero, as Kraken does. */
export function wsTicker(market: InstrumentMarket, now: number, nextFundingTime: number): Json {
	const message: Json = { time: now, product_id: market.spec.symbol };
	const funding: [string, number][] = market.spec.perpetual
		? [
				['funding_rate', market.fundingRate],
				['funding_rate_prediction', market.absoluteFrom(market.relativeFundingPrediction)],
				['relative_funding_rate', market.relativeFundingRate],
				['relative_funding_rate_prediction', market.relativeFundingPrediction],
			]
		: [];
	for (const [key, value] of funding) if (value !== 0) message[key] = value;
	if (market.spec.perpetual) message.next_funding_rate_time = nextFundingTime;
	Object.assign(message, {
		bid: market.book.bids[0]?.price ?? 0,
		ask: market.book.asks[0]?.price ?? 0,
		bid_size: market.book.bids[0]?.qty ?? 0,
		ask_size: market.book.asks[0]?.qty ?? 0,
		volume: market.volume24h,
		dtm: daysToMaturity(market, now),
		leverage: leverageText(market),
		index: market.indexPrice,
		premium: Number((((market.markPrice - market.indexPrice) / market.indexPrice) * 100).toFixed(4)),
		last: market.last,
		change: market.change24h,
		suspended: market.suspended,
		tag: market.spec.tag,
		pair: `${market.spec.base}:${market.spec.quote}`,
		openInterest: market.openInterest,
		markPrice: market.markPrice,
		maturityTime: maturityOf(market),
		post_only: false,
		volumeQuote: volumeQuote(market),
		open: market.open24h,
		high: market.high24h,
		low: market.low24h,
	});
	return message;
}

export function wsTickerLite(market: InstrumentMarket, now: number): Json {
	return {
		product_id: market.spec.symbol,
		bid: market.book.bids[0]?.price ?? 0,
		ask: market.book.asks[0]?.price ?? 0,
		change: market.change24h,
		premium: Number((((market.markPrice - market.indexPrice) / market.indexPrice) * 100).toFixed(4)),
		volume: market.volume24h,
		tag: market.spec.tag,
		pair: `${market.spec.base}:${market.spec.quote}`,
		dtm: daysToMaturity(market, now),
		maturityTime: maturityOf(market),
		volumeQuote: volumeQuote(market),
	};
}

export function wsBookSnapshot(market: InstrumentMarket, book: SyntheticBook, now: number): Json {
	return {
		product_id: market.spec.symbol,
		timestamp: now,
		seq: market.bookSeq,
		tickSize: null,
		bids: book.bids.map((level) => ({ price: level.price, qty: level.qty })),
		asks: book.asks.map((level) => ({ price: level.price, qty: level.qty })),
	};
}

export function wsTrade(symbol: string, trade: PublicTrade): Json {
	return {
		product_id: symbol,
		uid: trade.uid,
		side: trade.side,
		type: trade.type,
		seq: trade.seq,
		time: trade.time,
		qty: trade.qty,
		price: trade.price,
	};
}

export function wsTradeSnapshot(market: InstrumentMarket): Json {
	return {
		product_id: market.spec.symbol,
		trades: market.trades
			.slice(0, 100)
			.map((trade) => ({ feed: 'trade', ...wsTrade(market.spec.symbol, trade) })),
	};
}

export function restOrderBook(book: SyntheticBook): Json {
	return {
		orderBook: {
			bids: book.bids.map((level) => [level.price, level.qty]),
			asks: book.asks.map((level) => [level.price, level.qty]),
		},
	};
}

/** `/history`: the 100 most recent trades before `lastTime`, newest first. */
export function restTradeHistory(market: InstrumentMarket, beforeMs: number | undefined): Json {
	const trades = market.trades
		.filter((trade) => beforeMs === undefined || trade.time < beforeMs)
		.slice(0, 100);
	return {
		history: trades.map((trade) => ({
			time: iso(trade.time),
			trade_id: trade.tradeId,
			price: trade.price,
			size: trade.qty,
			side: trade.side,
			type: trade.type,
			uid: trade.uid,
		})),
	};
}

export function restFundingRates(market: InstrumentMarket): Json {
	return {
		rates: market.fundingHistory.map((record) => ({
			timestamp: iso(record.timestamp),
			fundingRate: record.fundingRate,
			relativeFundingRate: record.relativeFundingRate,
		})),
	};
}
