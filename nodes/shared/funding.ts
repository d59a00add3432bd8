import { toNumber } from '../../core';

/** Funding facts of one perpetual, from a WebSocket `ticker` message. */
export interface FundingSnapshot {
	symbol: string;
	/** Absolute rate per contract per hour (quote for linear, base coin for inverse). */
	fundingRate: number;
	fundingRatePrediction: number;
	/** The hourly rate as a fraction of the price: what most traders mean by "the funding rate". */
	relativeFundingRate: number;
	relativeFundingRatePrediction: number;
	/** Epoch ms of the next funding (Kraken sends an absolute time despite its docs). */
	nextFundingTime: number;
	nextFundingTimeIso: string;
	markPrice?: number;
	time?: number;
}

/** Kraken omits a funding field when it is zero, so an absent field reads as 0. */
export function fundingFromTicker(message: Record<string, unknown>): FundingSnapshot | undefined {
	const symbol = message.product_id;
	const next = toNumber(message.next_funding_rate_time);
	if (typeof symbol !== 'string' || next === undefined) return undefined;
	const snapshot: FundingSnapshot = {
		symbol,
		fundingRate: toNumber(message.funding_rate) ?? 0,
		fundingRatePrediction: toNumber(message.funding_rate_prediction) ?? 0,
		relativeFundingRate: toNumber(message.relative_funding_rate) ?? 0,
		relativeFundingRatePrediction: toNumber(message.relative_funding_rate_prediction) ?? 0,
		nextFundingTime: next,
		nextFundingTimeIso: new Date(next).toISOString(),
	};
	const mark = toNumber(message.markPrice);
	if (mark !== undefined) snapshot.markPrice = mark;
	const time = toNumber(message.time);
	if (time !== undefined) snapshot.time = time;
	return snapshot;
}

const COMPARED: (keyof FundingSnapshot)[] = [
	'fundingRate',
	'fundingRatePrediction',
	'relativeFundingRate',
	'relativeFundingRatePrediction',
	'nextFundingTime',
];

export type FundingMode = 'change' | 'funding';

/**
 * Decides which snapshots to emit. `change`: the first, then whenever a rate or the next funding
 * time differs from the last one emitted, at most once per `throttleMs` per symbol (a change held
 * back by the throttle goes out with the next ticker after the window). `funding`: once per funding,
 * when the next funding time moves on.
 */
export class FundingEmitter {
	readonly #last = new Map<string, FundingSnapshot>();
	readonly #emitted = new Map<string, { snapshot: FundingSnapshot; at: number }>();

	constructor(
		private readonly mode: FundingMode,
		private readonly throttleMs = 0,
		private readonly now: () => number = Date.now,
	) {}

	accept(snapshot: FundingSnapshot): boolean {
		const previous = this.#last.get(snapshot.symbol);
		this.#last.set(snapshot.symbol, snapshot);
		if (this.mode === 'funding')
			return previous !== undefined && snapshot.nextFundingTime > previous.nextFundingTime;
		const emitted = this.#emitted.get(snapshot.symbol);
		const at = this.now();
		if (emitted !== undefined) {
			if (!COMPARED.some((field) => emitted.snapshot[field] !== snapshot[field])) return false;
			if (at - emitted.at < this.throttleMs) return false;
		}
		this.#emitted.set(snapshot.symbol, { snapshot, at });
		return true;
	}
}

/**
 * Recognises ticker messages that carry no funding for a perpetual and reports each such contract
 * once (per node instance, so once per deploy or activation). Kraken's Unified WebSocket documents
 * no funding fields on its ticker (reference §4), so a contract may stream without them; a Unified
 * WebSocket message is recognised by the wire item it keeps in `raw`. Returns whether the message
 * lacked funding (and so has nothing to emit).
 */
export function missingFundingFilter(
	report: (symbol: string, notice: string) => void,
): (message: Record<string, unknown>) => boolean {
	const reported = new Set<string>();
	return (message) => {
		const symbol = message.product_id;
		if (typeof symbol !== 'string' || !/^P[FI]_/i.test(symbol)) return false;
		if (fundingFromTicker(message) !== undefined) return false;
		if (!reported.has(symbol)) {
			reported.add(symbol);
			const source = message.raw !== undefined ? "Kraken's Unified WebSocket" : 'Kraken';
			report(
				symbol,
				`${source} sends no funding rate for ${symbol}: its ticker carries no funding fields, so no funding can be reported for this contract.`,
			);
		}
		return true;
	};
}
