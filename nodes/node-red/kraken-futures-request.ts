import type { Node, NodeAPI } from 'node-red';
import { mergeInput, readString, type RawInput } from '../shared/input';
import { REQUEST_FIELDS, runRequestOperation } from '../shared/request-operations';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests } from './lib/request-node';
import { clock } from './lib/status';

type RequestDef = KrakenUserDef & RawInput & { operation?: string };

export = function (RED: NodeAPI): void {
	function KrakenFuturesRequest(this: Node, def: RequestDef): void {
		RED.nodes.createNode(this, def);
		serveRequests(RED, this, def, 'requesting', async (msg, client) => {
			const operation = readString(mergeInput(def, msg.payload, ['operation']), 'operation');
			const payload = await runRequestOperation(
				client,
				operation,
				mergeInput(def, msg.payload, REQUEST_FIELDS),
			);
			return { payload, status: `${operation} ${clock()}` };
		});
	}
	RED.nodes.registerType('kraken-futures-request', KrakenFuturesRequest);
};
