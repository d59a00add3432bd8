import type { Fill } from '../../rest/types';
import { isRecord, readNumber, readText, type WireRecord } from '../channels/read-fields';
import { EXEC_TYPE_TRADE, EXECUTION_FIELD as F, LIQUIDITY_MAKER, SNAP_TRADES_LIMIT } from '../unverified';

/**
 * The account's latest fills from the `executions` channel: the snapshot's last 50 (`snap_trades`)
 * and every fill since, in the legacy REST `fills` shape, newest first, de-duplicated by `exec_id`.
 * UWS has no fills history beyond that (reference §4).
 */

export type UwsFill = Fill & { raw: WireRecord };

const KEPT = SNAP_TRADES_LIMIT * 4;

export function toFill(item: WireRecord): UwsFill | undefined {
	const execId = readText(item, F.execId);
	const symbol = readText(item, F.symbol);
	const size = readNumber(item, F.lastQty);
	const price = readNumber(item, F.lastPrice);
	if (execId === undefined || symbol === undefined || size === undefined || price === undefined)
		return undefined;
	const fill: UwsFill = {
		fill_id: execId,
		symbol,
		side: readText(item, F.side) === 'sell' ? 'sell' : 'buy',
		order_id: readText(item, F.orderId) ?? '',
		size,
		price,
		fillTime: readText(item, F.timestamp) ?? '',
		fillType: readText(item, F.liquidityInd) === LIQUIDITY_MAKER.name ? 'maker' : 'taker',
		raw: item,
	};
	const cliOrdId = readText(item, F.clOrdId);
	if (cliOrdId !== undefined) fill.cliOrdId = cliOrdId;
	return fill;
}

export class RecentFills {
	readonly #byId = new Map<string, UwsFill>();

	apply(data: readonly unknown[]): void {
		for (const item of data.filter(isRecord)) {
			if (readText(item, F.execType) !== EXEC_TYPE_TRADE.name) continue;
			const fill = toFill(item);
			if (fill === undefined || this.#byId.has(fill.fill_id)) continue;
			this.#byId.set(fill.fill_id, fill);
			if (this.#byId.size > KEPT) this.#byId.delete(this.#byId.keys().next().value as string);
		}
	}

	/** Newest first, as legacy `fills` lists them. */
	list(): UwsFill[] {
		return [...this.#byId.values()].sort((a, b) => Date.parse(b.fillTime) - Date.parse(a.fillTime));
	}
}
