import type { AccountLogEntry, HistoryElement, Order } from './types';
import type { Fields } from './order-params';
import { number, text } from './order-params';
import { PaperApiError } from './errors';

type Json = Record<string, unknown>;

const HISTORY_ORDER_TYPES: Record<string, string> = {
	lmt: 'Limit',
	post: 'Post',
	ioc: 'IoC',
	mkt: 'Market',
	fok: 'FillOrKill',
	stp: 'Stop',
	take_profit: 'TakeProfit',
	trailing_stop: 'TrailingStop',
};

const str = (value: number | null) => (value === null ? '' : String(value));

/** An order as the history API spells it: string values, `Buy`/`Sell`, `Limit`/`IoC`/... */
export function historyOrder(order: Order): Json {
	return {
		uid: order.orderId,
		clientId: order.cliOrdId ?? '',
		tradeable: order.symbol,
		direction: order.side === 'buy' ? 'Buy' : 'Sell',
		quantity: str(order.quantity),
		filled: str(order.filled),
		timestamp: str(order.receivedTime),
		limitPrice: str(order.limitPrice),
		orderType: HISTORY_ORDER_TYPES[order.orderType] ?? order.orderType,
		reduceOnly: order.reduceOnly,
		lastUpdateTimestamp: str(order.lastUpdateTime),
	};
}

export function orderEventElement(uid: string, time: number, kind: string, body: Json): HistoryElement {
	return { uid, timestamp: time, event: { [kind]: body } };
}

function pageBounds(fields: Fields): {
	since?: number;
	before?: number;
	sort: 'asc' | 'desc';
	count: number;
} {
	const since = number(text(fields, 'since'));
	const before = number(text(fields, 'before'));
	const count = number(text(fields, 'count'));
	const sortText = (text(fields, 'sort') ?? 'desc').toLowerCase();
	if (sortText !== 'asc' && sortText !== 'desc') throw new PaperApiError('invalidArgument', 400);
	for (const value of [since, before, count])
		if (Number.isNaN(value)) throw new PaperApiError('invalidArgument', 400);
	return {
		since: since ?? undefined,
		before: before ?? undefined,
		sort: sortText,
		count: count === null ? 500 : Math.max(1, Math.min(count, 100_000)),
	};
}

/** `/api/history/v3/{executions,orders}`: filtered by time, sorted, paged with an opaque continuation token. */
export function historyPage(elements: HistoryElement[], fields: Fields): Json {
	const { since, before, sort, count } = pageBounds(fields);
	const ascending = elements
		.filter(
			(element) =>
				(since === undefined || element.timestamp >= since) &&
				(before === undefined || element.timestamp < before),
		)
		.map((element, index) => ({ element, index }))
		.sort((a, b) => a.element.timestamp - b.element.timestamp || a.index - b.index)
		.map(({ element }) => element);
	const selected = sort === 'asc' ? ascending : ascending.reverse();
	const tokenText = text(fields, 'continuation_token') ?? text(fields, 'continuationToken');
	const offset = tokenText === undefined ? 0 : Number(Buffer.from(tokenText, 'base64').toString('utf8'));
	if (!Number.isInteger(offset) || offset < 0) throw new PaperApiError('invalidArgument', 400);
	const page = selected.slice(offset, offset + count);
	const next = offset + page.length;
	return {
		elements: page.map((element) => ({
			uid: element.uid,
			timestamp: String(element.timestamp),
			event: element.event,
		})),
		len: page.length,
		continuationToken: next < selected.length ? Buffer.from(String(next)).toString('base64') : null,
	};
}

export function publicLogEntry(entry: AccountLogEntry): Json {
	const json: Record<string, unknown> = { ...entry };
	delete json.time;
	return json;
}

/** `/api/history/v3/account-log` (§3.10): since/before (ms), from/to (ids, inclusive), info[], sort, count. */
export function accountLogPage(accountUid: string, log: AccountLogEntry[], fields: Fields): Json {
	const { since, before, sort, count } = pageBounds(fields);
	const from = number(text(fields, 'from'));
	const to = number(text(fields, 'to'));
	if (Number.isNaN(from) || Number.isNaN(to)) throw new PaperApiError('invalidArgument', 400);
	const infoValue = fields.info;
	const infos =
		infoValue === undefined || infoValue === null
			? []
			: Array.isArray(infoValue)
				? infoValue
				: [String(infoValue)];
	const selected = log
		.filter((entry) => since === undefined || entry.time >= since)
		.filter((entry) => before === undefined || entry.time < before)
		.filter((entry) => from === null || entry.id >= from)
		.filter((entry) => to === null || entry.id <= to)
		.filter((entry) => infos.length === 0 || infos.includes(entry.info))
		.sort((a, b) => (sort === 'asc' ? a.id - b.id : b.id - a.id))
		.slice(0, count);
	return { accountUid, logs: selected.map(publicLogEntry) };
}
