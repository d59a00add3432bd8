import type { Node, NodeAPI } from 'node-red';
import { mergeInput, readString, type RawInput } from '../shared/input';
import { withPnl } from '../shared/position-pnl';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests } from './lib/request-node';
import { clock } from './lib/status';
import { namingSources, readFieldValues, withSourced } from './lib/typed-fields';

type PositionsDef = KrakenUserDef & RawInput;

export = function (RED: NodeAPI): void {
	function KrakenFuturesPositions(this: Node, def: PositionsDef): void {
		RED.nodes.createNode(this, def);
		serveRequests(RED, this, def, 'reading', async (msg, client) => {
			const { literals, sourced, origins } = await readFieldValues(RED, this, def, msg, ['symbol']);
			const symbol = await namingSources(origins, async () =>
				readString(
					withSourced(mergeInput(literals, msg.payload, ['symbol']), sourced),
					'symbol',
				)?.toUpperCase(),
			);
			const [{ openPositions }, { tickers }] = await Promise.all([
				client.getOpenPositions(),
				client.getTickers(),
			]);
			const chosen = openPositions.filter((position) => !symbol || position.symbol.toUpperCase() === symbol);
			return { payload: withPnl(chosen, tickers), status: `${chosen.length} open ${clock()}` };
		});
	}
	RED.nodes.registerType('kraken-futures-positions', KrakenFuturesPositions);
};
