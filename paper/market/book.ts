import type { InstrumentSpec } from '../instruments';
import { roundToStep, sizeStep } from '../instruments';
import type { SeededRandom } from '../random';

export interface BookLevel {
	price: number;
	qty: number;
}

export interface SyntheticBook {
	/** Best (highest) first. */
	bids: BookLevel[];
	/** Best (lowest) first. */
	asks: BookLevel[];
}

export interface BookDelta {
	side: 'buy' | 'sell';
	price: number;
	qty: number;
}

export const BOOK_DEPTH = 10;

/** Ticks between synthetic levels: about 2 basis points, never less than one tick. */
function levelGap(spec: InstrumentSpec, mid: number): number {
	return Math.max(1, Math.round((mid * 0.0002) / spec.tickSize)) * spec.tickSize;
}

function levelQty(spec: InstrumentSpec, random: SeededRandom): number {
	const step = sizeStep(spec);
	return Math.max(step, roundToStep(spec.typicalLevelQty * random.between(0.3, 1.7), step));
}

/** A fresh book around `mid` with a one-to-three tick spread. */
export function generateBook(spec: InstrumentSpec, mid: number, random: SeededRandom): SyntheticBook {
	const tick = spec.tickSize;
	const spreadTicks = random.integer(1, 3);
	const bestBid = roundToStep(Math.floor((mid - (spreadTicks * tick) / 2) / tick) * tick, tick);
	const bestAsk = roundToStep(bestBid + spreadTicks * tick, tick);
	const gap = levelGap(spec, mid);
	const bids: BookLevel[] = [];
	const asks: BookLevel[] = [];
	for (let depth = 0; depth < BOOK_DEPTH; depth++) {
		bids.push({ price: roundToStep(bestBid - depth * gap, tick), qty: levelQty(spec, random) });
		asks.push({ price: roundToStep(bestAsk + depth * gap, tick), qty: levelQty(spec, random) });
	}
	return { bids: bids.filter((level) => level.price > 0), asks };
}

/** A resting limit order as the public book shows it: only its side, price and unfilled size. */
export interface RestingLiquidity {
	side: 'buy' | 'sell';
	price: number;
	qty: number;
}

function withLiquidity(
	levels: BookLevel[],
	added: RestingLiquidity[],
	bestFirst: (a: number, b: number) => number,
) {
	const byPrice = new Map(levels.map((level) => [level.price, level.qty]));
	for (const order of added) byPrice.set(order.price, (byPrice.get(order.price) ?? 0) + order.qty);
	return [...byPrice].map(([price, qty]) => ({ price, qty })).sort((a, b) => bestFirst(a.price, b.price));
}

/**
 * The book as the public sees it: the synthetic liquidity plus every account's resting limit
 * orders, so a trader finds their own order in the order book and in its feed, as on Kraken.
 */
export function displayedBook(book: SyntheticBook, resting: RestingLiquidity[]): SyntheticBook {
	if (resting.length === 0) return book;
	return {
		bids: withLiquidity(
			book.bids,
			resting.filter((order) => order.side === 'buy'),
			(a, b) => b - a,
		),
		asks: withLiquidity(
			book.asks,
			resting.filter((order) => order.side === 'sell'),
			(a, b) => a - b,
		),
	};
}

export function cloneBook(book: SyntheticBook): SyntheticBook {
	return {
		bids: book.bids.map((level) => ({ ...level })),
		asks: book.asks.map((level) => ({ ...level })),
	};
}

function diffSide(side: 'buy' | 'sell', before: BookLevel[], after: BookLevel[]): BookDelta[] {
	const deltas: BookDelta[] = [];
	const afterByPrice = new Map(after.map((level) => [level.price, level.qty]));
	const beforeByPrice = new Map(before.map((level) => [level.price, level.qty]));
	for (const level of before) {
		if (!afterByPrice.has(level.price)) deltas.push({ side, price: level.price, qty: 0 });
	}
	for (const level of after) {
		if (beforeByPrice.get(level.price) !== level.qty)
			deltas.push({ side, price: level.price, qty: level.qty });
	}
	return deltas;
}

/** The per-level messages that turn `before` into `after`; `qty: 0` removes a level. */
export function diffBooks(before: SyntheticBook, after: SyntheticBook): BookDelta[] {
	return [...diffSide('buy', before.bids, after.bids), ...diffSide('sell', before.asks, after.asks)];
}

/**
 * Takes up to `qty` from the side a taker on `takerSide` hits, no worse than `worstPrice`, and removes what
 * it takes from the book. Returns the executions best price first.
 */
export function takeLiquidity(
	book: SyntheticBook,
	takerSide: 'buy' | 'sell',
	qty: number,
	worstPrice: number,
	step: number,
): BookLevel[] {
	const levels = takerSide === 'buy' ? book.asks : book.bids;
	const executions: BookLevel[] = [];
	let remaining = qty;
	while (remaining > step / 2 && levels.length > 0) {
		const level = levels[0];
		const acceptable = takerSide === 'buy' ? level.price <= worstPrice : level.price >= worstPrice;
		if (!acceptable) break;
		const taken = roundToStep(Math.min(remaining, level.qty), step);
		if (taken <= 0) break;
		executions.push({ price: level.price, qty: taken });
		remaining = roundToStep(remaining - taken, step);
		level.qty = roundToStep(level.qty - taken, step);
		if (level.qty <= step / 2) levels.shift();
	}
	return executions;
}

/** Quantity available to a taker on `takerSide` at prices no worse than `worstPrice`. */
export function liquidityWithin(book: SyntheticBook, takerSide: 'buy' | 'sell', worstPrice: number): number {
	const levels = takerSide === 'buy' ? book.asks : book.bids;
	let total = 0;
	for (const level of levels) {
		const acceptable = takerSide === 'buy' ? level.price <= worstPrice : level.price >= worstPrice;
		if (acceptable) total += level.qty;
	}
	return total;
}
