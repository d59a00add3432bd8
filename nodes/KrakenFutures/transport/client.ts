import type { IExecuteFunctions, ILoadOptionsFunctions, ITriggerFunctions } from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../core/api';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { CREDENTIAL_TYPE, N8nHttpTransport } from './n8n-transport';
import { hasKeys, resolveConnection, type KrakenConnection } from './connection';

export interface ConnectedClient {
	client: KrakenFuturesTradingApi;
	connection: KrakenConnection;
}

/**
 * A REST client for one node run. Requests go through n8n's authenticated HTTP helper (the
 * credential signs them); the core client contributes validation, idempotent cliOrdIds, the
 * error tables and the rate-limit budget.
 */
export async function createRestClient(
	context: IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions,
): Promise<ConnectedClient> {
	const connection = await resolveConnection(await context.getCredentials(CREDENTIAL_TYPE), {
		keysOptional: true,
	});
	const client = new KrakenFuturesRestClient({
		restUrl: connection.restUrl,
		// Without keys the client serves market data and refuses private calls, naming apiKey.
		...(hasKeys(connection)
			? { credentials: { apiKey: connection.apiKey, apiSecret: connection.apiSecret } }
			: {}),
		// The credential's authenticate() makes the signature that is sent, nonce included.
		useNonce: false,
		transport: new N8nHttpTransport(context),
		// n8n makes a client per execution; the public instrument list is shared between them.
		shareInstruments: true,
		...(connection.maxQueueWaitMs !== undefined ? { maxQueueWaitMs: connection.maxQueueWaitMs } : {}),
		logger: context.logger,
	});
	return { client, connection };
}
