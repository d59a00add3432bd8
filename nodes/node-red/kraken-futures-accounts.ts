import type { Node, NodeAPI } from 'node-red';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests } from './lib/request-node';
import { clock } from './lib/status';

export = function (RED: NodeAPI): void {
	function KrakenFuturesAccounts(this: Node, def: KrakenUserDef): void {
		RED.nodes.createNode(this, def);
		serveRequests(RED, this, def, 'reading', async (_msg, client) => {
			const { accounts } = await client.getAccounts();
			return { payload: accounts, status: `${Object.keys(accounts).length} accounts ${clock()}` };
		});
	}
	RED.nodes.registerType('kraken-futures-accounts', KrakenFuturesAccounts);
};
