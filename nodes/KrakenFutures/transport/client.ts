import type { IExecuteFunctions, ILoadOptionsFunctions, ITriggerFunctions } from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../core/api';
import { openTransport } from '../../../core/transport';
import { legacyNotice } from '../../../core/legacy-cutoff';
import type { TransportTarget } from '../../shared/transport-settings';
import { resolveTarget } from './connection';
import { CREDENTIAL_TYPE, N8nHttpTransport } from './n8n-transport';

export interface ConnectedClient {
	client: KrakenFuturesTradingApi;
	target: TransportTarget;
	/** Closes the client and what it connected (the Unified WebSocket session). */
	close(): Promise<void>;
}

/**
 * The trading API for one node run, on the transport the credential chooses. On `legacy`, requests
 * go through n8n's authenticated HTTP helper (the credential signs them) and the core client
 * contributes validation, idempotent cliOrdIds, the error tables and the rate-limit budget.
 */
export async function createRestClient(
	context: IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions,
): Promise<ConnectedClient> {
	const target = await resolveTarget(await context.getCredentials(CREDENTIAL_TYPE), { keysOptional: true });
	const transport = openTransport(target, {
		logger: context.logger,
		httpTransport: new N8nHttpTransport(context),
		// The credential's authenticate() makes the signature that is sent, nonce included.
		signedByHost: true,
		// n8n makes a client per execution; the public instrument list is shared between them.
		shareInstruments: true,
	});
	return { client: transport.tradingApi, target, close: () => transport.close() };
}

/** On `legacy`, every run shows the switch-off date in the output pane (once per run, not per item). */
export function hintLegacySwitchOff(context: IExecuteFunctions, target: TransportTarget): void {
	if (target.api === 'legacy') context.addExecutionHints({ message: legacyNotice(), location: 'outputPane' });
}
