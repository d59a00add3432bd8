import { diffBooks, cloneBook, type SyntheticBook } from './book';
import type { InstrumentMarket } from './instrument-market';
import { wsTicker, wsTrade } from './payloads';

type Emit = (event: string, ...args: unknown[]) => void;

/** At most this many trades go out per publish, so a long time jump does not flood listeners. */
const MAX_TRADES_PER_PUBLISH = 100;

/**
 * Sends what changed since the last publish: book deltas (one level each, with `seq`) between the
 * last published book and `book` (what the public sees now), trades, a ticker.
 */
export function publishMarket(
	market: InstrumentMarket,
	book: SyntheticBook,
	now: number,
	nextFundingTime: number,
	withTicker: boolean,
	emit: Emit,
): void {
	const symbol = market.spec.symbol;
	for (const delta of diffBooks(market.publishedBook, book)) {
		market.bookSeq += 1;
		emit('book', symbol, {
			side: delta.side,
			seq: market.bookSeq,
			price: delta.price,
			qty: delta.qty,
			timestamp: now,
			product_id: symbol,
		});
	}
	market.publishedBook = cloneBook(book);
	const trades = market.unpublishedTrades.slice(-MAX_TRADES_PER_PUBLISH);
	market.unpublishedTrades = [];
	for (const trade of trades) emit('trade', symbol, wsTrade(symbol, trade));
	if (withTicker) emit('ticker', symbol, wsTicker(market, now, nextFundingTime));
}
