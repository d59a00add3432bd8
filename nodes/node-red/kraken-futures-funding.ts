import type { Node, NodeAPI } from 'node-red';
import { KrakenValidationError, toNumber } from '../../core';
import { FundingEmitter, fundingFromTicker, missingFundingFilter } from '../shared/funding';
import { readSymbols } from '../shared/input';
import type { KrakenUserDef } from './lib/config-node';
import { statusFor } from './lib/status';
import { serveStream } from './lib/stream-node';

interface FundingDef extends KrakenUserDef {
	symbols: string;
	mode?: string;
	throttle?: string;
}

/** The default of a new node: funding rates move slowly, and one message a minute is plenty to watch them. */
const DEFAULT_THROTTLE_MS = 60000;

export = function (RED: NodeAPI): void {
	function KrakenFuturesFunding(this: Node, def: FundingDef): void {
		RED.nodes.createNode(this, def);
		const node = this;
		const throttle = def.throttle === undefined ? DEFAULT_THROTTLE_MS : (toNumber(def.throttle) ?? 0);
		const emitter = new FundingEmitter(def.mode === 'funding' ? 'funding' : 'change', Math.max(0, throttle));
		const lacksFunding = missingFundingFilter((symbol, notice) => {
			node.warn(notice);
			node.status(statusFor.error(`no funding rate: ${symbol}`));
		});
		serveStream(RED, this, def, (ws) => {
			const symbols = readSymbols(def.symbols);
			if (symbols.length === 0)
				throw new KrakenValidationError('symbols', 'give at least one perpetual symbol');
			return ws.subscribe('ticker', symbols, (message) => {
				if (lacksFunding(message)) return;
				const funding = fundingFromTicker(message);
				if (funding === undefined || !emitter.accept(funding)) return;
				node.send({ topic: funding.symbol, payload: funding });
			});
		});
	}
	RED.nodes.registerType('kraken-futures-funding', KrakenFuturesFunding);
};
