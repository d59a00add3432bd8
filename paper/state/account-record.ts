import type { Account, AccountLogEntry, Fill, HistoryElement, Order, Position } from '../engine/types';

/**
 * How many history rows of an account the state file keeps, newest kept. Open orders, positions and
 * balances are always kept whole; only history is capped, so the file stays small. The engine keeps
 * more fills and closed orders in memory (for lookups by cliOrdId), but no more log or history rows.
 */
export const KEPT = { fills: 500, closedOrders: 200, log: 500, executionHistory: 250, orderHistory: 250 };

/** One account as JSON: the engine's Maps become arrays of entries. */
export interface AccountRecord {
	id: string;
	uid: string;
	flexCollateral: Record<string, number>;
	coinWallets: Record<string, number>;
	cash: Record<string, number>;
	positions: Position[];
	openOrders: Order[];
	closedOrders: Order[];
	fills: Fill[];
	log: AccountLogEntry[];
	executionHistory: HistoryElement[];
	orderHistory: HistoryElement[];
	leverage: [string, number][];
	pnlPreference: [string, string][];
	deadManDeadline: number | null;
	fillSeq: number;
	balanceSeq: number;
}

/** Drops the oldest log and history rows beyond `KEPT` (oldest first in these lists). */
export function capHistory(account: Account): void {
	for (const key of ['log', 'executionHistory', 'orderHistory'] as const) {
		const rows: unknown[] = account[key];
		if (rows.length > KEPT[key]) rows.splice(0, rows.length - KEPT[key]);
	}
}

export function encodeAccount(account: Account, uid: string): AccountRecord {
	capHistory(account);
	return {
		id: account.id,
		uid,
		flexCollateral: account.flexCollateral,
		coinWallets: account.coinWallets,
		cash: account.cash,
		positions: [...account.positions.values()],
		openOrders: [...account.orders.values()],
		// Newest first in these two lists.
		closedOrders: account.closedOrders.slice(0, KEPT.closedOrders),
		fills: account.fills.slice(0, KEPT.fills),
		log: account.log,
		executionHistory: account.executionHistory,
		orderHistory: account.orderHistory,
		leverage: [...account.leverage],
		pnlPreference: [...account.pnlPreference],
		deadManDeadline: account.deadManDeadline,
		fillSeq: account.fillSeq,
		balanceSeq: account.balanceSeq,
	};
}

function list<T>(value: unknown, field: string): T[] {
	if (!Array.isArray(value)) throw new TypeError(`${field} is not a list`);
	return value as T[];
}

function numbers(value: unknown, field: string): Record<string, number> {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new TypeError(`${field} is not an object`);
	for (const [key, amount] of Object.entries(value)) {
		if (typeof amount !== 'number' || !Number.isFinite(amount))
			throw new TypeError(`${field}.${key} is not a number`);
	}
	return value as Record<string, number>;
}

/** Rebuilds an account from its record; a record that is not one throws, naming the field. */
export function decodeAccount(record: AccountRecord): { account: Account; uid: string } {
	if (typeof record.id !== 'string' || record.id === '') throw new TypeError('account id is missing');
	const at = `account ${record.id}`;
	const deadline = record.deadManDeadline;
	if (deadline !== null && (typeof deadline !== 'number' || !Number.isFinite(deadline)))
		throw new TypeError(`${at}: deadManDeadline is not a time`);
	const account: Account = {
		id: record.id,
		flexCollateral: numbers(record.flexCollateral, `${at}: flexCollateral`),
		coinWallets: numbers(record.coinWallets, `${at}: coinWallets`),
		cash: numbers(record.cash, `${at}: cash`),
		positions: new Map(list<Position>(record.positions, `${at}: positions`).map((p) => [p.symbol, p])),
		orders: new Map(list<Order>(record.openOrders, `${at}: openOrders`).map((o) => [o.orderId, o])),
		closedOrders: list<Order>(record.closedOrders, `${at}: closedOrders`),
		fills: list<Fill>(record.fills, `${at}: fills`),
		log: list<AccountLogEntry>(record.log, `${at}: log`),
		executionHistory: list<HistoryElement>(record.executionHistory, `${at}: executionHistory`),
		orderHistory: list<HistoryElement>(record.orderHistory, `${at}: orderHistory`),
		leverage: new Map(list<[string, number]>(record.leverage, `${at}: leverage`)),
		pnlPreference: new Map(list<[string, string]>(record.pnlPreference, `${at}: pnlPreference`)),
		deadManDeadline: deadline,
		fillSeq: Number(record.fillSeq) || 0,
		balanceSeq: Number(record.balanceSeq) || 0,
	};
	return { account, uid: typeof record.uid === 'string' ? record.uid : record.id };
}
