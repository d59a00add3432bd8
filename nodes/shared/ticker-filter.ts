import type { WsFeedMessage } from '../../core';

/** Per-symbol filter: at most one message per `throttleMs`, and only when a watched field changed. */
export class TickerFilter {
	readonly #lastSent = new Map<string, number>();
	readonly #lastValues = new Map<string, string>();

	constructor(
		private readonly throttleMs: number,
		private readonly changeFields: string[],
		private readonly now: () => number = Date.now,
	) {}

	accept(symbol: string, message: WsFeedMessage): boolean {
		if (this.changeFields.length > 0) {
			const values = JSON.stringify(this.changeFields.map((field) => message[field] ?? null));
			if (this.#lastValues.get(symbol) === values) return false;
			if (!this.#throttleAllows(symbol)) return false;
			this.#lastValues.set(symbol, values);
		} else if (!this.#throttleAllows(symbol)) return false;
		this.#lastSent.set(symbol, this.now());
		return true;
	}

	#throttleAllows(symbol: string): boolean {
		const last = this.#lastSent.get(symbol);
		return this.throttleMs <= 0 || last === undefined || this.now() - last >= this.throttleMs;
	}
}
