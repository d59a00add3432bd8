import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { apiChoiceProperties } from '../nodes/KrakenFutures/helpers/api-choice.properties';
import { resolveConnection } from '../nodes/KrakenFutures/transport/connection';
import { signRequestOptions } from '../nodes/KrakenFutures/transport/sign-request';

const AUTH_FAILED =
	'Authentication failed: check the API key and secret. Kraken Futures keys are separate from Kraken Spot keys: create them under Futures > Settings > API Keys.';
const NONCE_REFUSED =
	'Kraken refused the nonce: another client on this API key sent a higher one. Turn "Send Nonce" off or give each n8n instance its own key.';

/**
 * Legacy or Unified API: the choice right after Environment. The Futures key pair, the legacy URLs and
 * the nonce keep no condition on `api`: n8n fills in the default `api` for a credential saved without it
 * and drops every value its display conditions hide, so a condition would erase a saved Futures key.
 */
function withApiChoice(properties: INodeProperties[]): INodeProperties[] {
	const environment = properties.findIndex((property) => property.name === 'environment');
	return [
		...properties.slice(0, environment + 1),
		...apiChoiceProperties,
		...properties.slice(environment + 1),
	];
}

export class KrakenFuturesApi implements ICredentialType {
	name = 'krakenFuturesApi';

	displayName = 'Kraken Futures API';

	icon: Icon = { light: 'file:../icons/kraken.svg', dark: 'file:../icons/kraken.dark.svg' };

	documentationUrl = 'https://docs.kraken.com/api/docs/guides/futures-rest';

	properties: INodeProperties[] = withApiChoice([
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'paper',
			options: [
				{
					name: 'Paper (Local Simulated Exchange)',
					value: 'paper',
					description: 'A simulated Kraken Futures exchange inside n8n, no account or keys needed',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'Real trading on futures.kraken.com',
				},
				{
					name: 'Custom',
					value: 'custom',
					description:
						'Your own REST and WebSocket URLs, e.g. a colocated endpoint or a remote paper exchange',
				},
			],
		},
		{
			displayName:
				"The paper account is kept in n8n's folder (kraken-futures-paper/state.json in ~/.n8n, or in .n8n under N8N_USER_FOLDER) and is shared by every n8n process of this install on this machine.",
			name: 'paperNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { environment: ['paper'] } },
		},
		{
			displayName: 'Paper Starting Balance (USD)',
			name: 'paperStartingBalance',
			type: 'number',
			default: 100000,
			typeOptions: { minValue: 1 },
			description: 'Flex collateral of the paper account after a reset (and of a new paper account)',
			displayOptions: { show: { environment: ['paper'] } },
		},
		{
			displayName: 'Reset Paper Account At',
			name: 'paperResetAt',
			type: 'dateTime',
			default: '',
			description:
				'To start the paper account afresh, set this to now and save: the next use replaces every paper position, open order, fill and balance with the starting balance. Applied once; a time not later than the last reset does nothing.',
			displayOptions: { show: { environment: ['paper'] } },
		},
		{
			displayName: 'REST URL',
			name: 'restUrl',
			type: 'string',
			default: '',
			placeholder: 'https://futures.kraken.com',
			description: 'Origin the REST paths are appended to',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'WebSocket URL',
			name: 'wsUrl',
			type: 'string',
			default: '',
			placeholder: 'wss://futures.kraken.com/ws/v1',
			description: 'Full WebSocket v1 URL',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'API: Legacy only. Public key of a Kraken Futures API key pair (Spot keys do not work here). On Unified leave it empty.',
			displayOptions: { show: { environment: ['production', 'custom'] } },
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Private key of the same Kraken Futures API key pair, exactly as Kraken shows it',
			displayOptions: { show: { environment: ['production', 'custom'] } },
		},
		{
			displayName: 'Send Nonce',
			name: 'useNonce',
			type: 'boolean',
			default: false,
			description:
				'Whether to send an increasing nonce with every private call. Leave it off when several n8n instances or workers share one key.',
		},
		{
			displayName: 'Advanced',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Max Queue Wait (Seconds)',
			name: 'maxQueueWaitSec',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 10,
			description:
				'How long a call may wait for the request budget (500 cost units per 10 s per key). A call that waits longer fails with a rate-limit error and is never sent.',
		},
		{
			displayName: 'Silent Socket After (Seconds)',
			name: 'staleAfterSec',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				'Seconds without any traffic after which the trigger treats its WebSocket as dead and reconnects; missed fills are then fetched over REST',
		},
	]);

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		try {
			return signRequestOptions(await resolveConnection(credentials, { keysOptional: true }), requestOptions);
		} catch (error) {
			// n8n shows a thrown error's `code` instead of its message when it has one; the core's
			// codes (KRAKEN_CONFIG) would hide the explanation, so only the message is passed on.
			throw new Error((error as Error).message);
		}
	}

	// The URL is relative: authenticate() resolves it against the credential's environment.
	test: ICredentialTestRequest = {
		request: { url: '/derivatives/api/v3/accounts', method: 'GET' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'error', value: 'authenticationError', message: AUTH_FAILED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error', value: 'nonceBelowThreshold', message: NONCE_REFUSED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error', value: 'nonceDuplicate', message: NONCE_REFUSED },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: 'error',
					message: 'Kraken Futures answered with an error to GET accounts',
				},
			},
		],
	};
}
