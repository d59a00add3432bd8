import type { WsFeedMessage } from './types';

interface BookState {
	product_id: string;
	seq: unknown;
	timestamp: unknown;
	bids: Map<number, number>;
	asks: Map<number, number>;
}

interface OpenOrdersState {
	account: unknown;
	orders: Map<string, Record<string, unknown>>;
}

type Level = { price: unknown; qty: unknown };

function levelsToMap(levels: unknown): Map<number, number> {
	const map = new Map<number, number>();
	if (!Array.isArray(levels)) return map;
	for (const level of levels as Level[]) {
		const price = Number(level?.price);
		const qty = Number(level?.qty);
		if (Number.isFinite(price) && Number.isFinite(qty) && qty > 0) map.set(price, qty);
	}
	return map;
}

function mapToLevels(map: Map<number, number>, descending: boolean): Level[] {
	const prices = [...map.keys()].sort((a, b) => (descending ? b - a : a - b));
	return prices.map((price) => ({ price, qty: map.get(price) }));
}

/**
 * What a consumer joining an already-active subscription missed, so it does not have to wait for
 * the next full message:
 * - `ticker`, `ticker_lite`, `open_positions`: every message is complete, the latest one is kept;
 * - `book`: the snapshot with every later delta applied, replayed as one current `book_snapshot`;
 * - `open_orders`: the snapshot with later updates applied, replayed as one `open_orders_snapshot`.
 * Other feeds (`trade`, `heartbeat`, `fills`, `balances`, `account_log`, `notifications_auth`,
 * `open_orders_verbose`) replay nothing; fills are better consumed through `onFill`.
 * Everything is dropped when the connection is lost, since the server resends snapshots.
 */
export class LatestStateCache {
	readonly #latest = new Map<string, WsFeedMessage>();
	readonly #books = new Map<string, BookState>();
	readonly #openOrders = new Map<string, OpenOrdersState>();

	record(key: string, message: WsFeedMessage): void {
		switch (message.feed) {
			case 'ticker':
			case 'ticker_lite':
			case 'open_positions':
				this.#latest.set(key, message);
				return;
			case 'book_snapshot':
				this.#books.set(key, {
					product_id: String(message.product_id),
					seq: message.seq,
					timestamp: message.timestamp,
					bids: levelsToMap(message.bids),
					asks: levelsToMap(message.asks),
				});
				return;
			case 'book':
				this.#applyBookDelta(key, message);
				return;
			case 'open_orders_snapshot':
				this.#openOrders.set(key, { account: message.account, orders: this.#ordersById(message.orders) });
				return;
			case 'open_orders':
				this.#applyOrderUpdate(key, message);
				return;
			default:
		}
	}

	/** The messages to hand a newcomer to subscription `key` (possibly none). */
	replay(key: string): WsFeedMessage[] {
		const latest = this.#latest.get(key);
		if (latest) return [latest];
		const book = this.#books.get(key);
		if (book) {
			return [
				{
					feed: 'book_snapshot',
					product_id: book.product_id,
					timestamp: book.timestamp,
					seq: book.seq,
					tickSize: null,
					bids: mapToLevels(book.bids, true),
					asks: mapToLevels(book.asks, false),
				},
			];
		}
		const openOrders = this.#openOrders.get(key);
		if (openOrders) {
			const snapshot: WsFeedMessage = {
				feed: 'open_orders_snapshot',
				orders: [...openOrders.orders.values()],
			};
			if (openOrders.account !== undefined) snapshot.account = openOrders.account;
			return [snapshot];
		}
		return [];
	}

	forget(key: string): void {
		this.#latest.delete(key);
		this.#books.delete(key);
		this.#openOrders.delete(key);
	}

	clear(): void {
		this.#latest.clear();
		this.#books.clear();
		this.#openOrders.clear();
	}

	#applyBookDelta(key: string, message: WsFeedMessage): void {
		const book = this.#books.get(key);
		if (!book) return;
		const side = message.side === 'buy' ? book.bids : message.side === 'sell' ? book.asks : undefined;
		const price = Number(message.price);
		const qty = Number(message.qty);
		if (!side || !Number.isFinite(price) || !Number.isFinite(qty)) return;
		if (qty > 0) side.set(price, qty);
		else side.delete(price);
		book.seq = message.seq;
		book.timestamp = message.timestamp;
	}

	#ordersById(orders: unknown): Map<string, Record<string, unknown>> {
		const map = new Map<string, Record<string, unknown>>();
		if (!Array.isArray(orders)) return map;
		for (const order of orders as Record<string, unknown>[]) {
			if (typeof order?.order_id === 'string') map.set(order.order_id, order);
		}
		return map;
	}

	#applyOrderUpdate(key: string, message: WsFeedMessage): void {
		const state = this.#openOrders.get(key);
		if (!state) return;
		const order = message.order as Record<string, unknown> | undefined;
		const orderId = typeof order?.order_id === 'string' ? order.order_id : message.order_id;
		if (typeof orderId !== 'string') return;
		if (message.is_cancel === true) state.orders.delete(orderId);
		else if (order) state.orders.set(orderId, order);
	}
}
