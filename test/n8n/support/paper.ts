import {
	startPaperExchange,
	type PaperExchangeServer,
	type PaperExchangeServerOptions,
} from '../../../paper/server';
import type { TransportName } from '../../support/transports';
import type { CredentialData } from './engine';

export interface Paper {
	server: PaperExchangeServer;
	credentials: CredentialData;
}

/** A credential for the paper exchange's `custom` URLs on the given transport (legacy: as saved before `api` existed). */
export function credentialsFor(server: PaperExchangeServer, api: TransportName = 'legacy'): CredentialData {
	if (api === 'unified') {
		return {
			environment: 'custom',
			api: 'unified',
			uwsPublicUrl: server.uwsPublicUrl,
			uwsPrivateUrl: server.uwsPrivateUrl,
			spotRestUrl: server.spotRestUrl,
			unifiedApiKey: server.spotApiKey,
			unifiedApiSecret: server.spotApiSecret,
		};
	}
	return {
		environment: 'custom',
		restUrl: server.restUrl,
		wsUrl: server.wsUrl,
		apiKey: server.apiKey,
		apiSecret: server.apiSecret,
		useNonce: false,
	};
}

/** The same credential without any key: enough for market data. */
export function keylessCredentialsFor(
	server: PaperExchangeServer,
	api: TransportName = 'legacy',
): CredentialData {
	const keyed = credentialsFor(server, api);
	const {
		apiKey: _key,
		apiSecret: _secret,
		unifiedApiKey: _uKey,
		unifiedApiSecret: _uSecret,
		...keyless
	} = keyed;
	return keyless;
}

/** The credential's secret field on the given transport. */
export function secretFieldFor(api: TransportName): 'apiSecret' | 'unifiedApiSecret' {
	return api === 'unified' ? 'unifiedApiSecret' : 'apiSecret';
}

/** A fresh paper exchange on a free loopback port, reached through the credential's `custom` environment. */
export async function startPaper(
	options: PaperExchangeServerOptions = {},
	api: TransportName = 'legacy',
): Promise<Paper> {
	const server = await startPaperExchange({ port: 0, ...options });
	return { server, credentials: credentialsFor(server, api) };
}
