import { KrakenFuturesWsClient } from '../../../../core/ws/client';
import { streamCases } from './cases';

streamCases({
	name: 'Derivatives WebSocket v1',
	recoveredSource: 'rest',
	create: (server, rest) =>
		new KrakenFuturesWsClient({
			wsUrl: server.wsUrl,
			credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
			restClient: rest,
			pingIntervalMs: 1_000,
			staleAfterMs: 10_000,
			reconnectDelayMs: { initial: 5, max: 20 },
		}),
});
