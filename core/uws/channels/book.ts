import type { WsFeedMessage } from '../../ws/types';
import { BOOK_FIELD as F } from '../unverified';
import { asItem, numberAt, textAt, timeAt, withDefined, type WireItem } from './read';

interface Level {
	price: number;
	qty: number;
}

function levels(value: unknown): Level[] {
	if (!Array.isArray(value)) return [];
	const result: Level[] = [];
	for (const entry of value) {
		const item = asItem(entry);
		const price = item && numberAt(item, F.price);
		const qty = item && numberAt(item, F.qty);
		if (price !== undefined && qty !== undefined) result.push({ price, qty });
	}
	return result;
}

/**
 * A Unified WebSocket `book` item as v1 messages: a snapshot becomes one `book_snapshot` with
 * `bids`/`asks` of `{price, qty}`; an update becomes one `book` message per changed level
 * (`side` buy for bids, sell for asks; `qty` 0 removes the level), as v1 sends them. UWS sends
 * a CRC32 `checksum` instead of v1's `seq`; it stays in `raw`.
 */
export function bookMessages(value: unknown, isSnapshot: boolean): WsFeedMessage[] {
	const item = asItem(value);
	const symbol = item && textAt(item, F.symbol);
	if (!item || !symbol) return [];
	const timestamp = timeAt(item, F.timestamp);
	const bids = levels(item[F.bids.name]);
	const asks = levels(item[F.asks.name]);
	if (isSnapshot) {
		return [
			withDefined<WsFeedMessage>(
				{ feed: 'book_snapshot', product_id: symbol, bids, asks },
				{ timestamp, raw: item },
			),
		];
	}
	const update = (side: 'buy' | 'sell', level: Level): WsFeedMessage =>
		withDefined<WsFeedMessage>(
			{ feed: 'book', product_id: symbol, side, price: level.price, qty: level.qty },
			{ timestamp, raw: item as WireItem },
		);
	return [...bids.map((level) => update('buy', level)), ...asks.map((level) => update('sell', level))];
}
