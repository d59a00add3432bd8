import type { Node, NodeAPI } from 'node-red';
import { readSymbols } from '../shared/input';
import type { KrakenUserDef } from './lib/config-node';
import { clock, statusFor } from './lib/status';
import { serveStream } from './lib/stream-node';

interface FillsDef extends KrakenUserDef {
	symbols?: string;
}

export = function (RED: NodeAPI): void {
	function KrakenFuturesFills(this: Node, def: FillsDef): void {
		RED.nodes.createNode(this, def);
		const node = this;
		serveStream(RED, this, def, (ws) => {
			const symbols = readSymbols(def.symbols);
			return ws.onFill(
				(fill) => {
					node.send({ topic: fill.symbol, payload: fill });
					node.status(statusFor.done(`${fill.side} ${fill.size} ${fill.symbol} ${clock()}`));
				},
				symbols.length > 0 ? symbols : undefined,
			);
		});
	}
	RED.nodes.registerType('kraken-futures-fills', KrakenFuturesFills);
};
