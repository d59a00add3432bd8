import { KrakenUwsStreamClient } from '../../../../core/uws/stream-client';
import { streamCases } from './cases';

streamCases({
	name: 'the Unified WebSocket',
	recoveredSource: 'snapshot',
	create: (server) =>
		new KrakenUwsStreamClient({
			sessionOptions: {
				publicUrl: server.uwsPublicUrl,
				privateUrl: server.uwsPrivateUrl,
				spotRestUrl: server.spotRestUrl,
				credentials: { apiKey: server.spotApiKey, apiSecret: server.spotApiSecret },
				pingIntervalMs: 1_000,
				staleAfterMs: 10_000,
				reconnectDelayMs: { initial: 5, max: 20 },
			},
		}),
});
