import type { Fill } from '../../rest/types';
import type { KrakenFill } from '../../ws/types';
import { fillsOfExecutions } from '../channels/executions';
import type { WireRecord } from '../channels/read-fields';
import { SNAP_TRADES_LIMIT } from '../unverified';

/**
 * The account's latest fills from the `executions` channel: the snapshot's last 50 (`snap_trades`)
 * and every fill since, in the legacy REST `fills` shape, newest first, de-duplicated by `exec_id`.
 * UWS has no fills history beyond that (reference §4).
 */

export type UwsFill = Fill & { raw: WireRecord };

const KEPT = SNAP_TRADES_LIMIT * 4;

/** A parsed executions fill in the REST `fills` shape (`fill_id` is the opaque `exec_id`). */
export function toRestFill(fill: KrakenFill): UwsFill {
	const rest: UwsFill = {
		fill_id: fill.fill_id,
		symbol: fill.symbol,
		side: fill.side,
		order_id: fill.order_id,
		size: fill.size,
		price: fill.price,
		fillTime: fill.fillTime,
		fillType: fill.fillType,
		raw: fill.raw,
	};
	if (fill.cliOrdId !== undefined) rest.cliOrdId = fill.cliOrdId;
	return rest;
}

export class RecentFills {
	readonly #byId = new Map<string, { fill: UwsFill; time: number }>();

	apply(data: readonly unknown[]): void {
		for (const fill of fillsOfExecutions([...data], 'update')) {
			if (this.#byId.has(fill.fill_id)) continue;
			this.#byId.set(fill.fill_id, { fill: toRestFill(fill), time: fill.time });
			if (this.#byId.size > KEPT) this.#byId.delete(this.#byId.keys().next().value as string);
		}
	}

	/** Newest first, as legacy `fills` lists them. */
	list(): UwsFill[] {
		return [...this.#byId.values()].sort((a, b) => b.time - a.time).map((entry) => entry.fill);
	}
}
