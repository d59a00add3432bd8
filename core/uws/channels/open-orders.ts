import type { OpenOrder } from '../../rest/types';
import {
	EXEC_TYPE_TRADE,
	EXECUTION_FIELD as F,
	EXECUTION_TIME_IN_FORCE,
	ORDER_CLOSED_STATES,
	TRIGGER_FIELD as TF,
} from '../unverified';
import { isRecord, readNumber, readText, setDefined, type WireRecord } from './read-fields';

/**
 * The account's open orders, kept from the `executions` channel (reference §3.3): the snapshot
 * (`snap_orders`) lists every open order, and each later event changes one. Events may carry only
 * what changed, so each is merged into what is known of its order. Read as the legacy
 * `openorders` shape, with the merged wire fields in `raw`.
 */

export type UwsOpenOrder = OpenOrder & { raw: WireRecord };

const CLOSED = new Set(ORDER_CLOSED_STATES.map((state) => state.name));
/** Orders remembered after they closed, so a late lookup by client id still finds them. */
const CLOSED_KEPT = 1000;

function legacyOrderType(order: WireRecord): string {
	const type = readText(order, F.orderType) ?? '';
	if (type.startsWith('stop-loss')) return 'stp';
	if (type.startsWith('take-profit')) return 'take_profit';
	if (type.startsWith('trailing-stop')) return 'trailing_stop';
	if (type === 'market') return 'mkt';
	if (order[F.postOnly.name] === true) return 'post';
	const timeInForce = readText(order, EXECUTION_TIME_IN_FORCE);
	return timeInForce === 'ioc' || timeInForce === 'fok' ? timeInForce : 'lmt';
}

/** One order (its merged wire fields) in the legacy `openorders` shape. */
export function toOpenOrder(order: WireRecord, receivedTime?: string): UwsOpenOrder {
	const quantity = readNumber(order, F.orderQty);
	const filled = readNumber(order, F.cumQty) ?? 0;
	const side = readText(order, F.side) === 'sell' ? 'sell' : 'buy';
	const result: UwsOpenOrder = {
		order_id: readText(order, F.orderId) ?? '',
		status: filled > 0 ? 'partiallyFilled' : 'untouched',
		side,
		orderType: legacyOrderType(order),
		symbol: readText(order, F.symbol) ?? '',
		filledSize: filled,
		raw: order,
	};
	const extras = result as unknown as WireRecord;
	setDefined(extras, 'cliOrdId', readText(order, F.clOrdId));
	setDefined(extras, 'limitPrice', readNumber(order, F.limitPrice));
	if (quantity !== undefined) result.unfilledSize = Number((quantity - filled).toFixed(12));
	const triggers = order[F.triggers.name];
	if (isRecord(triggers)) {
		const static_ =
			readText(triggers, TF.priceType) === undefined || readText(triggers, TF.priceType) === 'static';
		setDefined(
			extras,
			'stopPrice',
			static_ ? readNumber(triggers, TF.price) : readNumber(triggers, TF.actualPrice),
		);
		setDefined(extras, 'triggerSignal', readText(triggers, TF.reference));
	}
	if (typeof order[F.reduceOnly.name] === 'boolean') result.reduceOnly = order[F.reduceOnly.name] as boolean;
	setDefined(extras, 'lastUpdateTime', readText(order, F.timestamp));
	setDefined(extras, 'receivedTime', receivedTime);
	return result;
}

interface Tracked {
	fields: WireRecord;
	receivedTime?: string;
}

/** What is known of an order by its client id, open or recently closed. */
export interface KnownOrder {
	orderId: string;
	open: boolean;
	order: UwsOpenOrder;
}

export class OpenOrderBook {
	readonly #open = new Map<string, Tracked>();
	readonly #closed = new Map<string, Tracked>();
	#snapshotSeen = false;

	get ready(): boolean {
		return this.#snapshotSeen;
	}

	/** Applies one `executions` message (snapshot or update). */
	apply(type: string | undefined, data: readonly unknown[]): void {
		const snapshot = type === 'snapshot';
		if (snapshot) {
			this.#open.clear();
			this.#snapshotSeen = true;
		}
		for (const item of data.filter(isRecord)) this.#applyEvent(item, snapshot);
	}

	/**
	 * A fill (`exec_type: trade`) updates an order already known to be open but never opens one: in
	 * a snapshot the fills are history (the last 50), and their `order_status` is the order's state
	 * at the time of the fill, not now.
	 */
	#applyEvent(event: WireRecord, inSnapshot: boolean): void {
		const orderId = readText(event, F.orderId);
		if (orderId === undefined) return;
		const known = this.#open.get(orderId) ?? this.#closed.get(orderId);
		const status = readText(event, F.orderStatus);
		const execType = readText(event, F.execType);
		const isFill = execType === EXEC_TYPE_TRADE.name;
		// A snapshot's fills are older than its order items: they must not overwrite the order's state.
		const fields = inSnapshot && isFill ? { ...event, ...known?.fields } : { ...known?.fields, ...event };
		const tracked: Tracked = { fields, receivedTime: known?.receivedTime ?? readText(event, F.timestamp) };
		const closed =
			(status !== undefined && CLOSED.has(status)) || (execType !== undefined && CLOSED.has(execType));
		const reopensClosed = !inSnapshot && this.#closed.has(orderId) && !this.#open.has(orderId);
		if (closed || (isFill && !this.#open.has(orderId)) || reopensClosed) {
			this.#open.delete(orderId);
			this.#remember(orderId, tracked);
			return;
		}
		this.#closed.delete(orderId);
		this.#open.set(orderId, tracked);
	}

	#remember(orderId: string, tracked: Tracked): void {
		this.#closed.delete(orderId);
		this.#closed.set(orderId, tracked);
		if (this.#closed.size > CLOSED_KEPT) this.#closed.delete(this.#closed.keys().next().value as string);
	}

	list(): UwsOpenOrder[] {
		return [...this.#open.values()].map((t) => toOpenOrder(t.fields, t.receivedTime));
	}

	/** The open orders of one symbol (case-insensitive). */
	forSymbol(symbol: string): UwsOpenOrder[] {
		const wanted = symbol.toUpperCase();
		return this.list().filter((order) => order.symbol.toUpperCase() === wanted);
	}

	/** An open order by its Kraken id or client id. */
	findOpen(id: { orderId?: string; cliOrdId?: string }): UwsOpenOrder | undefined {
		return this.list().find(
			(order) =>
				(id.orderId !== undefined && order.order_id === id.orderId) ||
				(id.cliOrdId !== undefined && order.cliOrdId === id.cliOrdId),
		);
	}

	/** An order open or closed lately, by client id: how an unanswered add_order is looked up. */
	findByCliOrdId(cliOrdId: string): KnownOrder | undefined {
		for (const [open, map] of [
			[true, this.#open],
			[false, this.#closed],
		] as const) {
			for (const [orderId, tracked] of map) {
				if (readText(tracked.fields, F.clOrdId) === cliOrdId) {
					return { orderId, open, order: toOpenOrder(tracked.fields, tracked.receivedTime) };
				}
			}
		}
		return undefined;
	}

	/** Forgets the open orders (after a reconnect, until the next snapshot); closed ones stay known. */
	reset(): void {
		this.#open.clear();
		this.#snapshotSeen = false;
	}
}
