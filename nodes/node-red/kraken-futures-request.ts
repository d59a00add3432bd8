import type { Node, NodeAPI } from 'node-red';
import { mergeInput, readString, type RawInput } from '../shared/input';
import { isLegacyOnly } from '../../core';
import { REQUEST_FIELDS, REQUEST_OPERATION_NAMES, runRequestOperation } from '../shared/request-operations';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests } from './lib/request-node';
import { clock } from './lib/status';
import { namingSources, readFieldValues, withSourced } from './lib/typed-fields';

/** The operations that take a symbol: only these read it from a source (the dialog gets this list). */
const SYMBOL_OPERATIONS = [
	'getInstrumentStatus',
	'getTickers',
	'getOrderBook',
	'getTradeHistory',
	'getHistoricalFundingRates',
	'setLeveragePreference',
	'setPnlPreference',
];

type RequestDef = KrakenUserDef & RawInput & { operation?: string };

export = function (RED: NodeAPI): void {
	function KrakenFuturesRequest(this: Node, def: RequestDef): void {
		RED.nodes.createNode(this, def);
		serveRequests(RED, this, def, 'requesting', async (msg, client) => {
			const operation = readString(mergeInput(def, msg.payload, ['operation']), 'operation');
			const typed = SYMBOL_OPERATIONS.includes(operation ?? '') ? ['symbol'] : [];
			const { literals, sourced, origins } = await readFieldValues(RED, this, def, msg, typed);
			const payload = await namingSources(origins, () =>
				runRequestOperation(
					client,
					operation,
					withSourced(mergeInput(literals, msg.payload, REQUEST_FIELDS), sourced),
				),
			);
			return { payload, status: `${operation} ${clock()}` };
		});
	}
	RED.nodes.registerType('kraken-futures-request', KrakenFuturesRequest, {
		settings: {
			// The dialog shows and checks the symbol for these operations only.
			krakenFuturesRequestSymbolOperations: { value: SYMBOL_OPERATIONS, exportable: true },
			// The editor marks these operations in its dropdown: on `unified` they end with KRAKEN_UNSUPPORTED.
			krakenFuturesRequestLegacyOnly: {
				value: REQUEST_OPERATION_NAMES.filter((name) => isLegacyOnly(name)),
				exportable: true,
			},
		},
	});
};
