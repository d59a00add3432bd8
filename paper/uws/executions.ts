import { randomUUID } from 'node:crypto';
import type { Account, Order } from '../engine/types';
import type { EngineInspection } from '../exchange';
import { findOrder, orderItem, tradeItem } from './account-views';
import type { Json } from './envelope';
import { EXEC_TYPES, SNAP_TRADES } from './unverified';

/** How many orders per account the feed remembers having announced; older ones are forgotten first. */
const REMEMBERED_ORDERS = 5_000;

type Deliver = (accountId: string, item: Json, execType: string) => void;

/** Exec types a subscriber with `order_status: false` still receives: the open and close transitions, and fills. */
export const OPEN_CLOSE_TYPES: readonly string[] = [
	EXEC_TYPES.new,
	EXEC_TYPES.trade,
	EXEC_TYPES.filled,
	EXEC_TYPES.canceled,
	'expired',
];

/**
 * Turns the engine's order and fill events (whichever protocol caused them) into `executions` items: `new`
 * once per order before anything else about it, `trade` per fill (`exec_id` = fill id), `filled` when a fill
 * completes the order, `amended`, `canceled`, and `status` when a trigger fires.
 */
export class ExecutionsFeed {
	/**
	 * Per account: the orders reported so far and whether their close was reported. The order objects are the
	 * engine's own, so they stay current, and they cover the moment an activated trigger is in no order list.
	 */
	readonly #announced = new Map<string, Map<string, { order: Order; closed: boolean }>>();

	constructor(
		private readonly engine: EngineInspection,
		private readonly deliver: Deliver,
	) {}

	reset(): void {
		this.#announced.clear();
	}

	/** The `snap_orders` open orders and `snap_trades` last fills of an account. */
	snapshot(account: Account, options: Json): Json[] {
		const items: Json[] = [];
		if (options.snap_orders !== false) {
			const open = [...account.orders.values()].sort((a, b) => a.receivedTime - b.receivedTime);
			for (const order of open)
				items.push(orderItem(account, order, EXEC_TYPES.new, randomUUID(), order.lastUpdateTime));
		}
		if (options.snap_trades === true) {
			for (const fill of account.fills.slice(0, SNAP_TRADES).reverse()) {
				items.push(tradeItem(account, fill, findOrder(account, fill.orderId), this.#inverse(fill.symbol)));
			}
		}
		return items;
	}

	onOpenOrder(accountId: string, update: Json): void {
		const account = this.engine.account(accountId);
		if (account === undefined) return;
		const orderId = String(update.order_id ?? (update.order as Json | undefined)?.order_id);
		const order = this.#find(account, orderId);
		if (order === undefined) return;
		const reason = String(update.reason);
		if (update.is_cancel === true) {
			if (reason === 'full_fill') return;
			if (reason === 'stop_order_triggered') return this.#emit(account, order, EXEC_TYPES.status);
			return this.#close(account, order, EXEC_TYPES.canceled);
		}
		if (reason === 'edited_by_user') return this.#emit(account, order, EXEC_TYPES.amended);
		this.#announce(account, order);
	}

	onFill(accountId: string, wsFill: Json, filledOrder?: Order): void {
		const account = this.engine.account(accountId);
		const fill = account?.fills.find((candidate) => candidate.fillId === wsFill.fill_id);
		if (account === undefined || fill === undefined) return;
		const order = filledOrder ?? this.#find(account, fill.orderId);
		if (order !== undefined) this.#announce(account, order, fill.size);
		this.deliver(accountId, tradeItem(account, fill, order, this.#inverse(fill.symbol)), EXEC_TYPES.trade);
		if (order !== undefined && fill.remainingOrderQty <= 1e-12)
			this.#close(account, order, EXEC_TYPES.filled);
	}

	/**
	 * After an order call: an immediate order whose rest was cancelled without an engine event (an IOC or market
	 * order that did not fill completely) is reported closed.
	 */
	settle(accountId: string, orderId: string): void {
		const account = this.engine.account(accountId);
		const order = account === undefined ? undefined : this.#find(account, orderId);
		if (account === undefined || order === undefined || order.state !== 'cancelled') return;
		this.#close(account, order, EXEC_TYPES.canceled);
	}

	#inverse(symbol: string): boolean {
		return this.engine.market(symbol)?.spec.family === 'inverse';
	}

	#find(account: Account, orderId: string): Order | undefined {
		return findOrder(account, orderId) ?? this.#announced.get(account.id)?.get(orderId)?.order;
	}

	#orders(accountId: string): Map<string, { order: Order; closed: boolean }> {
		let orders = this.#announced.get(accountId);
		if (orders === undefined) {
			orders = new Map();
			this.#announced.set(accountId, orders);
		}
		return orders;
	}

	/** Reports `new` unless done already; `filledSoFar` is taken back out for an order announced by its first fill. */
	#announce(account: Account, order: Order, filledSoFar = 0): void {
		const orders = this.#orders(account.id);
		if (orders.has(order.orderId)) return;
		orders.set(order.orderId, { order, closed: false });
		if (orders.size > REMEMBERED_ORDERS) orders.delete(orders.keys().next().value as string);
		const item = orderItem(account, order, EXEC_TYPES.new, randomUUID(), order.receivedTime);
		if (filledSoFar > 0) {
			item.cum_qty = Number((order.filled - filledSoFar).toFixed(12));
			item.order_status = item.cum_qty === 0 ? 'new' : 'partially_filled';
			delete item.avg_price;
		}
		if (item.order_status !== 'new' && filledSoFar === 0) item.order_status = 'new';
		this.deliver(account.id, item, EXEC_TYPES.new);
	}

	#close(account: Account, order: Order, execType: string): void {
		this.#announce(account, order);
		const entry = this.#orders(account.id).get(order.orderId);
		if (entry === undefined || entry.closed) return;
		entry.closed = true;
		const item = orderItem(account, order, execType, randomUUID(), order.lastUpdateTime);
		// The engine marks the order done only after its last fill is booked.
		item.order_status = execType === EXEC_TYPES.filled ? 'filled' : 'canceled';
		this.deliver(account.id, item, execType);
	}

	#emit(account: Account, order: Order, execType: string): void {
		const item = orderItem(account, order, execType, randomUUID(), order.lastUpdateTime);
		this.deliver(account.id, item, execType);
	}
}
