import { toNumber } from '../numbers';
import type { Instrument, InstrumentsResponse } from '../rest/types';

/** The parts of an instrument that order validation needs, parsed from Kraken's fields. */
export interface InstrumentSpec {
	symbol: string;
	type?: string;
	tradeable: boolean;
	postOnly: boolean;
	tickSize?: number;
	contractValueTradePrecision?: number;
	raw: Instrument;
}

export function toInstrumentSpec(instrument: Instrument): InstrumentSpec {
	const spec: InstrumentSpec = {
		symbol: instrument.symbol.toUpperCase(),
		tradeable: instrument.tradeable !== false,
		postOnly: instrument.postOnly === true,
		raw: instrument,
	};
	if (instrument.type !== undefined) spec.type = instrument.type;
	const tickSize = toNumber(instrument.tickSize);
	if (tickSize !== undefined && tickSize > 0) spec.tickSize = tickSize;
	const precision = toNumber(instrument.contractValueTradePrecision);
	if (precision !== undefined) spec.contractValueTradePrecision = precision;
	return spec;
}

type Clock = () => number;

interface InstrumentList {
	bySymbol: Map<string, InstrumentSpec>;
	fetchedAt: number;
}

/**
 * Instrument lists by exchange origin, for caches that opt in. The list is public and the same for
 * every client of one exchange, and hosts that make a client per run (n8n builds one per execution)
 * would otherwise fetch it again before every order.
 */
const sharedLists = new Map<string, InstrumentList>();

/** Forgets every shared instrument list. Tests only. */
export function clearSharedInstrumentListsForTests(): void {
	sharedLists.clear();
}

/**
 * Kraken's instrument list, fetched on first use and again once it is older than `ttlMs`.
 * Concurrent callers share one fetch. Symbols are looked up case-insensitively. With a `shareKey`
 * (the exchange's origin) caches of that key share one list across clients.
 */
export class InstrumentCache {
	#bySymbol: Map<string, InstrumentSpec> | undefined;
	#fetchedAt = 0;
	#pending: Promise<Map<string, InstrumentSpec>> | undefined;

	constructor(
		private readonly fetchInstruments: () => Promise<InstrumentsResponse>,
		readonly ttlMs: number = 5 * 60_000,
		private readonly clock: Clock = Date.now,
		private readonly shareKey?: string,
	) {}

	/** The instrument for `symbol` (any case), or `undefined` if Kraken does not list it. */
	async get(symbol: string): Promise<InstrumentSpec | undefined> {
		const key = symbol.trim().toUpperCase();
		const found = (await this.#current()).get(key);
		if (found !== undefined) return found;
		// A symbol listed after the last fetch: look again, but only if the list is not brand new.
		if (this.clock() - this.#fetchedAt > 1000) return (await this.refresh()).find((i) => i.symbol === key);
		return undefined;
	}

	/**
	 * The instrument for `symbol` (any case) when the cached list is fresh and lists it, without
	 * waiting; undefined otherwise (then `get` decides). Order checks on a hot path use it.
	 */
	peek(symbol: string): InstrumentSpec | undefined {
		if (this.#bySymbol === undefined || !this.#isFresh(this.#fetchedAt)) return undefined;
		return this.#bySymbol.get(symbol) ?? this.#bySymbol.get(symbol.trim().toUpperCase());
	}

	async list(): Promise<InstrumentSpec[]> {
		return [...(await this.#current()).values()];
	}

	/** Fetches the list now, whatever its age. */
	async refresh(): Promise<InstrumentSpec[]> {
		return [...(await this.#fetch()).values()];
	}

	/** Drops the cached list (the next call fetches again). */
	clear(): void {
		this.#bySymbol = undefined;
	}

	async #current(): Promise<Map<string, InstrumentSpec>> {
		if (this.#isFresh(this.#fetchedAt) && this.#bySymbol !== undefined) return this.#bySymbol;
		const shared = this.shareKey === undefined ? undefined : sharedLists.get(this.shareKey);
		if (shared !== undefined && this.#isFresh(shared.fetchedAt)) {
			this.#bySymbol = shared.bySymbol;
			this.#fetchedAt = shared.fetchedAt;
			return shared.bySymbol;
		}
		return this.#fetch();
	}

	#isFresh(fetchedAt: number): boolean {
		return this.clock() - fetchedAt < this.ttlMs;
	}

	#fetch(): Promise<Map<string, InstrumentSpec>> {
		this.#pending ??= this.fetchInstruments()
			.then((response) => {
				const map = new Map<string, InstrumentSpec>();
				for (const instrument of response.instruments ?? []) {
					if (typeof instrument?.symbol === 'string') {
						const spec = toInstrumentSpec(instrument);
						map.set(spec.symbol, spec);
					}
				}
				this.#bySymbol = map;
				this.#fetchedAt = this.clock();
				if (this.shareKey !== undefined) {
					sharedLists.set(this.shareKey, { bySymbol: map, fetchedAt: this.#fetchedAt });
				}
				return map;
			})
			.finally(() => {
				this.#pending = undefined;
			});
		return this.#pending;
	}
}
