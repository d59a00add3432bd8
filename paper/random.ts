import { randomUUID } from 'node:crypto';

/**
 * Seeded pseudo-random numbers (mulberry32). The paper exchange draws every random value from one of
 * these so that a seed and a clock reproduce the same market, order ids and trades.
 */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0 || 0x9e3779b9;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Standard normal (Box-Muller). */
	normal(): number {
		const u = Math.max(this.next(), 1e-12);
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	between(low: number, high: number): number {
		return low + (high - low) * this.next();
	}

	integer(low: number, high: number): number {
		return Math.floor(this.between(low, high + 1));
	}

	/** A version-4 shaped UUID, deterministic for the seed. */
	uuid(): string {
		const word = () =>
			Math.floor(this.next() * 4294967296)
				.toString(16)
				.padStart(8, '0');
		const text = word() + word() + word() + word();
		const variant = ((parseInt(text[16], 16) & 0x3) | 0x8).toString(16);
		return `${text.slice(0, 8)}-${text.slice(8, 12)}-4${text.slice(13, 16)}-${variant}${text.slice(17, 20)}-${text.slice(20)}`;
	}
}

/** Derives an independent seed for a named stream, so adding draws to one stream leaves the others alone. */
export function deriveSeed(seed: number, stream: string): number {
	let hash = (seed ^ 0x811c9dc5) >>> 0;
	for (let index = 0; index < stream.length; index++) {
		hash ^= stream.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** Where the engine's order, fill and event ids come from. */
export interface IdSource {
	uuid(): string;
}

/** Random version-4 UUIDs: unique across processes and restarts. */
export const randomIds: IdSource = { uuid: () => randomUUID() };

/**
 * The id source of one run: random UUIDs unless a seed asks for reproducible ids. A seeded run on a kept
 * state file draws from its own stream per `run` (the state's start count), so ids never repeat in one file.
 */
export function idSource(seed: number | undefined, run = 0): IdSource {
	return seed === undefined
		? randomIds
		: new SeededRandom(deriveSeed(seed, run === 0 ? 'ids' : `ids:${run}`));
}
