import type { Node, NodeAPI } from 'node-red';
import { mergeInput, readString, type RawInput } from '../shared/input';
import { isLegacyOnly } from '../../core';
import { REQUEST_FIELDS, REQUEST_OPERATION_NAMES, runRequestOperation } from '../shared/request-operations';
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
	RED.nodes.registerType('kraken-futures-request', KrakenFuturesRequest, {
		settings: {
			// The editor marks these operations in its dropdown: on `unified` they end with KRAKEN_UNSUPPORTED.
			krakenFuturesRequestLegacyOnly: {
				value: REQUEST_OPERATION_NAMES.filter((name) => isLegacyOnly(name)),
				exportable: true,
			},
		},
	});
};
