import type { Node, NodeAPI } from 'node-red';
import { KrakenValidationError, toNumber } from '../../core';
import { readSymbols } from '../shared/input';
import { TickerFilter } from '../shared/ticker-filter';
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
