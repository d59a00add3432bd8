import type { EngineInspection, Payload } from '../exchange';
import type { Json } from './envelope';
import { bookUpdateData } from './market-views';

type Flush = (symbol: string, data: Json) => void;

/**
 * Gathers the engine's one-level book deltas of one publish into a single `book` update per symbol, sent once
 * the publish is over, so its checksum describes the book after every level it carries.
 */
export class BookBuffer {
	readonly #pending = new Map<string, { bids: Json[]; asks: Json[] }>();
	#scheduled = false;

	constructor(
		private readonly engine: EngineInspection,
		private readonly flush: Flush,
	) {}

	add(symbol: string, delta: Payload): void {
		const pending = this.#pending.get(symbol) ?? { bids: [], asks: [] };
		this.#pending.set(symbol, pending);
		(delta.side === 'buy' ? pending.bids : pending.asks).push({ price: delta.price, qty: delta.qty });
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => this.#flushAll());
	}

	#flushAll(): void {
		this.#scheduled = false;
		const now = this.engine.current();
		for (const [symbol, { bids, asks }] of this.#pending) {
			const market = this.engine.market(symbol);
			if (market === undefined) continue;
			this.flush(symbol, bookUpdateData(market.spec, bids, asks, this.engine.displayedBook(market), now));
		}
		this.#pending.clear();
	}
}
