import type { WsFeedMessage } from '../../ws/types';
import { POSITION_FIELD as F } from '../unverified';
import { PositionBook, type UwsOpenPosition } from './positions';
import { readNumber, readText, type WireRecord } from './read-fields';

/** One position in the legacy WS v1 `open_positions` shape (reference §2.10): `balance` is signed. */
function wsPosition(position: UwsOpenPosition): WireRecord {
	const item = position.raw;
	const wire: WireRecord = {
		instrument: position.symbol,
		balance: position.side === 'short' ? -position.size : position.size,
		entry_price: position.price,
		mark_price: readNumber(item, F.markPrice),
		pnl: readNumber(item, F.unrealizedPnl),
		unrealized_funding: readNumber(item, F.unrealizedFunding),
		pnl_currency: readText(item, F.pnlCurrency),
	};
	for (const [key, value] of Object.entries(wire)) if (value === undefined) delete wire[key];
	return wire;
}

/**
 * `positions` pushes (reference §3.3) as the legacy WS v1 `open_positions` feed delivers them: every
 * message lists all open positions. UWS updates carry only the positions an event touched (a closed
 * one with size 0), so they are applied to the last snapshot and the whole list is delivered, with
 * the push's own data in `raw`.
 */
export class PositionUpdates {
	readonly #book = new PositionBook();

	translate(type: string | undefined, data: readonly unknown[]): WsFeedMessage[] {
		this.#book.apply(type, data);
		if (!this.#book.ready) return [];
		return [{ ...this.current()!, raw: data }];
	}

	/** Every open position now, once a snapshot has been seen. */
	current(): WsFeedMessage | undefined {
		if (!this.#book.ready) return undefined;
		const positions = this.#book.list();
		return {
			feed: 'open_positions',
			positions: positions.map(wsPosition),
			raw: positions.map((position) => position.raw),
		};
	}

	reset(): void {
		this.#book.reset();
	}
}
