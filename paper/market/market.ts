import type { InstrumentSpec } from '../instruments';
import { SeededRandom, deriveSeed } from '../random';
import { InstrumentMarket } from './instrument-market';

export const STEP_MS = 1_000;
export const HOUR_MS = 3_600_000;
/** Per √second volatility of the synthetic index (about 0.7 % an hour). */
const INDEX_VOLATILITY = 0.00012;
/** Above this gap, steps grow so that a long jump stays fast. */
const MAX_STEPS_PER_ADVANCE = 3_600;

export interface MarketHooks {
	afterStep(time: number): void;
	/** Called at each top of hour crossed, before the new funding rate is set. */
	onHour(hourMs: number): void;
}

/** The seeded synthetic market: one random-walk index per base coin, one `InstrumentMarket` per contract. */
export class SyntheticMarket {
	readonly instruments = new Map<string, InstrumentMarket>();
	private readonly indexes = new Map<string, number>();
	private readonly indexRandom = new Map<string, SeededRandom>();
	private stepTime: number;

	constructor(seed: number, specs: InstrumentSpec[], startMs: number) {
		this.stepTime = Math.floor(startMs / STEP_MS) * STEP_MS;
		for (const spec of specs) {
			if (!this.indexes.has(spec.base)) {
				const random = new SeededRandom(deriveSeed(seed, `index:${spec.base}`));
				this.indexRandom.set(spec.base, random);
				this.indexes.set(spec.base, spec.startPrice * (1 + random.between(-0.02, 0.02)));
			}
			const random = new SeededRandom(deriveSeed(seed, `market:${spec.symbol}`));
			const market = new InstrumentMarket(spec, random, this.indexOf(spec.base), startMs);
			this.instruments.set(spec.symbol, market);
		}
	}

	indexOf(base: string): number {
		return this.indexes.get(base) ?? 0;
	}

	get(symbol: string): InstrumentMarket | undefined {
		return this.instruments.get(symbol.toUpperCase());
	}

	/** Steps the market on a fixed time grid up to `target`, so the path depends on the seed and clock only. */
	advanceTo(target: number, hooks: MarketHooks): void {
		const gap = target - this.stepTime;
		const stepMs = Math.max(STEP_MS, Math.ceil(gap / MAX_STEPS_PER_ADVANCE / STEP_MS) * STEP_MS);
		for (;;) {
			const nextStep = Math.floor(this.stepTime / stepMs) * stepMs + stepMs;
			const nextHour = Math.floor(this.stepTime / HOUR_MS) * HOUR_MS + HOUR_MS;
			const next = Math.min(nextStep, nextHour);
			if (next > target) break;
			this.stepAll(next, (next - this.stepTime) / 1000);
			this.stepTime = next;
			hooks.afterStep(next);
			if (next === nextHour) {
				hooks.onHour(next);
				for (const market of this.instruments.values()) market.rollHour(next);
			}
		}
	}

	private stepAll(time: number, seconds: number): void {
		for (const [base, random] of this.indexRandom) {
			const index = this.indexOf(base) * Math.exp(random.normal() * INDEX_VOLATILITY * Math.sqrt(seconds));
			this.indexes.set(base, index);
		}
		for (const market of this.instruments.values())
			market.step(time, this.indexOf(market.spec.base), seconds);
	}
}
