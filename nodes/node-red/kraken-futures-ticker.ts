import type { Node, NodeAPI } from 'node-red';
import { KrakenValidationError, toNumber, type WsFeedMessage } from '../../core';
import { readSymbols } from '../shared/input';
import type { KrakenUserDef } from './lib/config-node';
import { serveStream } from './lib/stream-node';

interface TickerDef extends KrakenUserDef {
	symbols: string;
	feed?: string;
	throttleMs?: string;
	changeFields?: string;
}

function fieldsOf(text: string | undefined): string[] {
	return (text ?? '')
		.split(/[\s,]+/)
		.map((field) => field.trim())
		.filter(Boolean);
}

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

export = function (RED: NodeAPI): void {
	function KrakenFuturesTicker(this: Node, def: TickerDef): void {
		RED.nodes.createNode(this, def);
		const node = this;
		const feed = def.feed === 'ticker_lite' ? 'ticker_lite' : 'ticker';
		const filter = new TickerFilter(toNumber(def.throttleMs) ?? 0, fieldsOf(def.changeFields));
		serveStream(RED, this, def, (ws) => {
			const symbols = readSymbols(def.symbols);
			if (symbols.length === 0) throw new KrakenValidationError('symbols', 'give at least one symbol');
			return ws.subscribe(feed, symbols, (message) => {
				const symbol = message.product_id;
				if (symbol === undefined || !filter.accept(symbol, message)) return;
				node.send({ topic: symbol, payload: message });
			});
		});
	}
	RED.nodes.registerType('kraken-futures-ticker', KrakenFuturesTicker);
};
