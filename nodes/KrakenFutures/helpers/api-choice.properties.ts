import type { INodeProperties } from 'n8n-workflow';

/** The legacy switch-off, as the credential and the nodes show it. */
export const LEGACY_NOTICE =
	'Kraken switches off the legacy API (Derivatives REST v3 + WebSocket v1) on 1 March 2027. From that day every call on "Legacy" fails: choose "Unified WebSocket" and enter a Kraken API key before then.';

/** Paper brings its own keys; production and custom need the user's. */
const KEYED_ENVIRONMENTS = ['production', 'custom'];

/**
 * The credential's transport choice and the fields that follow it, with the names the Node-RED
 * config node uses too: `api`, `unifiedApiKey`, `unifiedApiSecret`. They sit right after Environment.
 */
export const apiChoiceProperties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		default: 'unified',
		options: [
			{
				name: 'Unified WebSocket (Kraken API Key)',
				value: 'unified',
				description: "Kraken's Unified WebSocket, authenticated with a Kraken API key",
			},
			{
				name: 'Legacy REST V3 + WebSocket V1 (Futures Key, Ends 1 March 2027)',
				value: 'legacy',
				description: 'Derivatives REST v3 and WebSocket v1 with a Kraken Futures key pair',
			},
		],
		description:
			'Which Kraken API the nodes use. A credential saved before this setting existed stays on Legacy while it holds only a Futures key pair.',
	},
	{
		displayName: LEGACY_NOTICE,
		name: 'legacyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { api: ['legacy'] } },
	},
	{
		displayName:
			'While the Kraken API Key is empty and a Kraken Futures key pair is set below, this credential keeps using the legacy API, which Kraken switches off on 1 March 2027.',
		name: 'savedLegacyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { environment: KEYED_ENVIRONMENTS, api: ['unified'], unifiedApiKey: [''] } },
	},
	{
		displayName: 'UWS Public URL',
		name: 'uwsPublicUrl',
		type: 'string',
		default: '',
		placeholder: 'wss://uws.kraken.com/v2/public',
		description: 'Public Unified WebSocket URL',
		displayOptions: { show: { environment: ['custom'], api: ['unified'] } },
	},
	{
		displayName: 'UWS Private URL',
		name: 'uwsPrivateUrl',
		type: 'string',
		default: '',
		placeholder: 'wss://uws.kraken.com/v2/private',
		description: 'Private (authenticated) Unified WebSocket URL',
		displayOptions: { show: { environment: ['custom'], api: ['unified'] } },
	},
	{
		displayName: 'Token REST URL',
		name: 'spotRestUrl',
		type: 'string',
		default: '',
		placeholder: 'https://api.kraken.com',
		description: 'Origin of the REST endpoint that issues WebSocket tokens (GetWebSocketsToken)',
		displayOptions: { show: { environment: ['custom'], api: ['unified'] } },
	},
	{
		displayName: 'Kraken API Key',
		name: 'unifiedApiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'A Kraken API key created on kraken.com (Settings > API), not on Kraken Futures. Permissions: Access WebSocket API, Query Funds, Query Open Orders & Trades, Query Ledger Entries, Create & Modify Orders, Cancel/Close Orders. Leave two-factor authentication off for this key.',
		displayOptions: { show: { environment: KEYED_ENVIRONMENTS, api: ['unified'] } },
	},
	{
		displayName: 'Kraken API Secret',
		name: 'unifiedApiSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Private key of the same Kraken API key, exactly as Kraken shows it',
		displayOptions: { show: { environment: KEYED_ENVIRONMENTS, api: ['unified'] } },
	},
];

/** The nodes' notice: the switch-off date and which operations need `legacy`. */
export const transportNotice: INodeProperties = {
	displayName:
		'Kraken switches off the legacy API on 1 March 2027: a credential on "Legacy" stops working that day. Operations marked "Legacy only" are not offered by Kraken\'s Unified WebSocket and fail on "Unified" with KRAKEN_UNSUPPORTED.',
	name: 'transportNotice',
	type: 'notice',
	default: '',
};
