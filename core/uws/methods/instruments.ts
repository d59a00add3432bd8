import { KrakenTimeoutError } from '../../errors';
import type { Instrument, InstrumentsResponse } from '../../rest/types';
import { INSTRUMENT_FIELD as F, UWS_CHANNEL } from '../unverified';
import type { FeedSession } from './account-feeds';
import { isRecord, readNumber, readText, setDefined, type WireRecord } from '../channels/read-fields';

/**
 * The `instrument` channel as the legacy instrument list, for the transport-neutral order checks:
 * `price_increment` is the tick size, `qty_increment` the size step (always 10^-qty_precision for
 * derivatives), and `qty_min` the smallest order (all three verified). Every wire field stays in `raw`.
 */

export type UwsInstrument = Instrument & { qtyMin?: number; raw: WireRecord };

/** Decimal places of a power-of-ten step (0.0001 → 4, 10 → -1). */
function precisionOf(step: number): number {
	return Math.round(-Math.log10(step));
}

export function toInstrument(pair: WireRecord): UwsInstrument | undefined {
	const symbol = readText(pair, F.symbol);
	if (symbol === undefined) return undefined;
	const instrument: UwsInstrument = { symbol, raw: pair };
	const tick = readNumber(pair, F.priceIncrement);
	const step = readNumber(pair, F.qtyIncrement);
	if (tick !== undefined && tick > 0) instrument.tickSize = tick;
	if (step !== undefined && step > 0) instrument.contractValueTradePrecision = precisionOf(step);
	setDefined(instrument, 'qtyMin', readNumber(pair, F.qtyMin));
	const tradeable = pair[F.tradeable.name];
	const status = readText(pair, F.status);
	if (typeof tradeable === 'boolean') instrument.tradeable = tradeable;
	else if (status !== undefined) instrument.tradeable = status === 'online';
	setDefined(instrument, 'type', readText(pair, F.contractType));
	return instrument;
}

/** The instrument items of one push: Spot v2 nests them under `pairs`; a bare item is one too. */
function pairsOf(element: unknown): WireRecord[] {
	if (!isRecord(element)) return [];
	const pairs = element[F.pairs.name];
	if (Array.isArray(pairs)) return pairs.filter(isRecord);
	return readText(element, F.symbol) !== undefined ? [element] : [];
}

/** The instrument list kept from the public `instrument` channel, subscribed on first use. */
export class UwsInstrumentFeed {
	readonly #bySymbol = new Map<string, UwsInstrument>();
	#subscription: { unsubscribe(): void } | undefined;
	#snapshot: Promise<void> | undefined;
	#resolveSnapshot: (() => void) | undefined;

	constructor(
		private readonly session: Pick<FeedSession, 'subscribe'>,
		private readonly readTimeoutMs: number,
	) {}

	/** The current list; the first call waits for the channel's snapshot. */
	async fetch(): Promise<InstrumentsResponse> {
		this.#snapshot ??= new Promise<void>((resolve) => {
			this.#resolveSnapshot = resolve;
			this.#subscription = this.session.subscribe({ channel: UWS_CHANNEL.instrument.name }, (push) =>
				this.#apply(push.type, push.data),
			);
		});
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new KrakenTimeoutError(
							`no instrument snapshot from Kraken's Unified WebSocket within ${this.readTimeoutMs} ms`,
						),
					),
				this.readTimeoutMs,
			);
		});
		try {
			await Promise.race([this.#snapshot, timeout]);
		} finally {
			clearTimeout(timer);
		}
		return { result: 'success', instruments: [...this.#bySymbol.values()] };
	}

	#apply(type: string | undefined, data: readonly unknown[]): void {
		if (type === 'snapshot') this.#bySymbol.clear();
		for (const instrument of data.flatMap(pairsOf).map(toInstrument)) {
			if (instrument !== undefined) this.#bySymbol.set(instrument.symbol.toUpperCase(), instrument);
		}
		if (type === 'snapshot') this.#resolveSnapshot?.();
	}

	close(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = undefined;
	}
}
