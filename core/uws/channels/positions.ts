import type { OpenPosition } from '../../rest/types';
import { POSITION_FIELD as F } from '../unverified';
import { isRecord, readNumber, readText, setDefined, type WireRecord } from './read-fields';

/**
 * `positions` (reference §3.3) → the legacy `openpositions` shape. One snapshot, then updates that
 * carry only the positions an event touched; a size of 0 closes a position. Every wire field is
 * kept in `raw`.
 */

export type UwsOpenPosition = OpenPosition & { raw: WireRecord };

/** The futures items of one `positions` data element (`{futures: [...], options: [...]}`, or a bare item). */
function futuresItems(element: unknown): WireRecord[] {
	if (!isRecord(element)) return [];
	const futures = element[F.futures.name];
	if (Array.isArray(futures)) return futures.filter(isRecord);
	return readText(element, F.symbol) !== undefined ? [element] : [];
}

/** One wire position in the legacy shape; `undefined` when it has no symbol or size. */
export function toOpenPosition(
	item: WireRecord,
): { symbol: string; size: number; position: UwsOpenPosition } | undefined {
	const symbol = readText(item, F.symbol);
	const size = readNumber(item, F.size);
	if (symbol === undefined || size === undefined) return undefined;
	const side = readText(item, F.side);
	const position: UwsOpenPosition = {
		side: side === 'long' || side === 'short' ? side : size < 0 ? 'short' : 'long',
		symbol,
		price: readNumber(item, F.entryPrice) ?? 0,
		size: Math.abs(size),
		raw: item,
	};
	const extras = position as unknown as WireRecord;
	setDefined(extras, 'fillTime', readText(item, F.timestamp));
	setDefined(extras, 'unrealizedFunding', readNumber(item, F.unrealizedFunding));
	setDefined(extras, 'pnlCurrency', readText(item, F.pnlCurrency));
	setDefined(extras, 'maxFixedLeverage', readNumber(item, F.maxLeverage));
	return { symbol, size, position };
}

/** The account's open positions as the `positions` channel last described them. */
export class PositionBook {
	readonly #bySymbol = new Map<string, UwsOpenPosition>();
	#snapshotSeen = false;

	/** Whether the snapshot has arrived (before it, the book is not the account's state). */
	get ready(): boolean {
		return this.#snapshotSeen;
	}

	apply(type: string | undefined, data: readonly unknown[]): void {
		if (type === 'snapshot') {
			this.#bySymbol.clear();
			this.#snapshotSeen = true;
		}
		for (const item of data.flatMap(futuresItems)) {
			const parsed = toOpenPosition(item);
			if (parsed === undefined) continue;
			if (parsed.size === 0) this.#bySymbol.delete(parsed.symbol);
			else this.#bySymbol.set(parsed.symbol, parsed.position);
		}
	}

	list(): UwsOpenPosition[] {
		return [...this.#bySymbol.values()];
	}

	/** Forgets everything (after a reconnect, until the next snapshot). */
	reset(): void {
		this.#bySymbol.clear();
		this.#snapshotSeen = false;
	}
}
