import { KrakenFuturesRestClient, type RestClientOptions } from '../../../core/rest/client';
import { krakenSuccess, type RecordingServer, startRecordingServer } from './recording-server';

export const API_KEY = 'test-api-key-0123456789';
/** The official WS documentation secret (valid strict base64). */
export const API_SECRET =
	'7zxMEF5p/Z8l2p2U7Ghv6x14Af+Fx+92tPgUdVQ748FOIrEoT9bgT+bTRfXc5pz8na+hL/QdrCVG7bh9KpT0eMTm';

export const INSTRUMENTS = [
	{
		symbol: 'PF_XBTUSD',
		type: 'flexible_futures',
		tradeable: true,
		tickSize: 1,
		contractValueTradePrecision: 4,
	},
	{
		symbol: 'PI_XBTUSD',
		type: 'futures_inverse',
		tradeable: true,
		tickSize: 0.5,
		contractValueTradePrecision: 0,
	},
	{
		symbol: 'PF_ETHUSD',
		type: 'flexible_futures',
		tradeable: true,
		tickSize: '0.1',
		contractValueTradePrecision: '3',
	},
	{
		symbol: 'PF_PEPEUSD',
		type: 'flexible_futures',
		tradeable: true,
		tickSize: 1e-10,
		contractValueTradePrecision: -3,
	},
	{
		symbol: 'PF_OLDUSD',
		type: 'flexible_futures',
		tradeable: false,
		tickSize: 0.01,
		contractValueTradePrecision: 2,
	},
];

export const INSTRUMENTS_ROUTE = 'GET /derivatives/api/v3/instruments';

export interface Harness {
	server: RecordingServer;
	client: KrakenFuturesRestClient;
	close(): Promise<void>;
}

/** A recording server (checking signatures with API_SECRET) and a client pointed at it. */
export async function startHarness(
	options: Partial<RestClientOptions> = {},
	serverOptions: { enforceNonce?: boolean } = {},
): Promise<Harness> {
	const server = await startRecordingServer({ apiSecret: API_SECRET, ...serverOptions });
	server.on(INSTRUMENTS_ROUTE, { body: krakenSuccess({ instruments: INSTRUMENTS }) });
	const client = new KrakenFuturesRestClient({
		restUrl: server.url,
		credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
		rateLimit: false,
		timeoutMs: 2000,
		...options,
	});
	return {
		server,
		client,
		async close() {
			await client.close();
			await server.close();
		},
	};
}
