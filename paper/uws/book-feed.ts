import type { EngineInspection } from '../exchange';
import type { BookLevel, SyntheticBook } from '../market/book';
import { push, type Json } from './envelope';
import { bookSnapshotData, bookUpdateData } from './market-views';
import type { UwsSession } from './session';

/** A copy of the top `depth` levels of each side (the engine changes its levels in place). */
function topOf(book: SyntheticBook, depth: number): SyntheticBook {
	const copy = (levels: BookLevel[]) => levels.slice(0, depth).map((level) => ({ ...level }));
	return { bids: copy(book.bids), asks: copy(book.asks) };
}

/** Levels of `after` that are new or changed since `before`, and `qty` 0 for those no longer there. */
function changes(before: BookLevel[], after: BookLevel[]): Json[] {
	const was = new Map(before.map((level) => [level.price, level.qty]));
	const is = new Set(after.map((level) => level.price));
	const changed: Json[] = after
		.filter((level) => was.get(level.price) !== level.qty)
		.map((level) => ({ price: level.price, qty: level.qty }));
	for (const level of before) if (!is.has(level.price)) changed.push({ price: level.price, qty: 0 });
	return changed;
}

/**
 * The `book` channel of each connection at the depth it subscribed: a snapshot of the top `depth`
 * levels, then after every market step one update per symbol with the levels of that window that
 * changed, those that entered it (a level moving up when one above is taken) and `qty` 0 for those
 * that left it. A client that applies the updates and cuts its book to the depth (the Spot v2 rule)
 * holds the exchange's top levels, and the update's checksum describes the book after all of them.
 */
export class BookFeed {
	/** What each connection was last told, per symbol. */
	readonly #told = new WeakMap<UwsSession, Map<string, SyntheticBook>>();
	readonly #changed = new Set<string>();
	#scheduled = false;

	constructor(
		private readonly engine: EngineInspection,
		private readonly sessions: () => Iterable<UwsSession>,
	) {}

	/** A connection starts following `symbol` now: the snapshot it is sent, and what its updates start from. */
	follow(session: UwsSession, symbol: string, depth: number): Json | undefined {
		const market = this.engine.market(symbol);
		if (market === undefined) return undefined;
		const book = this.engine.displayedBook(market);
		const told = this.#told.get(session) ?? new Map<string, SyntheticBook>();
		this.#told.set(session, told);
		told.set(symbol, topOf(book, depth));
		return bookSnapshotData(market.spec, book, depth, this.engine.current());
	}

	/** The displayed book of `symbol` changed; the updates go out once the market step is over. */
	changed(symbol: string): void {
		this.#changed.add(symbol);
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => this.#flush());
	}

	#flush(): void {
		this.#scheduled = false;
		const now = this.engine.current();
		for (const symbol of this.#changed) {
			const market = this.engine.market(symbol);
			if (market === undefined) continue;
			const book = this.engine.displayedBook(market);
			for (const session of this.sessions()) {
				const depth = session.markets.get('book')?.get(symbol)?.depth;
				const told = this.#told.get(session);
				const before = told?.get(symbol);
				if (typeof depth !== 'number' || told === undefined || before === undefined) continue;
				const after = topOf(book, depth);
				told.set(symbol, after);
				const bids = changes(before.bids, after.bids);
				const asks = changes(before.asks, after.asks);
				if (bids.length === 0 && asks.length === 0) continue;
				session.send(push('book', 'update', [bookUpdateData(market.spec, bids, asks, book, now)]));
			}
		}
		this.#changed.clear();
	}
}
