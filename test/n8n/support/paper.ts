import {
	startPaperExchange,
	type PaperExchangeServer,
	type PaperExchangeServerOptions,
} from '../../../paper/server';
import type { CredentialData } from './engine';

export interface Paper {
	server: PaperExchangeServer;
	credentials: CredentialData;
}

/** A fresh paper exchange on a free loopback port, reached through the credential's `custom` environment. */
export async function startPaper(options: PaperExchangeServerOptions = {}): Promise<Paper> {
	const server = await startPaperExchange({ port: 0, ...options });
	return {
		server,
		credentials: {
			environment: 'custom',
			restUrl: server.restUrl,
			wsUrl: server.wsUrl,
			apiKey: server.apiKey,
			apiSecret: server.apiSecret,
			useNonce: false,
		},
	};
}
