import type { WsFeedMessage } from '../../ws/types';
import {
	EXEC_TYPE_TRADE,
	EXECUTION_FIELD as F,
	LEGACY_ORDER_REASON,
	ORDER_CLOSED_STATES,
} from '../unverified';
import { toOpenOrder } from './open-orders';
import { isRecord, readNumber, readText, type WireRecord } from './read-fields';

/**
 * `executions` events (reference §3.3) as the legacy WS v1 `open_orders` feed delivers them
 * (reference §2.11): an `open_orders_snapshot` with every open order, then one `open_orders`
 * message per event, `{order, is_cancel: false, reason}` while the order lives and
 * `{order_id, is_cancel: true, reason}` when it ends. Each message carries the wire data in `raw`.
 */

const CLOSED = new Set(ORDER_CLOSED_STATES.map((state) => state.name));
/** Open orders remembered at most; the oldest is forgotten first (a bound, not an expected size). */
const OPEN_KEPT = 10_000;
/** Ended orders remembered, so that a second report of the same end is not delivered twice. */
const ENDED_KEPT = 1_000;

const WS_ORDER_TYPE: Record<string, string> = {
	stp: 'stop',
	take_profit: 'take_profit',
	trailing_stop: 'trailing_stop',
};

function epochMs(iso: unknown): number | undefined {
	if (typeof iso !== 'string') return undefined;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? ms : undefined;
}

/** An order's merged wire fields in the v1 `open_orders` order shape; `qty` is what is left to fill. */
function wsOrder(fields: WireRecord, receivedTime: string | undefined): WireRecord {
	const order = toOpenOrder(fields, receivedTime);
	const wire: WireRecord = {
		instrument: order.symbol,
		time: epochMs(order.receivedTime),
		last_update_time: epochMs(order.lastUpdateTime),
		qty: order.unfilledSize,
		filled: order.filledSize,
		limit_price: order.limitPrice,
		stop_price: order.stopPrice,
		type: WS_ORDER_TYPE[order.orderType] ?? 'limit',
		order_id: order.order_id,
		direction: order.side === 'buy' ? 0 : 1,
		reduce_only: order.reduceOnly,
		cli_ord_id: order.cliOrdId,
		triggerSignal: order.triggerSignal,
	};
	for (const [key, value] of Object.entries(wire)) if (value === undefined) delete wire[key];
	return wire;
}

function reasonOf(execType: string | undefined): string {
	if (execType === undefined) return 'unknown';
	return LEGACY_ORDER_REASON[execType]?.name ?? execType;
}

interface Tracked {
	fields: WireRecord;
	receivedTime: string | undefined;
}

export class OrderUpdates {
	readonly #open = new Map<string, Tracked>();
	readonly #ended = new Set<string>();
	#snapshotSeen = false;

	/** The v1 messages of one `executions` push. */
	translate(type: string | undefined, data: readonly unknown[]): WsFeedMessage[] {
		const items = data.filter(isRecord);
		if (type === 'snapshot') return [this.#snapshot(items)];
		return items.flatMap((item) => this.#event(item));
	}

	/** The open orders now, as one snapshot message, once a snapshot has been seen. */
	current(): WsFeedMessage | undefined {
		if (!this.#snapshotSeen) return undefined;
		return {
			feed: 'open_orders_snapshot',
			orders: [...this.#open.values()].map((order) => wsOrder(order.fields, order.receivedTime)),
			raw: [...this.#open.values()].map((order) => order.fields),
		};
	}

	reset(): void {
		this.#open.clear();
		this.#snapshotSeen = false;
	}

	/** A snapshot's fills are history (`snap_trades`): only its order items describe open orders. */
	#snapshot(items: WireRecord[]): WsFeedMessage {
		this.#open.clear();
		this.#snapshotSeen = true;
		const orders = items.filter(
			(item) => readText(item, F.execType) !== EXEC_TYPE_TRADE.name && !this.#closes(item),
		);
		for (const item of orders) this.#track(item);
		return { ...this.current()!, raw: orders };
	}

	#event(item: WireRecord): WsFeedMessage[] {
		const orderId = readText(item, F.orderId);
		if (orderId === undefined) return [];
		const execType = readText(item, F.execType);
		const isFill = execType === EXEC_TYPE_TRADE.name;
		const tracked = this.#track(item);
		// Whether a fill that completes an order is followed by a `filled` event is not documented
		// for derivatives: the order ends with whichever comes first, and only once.
		if (this.#closes(item) || (isFill && this.#leftToFill(tracked.fields) === 0)) {
			this.#open.delete(orderId);
			if (this.#ended.has(orderId)) return [];
			this.#ended.add(orderId);
			if (this.#ended.size > ENDED_KEPT) this.#ended.delete(this.#ended.values().next().value as string);
			const reason = reasonOf(isFill ? 'filled' : execType);
			return [{ feed: 'open_orders', order_id: orderId, is_cancel: true, reason, raw: item }];
		}
		return [
			{
				feed: 'open_orders',
				order: wsOrder(tracked.fields, tracked.receivedTime),
				is_cancel: false,
				reason: reasonOf(execType),
				raw: item,
			},
		];
	}

	#closes(item: WireRecord): boolean {
		const status = readText(item, F.orderStatus);
		const execType = readText(item, F.execType);
		return (status !== undefined && CLOSED.has(status)) || (execType !== undefined && CLOSED.has(execType));
	}

	#leftToFill(fields: WireRecord): number | undefined {
		const quantity = readNumber(fields, F.orderQty);
		const filled = readNumber(fields, F.cumQty);
		if (quantity === undefined || filled === undefined) return undefined;
		return Math.max(0, Number((quantity - filled).toFixed(12)));
	}

	/** Events may carry only what changed, so each is merged into what is known of its order. */
	#track(item: WireRecord): Tracked {
		const orderId = readText(item, F.orderId)!;
		const known = this.#open.get(orderId);
		const tracked: Tracked = {
			fields: { ...known?.fields, ...item },
			receivedTime: known?.receivedTime ?? readText(item, F.timestamp),
		};
		this.#open.delete(orderId);
		this.#open.set(orderId, tracked);
		if (this.#open.size > OPEN_KEPT) this.#open.delete(this.#open.keys().next().value as string);
		return tracked;
	}
}
