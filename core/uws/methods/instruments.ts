import { KrakenTimeoutError } from '../../errors';
import type { Instrument, InstrumentsResponse } from '../../rest/types';
import { instrumentsOf, type UwsInstrument } from '../channels/instrument';
import { setDefined, type WireRecord } from '../channels/read-fields';
import { UWS_CHANNEL } from '../unverified';
import type { FeedSession } from './account-feeds';

/**
 * The `instrument` channel as the legacy instrument list, for the transport-neutral order checks:
 * `price_increment` is the tick size, `qty_increment` the size step (always 10^-qty_precision for
 * derivatives), and `qty_min` the smallest order (all three verified). Every wire field stays in `raw`.
 */

export type LegacyInstrument = Instrument & { qtyMin?: number; raw: WireRecord };

/** Decimal places of a power-of-ten step (0.0001 → 4, 10 → -1). */
function precisionOf(step: number): number {
	return Math.round(-Math.log10(step));
}

/** A parsed `instrument` item in the legacy `instruments` shape the order checks read. */
export function toLegacyInstrument(instrument: UwsInstrument): LegacyInstrument {
	const legacy: LegacyInstrument = { symbol: instrument.symbol, raw: instrument.raw };
	const { priceIncrement: tick, qtyIncrement: step } = instrument;
	if (tick !== undefined && tick > 0) legacy.tickSize = tick;
	if (step !== undefined && step > 0) legacy.contractValueTradePrecision = precisionOf(step);
	setDefined(legacy, 'qtyMin', instrument.qtyMin);
	if (instrument.tradeable !== undefined) legacy.tradeable = instrument.tradeable;
	else if (instrument.status !== undefined) legacy.tradeable = instrument.status === 'online';
	setDefined(legacy, 'type', instrument.contractType);
	return legacy;
}

/** The instrument list kept from the public `instrument` channel, subscribed on first use. */
export class UwsInstrumentFeed {
	readonly #bySymbol = new Map<string, LegacyInstrument>();
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
		for (const instrument of instrumentsOf([...data]).map(toLegacyInstrument)) {
			this.#bySymbol.set(instrument.symbol.toUpperCase(), instrument);
		}
		if (type === 'snapshot') this.#resolveSnapshot?.();
	}

	close(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = undefined;
	}
}
