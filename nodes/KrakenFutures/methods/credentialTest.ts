import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testTransportConnection } from '../../shared/connection-test';
import { transportSettingsOf } from '../transport/connection';

/**
 * "Test" in the credential dialog, on the transport the credential chooses: on `unified` it requests
 * a WebSocket token with the Kraken API key and opens the private socket; on `legacy` it makes one
 * signed read. A failure says what to fix (wrong key or secret, the wrong kind of key, a missing
 * permission, a rate limit, an unreachable address).
 */
export async function krakenFuturesApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const result = await testTransportConnection(transportSettingsOf(credential.data ?? {}));
	return result.ok ? { status: 'OK', message: result.message } : { status: 'Error', message: result.reason };
}
