/**
 * The read-only lookups outcome resolution needs, whatever the transport. Each resolves to the
 * entries as the exchange lists them: `orders/status`-style entries (`{ order: {...}, status }`),
 * open orders and fills (flat objects with `order_id` and `cliOrdId`). The transport must run
 * them ahead of queued calls (they are what a waiting flow is waiting for) and honour `signal`.
 */
export interface OutcomeLookups {
	orderStatus(ids: { orderIds?: string[]; cliOrdIds?: string[] }, signal: AbortSignal): Promise<unknown[]>;
	openOrders(signal: AbortSignal): Promise<unknown[]>;
	fills(signal: AbortSignal): Promise<unknown[]>;
}

export type LookupSource = 'orders/status' | 'openorders' | 'fills';

export interface FoundOrder {
	source: LookupSource;
	entry: Record<string, unknown>;
}

/** How an order is named: by the exchange's id or by the client's. */
export interface OrderRef {
	orderId?: string;
	cliOrdId?: string;
}

function field(entry: Record<string, unknown>, names: string[]): unknown {
	const order = entry.order as Record<string, unknown> | undefined;
	for (const name of names) {
		if (order !== undefined && typeof order === 'object' && order[name] != null) return order[name];
		if (entry[name] != null) return entry[name];
	}
	return undefined;
}

export function orderIdOf(entry: Record<string, unknown>): string | undefined {
	const id = field(entry, ['orderId', 'order_id']);
	return typeof id === 'string' ? id : undefined;
}

export function cliOrdIdOf(entry: Record<string, unknown>): string | undefined {
	const id = field(entry, ['cliOrdId']);
	return typeof id === 'string' ? id : undefined;
}

/** A numeric field of the entry or of its nested `order`, numbers or decimal strings. */
export function numberOf(entry: Record<string, unknown>, names: string[]): number | undefined {
	const value = field(entry, names);
	const parsed = typeof value === 'string' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}

function matcher(ref: OrderRef): (entry: unknown) => entry is Record<string, unknown> {
	return (entry: unknown): entry is Record<string, unknown> => {
		if (typeof entry !== 'object' || entry === null) return false;
		const record = entry as Record<string, unknown>;
		if (ref.orderId !== undefined) return orderIdOf(record) === ref.orderId;
		return ref.cliOrdId !== undefined && cliOrdIdOf(record) === ref.cliOrdId;
	};
}

/**
 * Looks an order up where the exchange lists it: order status (open orders and those that left the
 * book moments ago), then the open orders, then the latest fills (an order filled at once shows
 * only there once the status window has passed). Undefined when none of them knows it.
 */
export async function findOrder(
	lookups: OutcomeLookups,
	ref: OrderRef,
	signal: AbortSignal,
): Promise<FoundOrder | undefined> {
	const matches = matcher(ref);
	const ids = ref.orderId !== undefined ? { orderIds: [ref.orderId] } : { cliOrdIds: [ref.cliOrdId ?? ''] };
	const byStatus = (await lookups.orderStatus(ids, signal)).find(matches);
	if (byStatus !== undefined) return { source: 'orders/status', entry: byStatus };
	const byOpen = (await lookups.openOrders(signal)).find(matches);
	if (byOpen !== undefined) return { source: 'openorders', entry: byOpen };
	const byFill = (await lookups.fills(signal)).find(matches);
	if (byFill !== undefined) return { source: 'fills', entry: byFill };
	return undefined;
}

/** Open means still working at the exchange: listed in open orders, or with an open status. */
export function isOpen(found: FoundOrder): boolean {
	if (found.source === 'openorders') return true;
	if (found.source === 'fills') return false;
	const status = String(found.entry.status ?? '');
	return [
		'ENTERED_BOOK',
		'PARTIALLY_FILLED',
		'TRIGGER_PLACED',
		'TRIGGER_ACTIVATED',
		'untouched',
		'partiallyFilled',
	].includes(status);
}
