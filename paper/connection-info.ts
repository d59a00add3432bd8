/** What a client needs to reach a paper exchange over either transport: URLs and both key pairs of one account. */
export interface PaperConnectionInfo {
	restUrl: string;
	wsUrl: string;
	apiKey: string;
	apiSecret: string;
	uwsPublicUrl: string;
	uwsPrivateUrl: string;
	/** Base URL of the Spot REST calls (`/0/private/GetWebSocketsToken`). */
	spotRestUrl: string;
	/** The Kraken (Spot) key pair of the same account as `apiKey`, for Unified WebSocket tokens. */
	spotApiKey: string;
	spotApiSecret: string;
}

const FIELDS: readonly (keyof PaperConnectionInfo)[] = [
	'restUrl',
	'wsUrl',
	'apiKey',
	'apiSecret',
	'uwsPublicUrl',
	'uwsPrivateUrl',
	'spotRestUrl',
	'spotApiKey',
	'spotApiSecret',
];

/** The connection fields of a running paper exchange, in the order its CLI prints them. */
export function connectionInfo(server: PaperConnectionInfo): PaperConnectionInfo {
	return Object.fromEntries(FIELDS.map((field) => [field, server[field]])) as unknown as PaperConnectionInfo;
}
