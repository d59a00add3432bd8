import {
	apiChoiceOf,
	checkUrl,
	KrakenConfigError,
	resolveEndpoints,
	type KrakenApiChoice,
	type LegacyTransportConfig,
	type TransportKeyPair as KeyPair,
	type TransportTuning,
	type UnifiedTransportConfig,
} from '../../core';
import { getPaperExchange } from './paper-environment';

/**
 * What a Node-RED config node or an n8n credential says about the transport, with the same names in
 * both hosts. `api` picks the transport: `legacy` (Derivatives REST v3 + WebSocket v1, signed with a
 * Kraken Futures key pair) or `unified` (Kraken's Unified WebSocket, authenticated with a token from a
 * Kraken API key). A configuration saved before `api` existed has none and stays on `legacy`.
 */
export interface TransportSettings {
	api?: unknown;
	environment: string;
	restUrl?: string;
	wsUrl?: string;
	uwsPublicUrl?: string;
	uwsPrivateUrl?: string;
	spotRestUrl?: string;
	apiKey?: string;
	apiSecret?: string;
	unifiedApiKey?: string;
	unifiedApiSecret?: string;
	useNonce?: boolean;
	/** Advanced: longest wait for rate-limit budget before a call fails, ms. */
	maxQueueWaitMs?: number;
	/** Advanced: a socket silent this long is replaced, ms. */
	staleAfterMs?: number;
	/** The host's user folder: the install's paper account is kept there (in memory when absent). */
	userDir?: string;
}

/** A configuration resolved to the addresses and keys of its transport (core's `TransportConfig`). */
export type LegacyTarget = LegacyTransportConfig & { environment: string };
export type UnifiedTarget = UnifiedTransportConfig & { environment: string };
export type TransportTarget = LegacyTarget | UnifiedTarget;

/** Kraken's Unified WebSocket and the Spot REST origin that issues its tokens. */
export const UNIFIED_PRODUCTION_ENDPOINTS = {
	publicUrl: 'wss://uws.kraken.com/v2/public',
	privateUrl: 'wss://uws.kraken.com/v2/private',
	spotRestUrl: 'https://api.kraken.com',
} as const;

interface KeyFieldNames {
	key: keyof TransportSettings;
	secret: keyof TransportSettings;
	keyLabel: string;
	secretLabel: string;
}

/** Which credential fields hold the keys of each transport, and the labels both hosts show for them. */
export const KEY_FIELDS = {
	legacy: { key: 'apiKey', secret: 'apiSecret', keyLabel: 'API Key', secretLabel: 'API Secret' },
	unified: {
		key: 'unifiedApiKey',
		secret: 'unifiedApiSecret',
		keyLabel: 'Kraken API Key',
		secretLabel: 'Kraken API Secret',
	},
} as const satisfies Record<KrakenApiChoice, KeyFieldNames>;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * The keys of the chosen transport. Both empty is allowed only with `keysOptional` (market data);
 * one without the other is a configuration error naming the missing field. The secret is used as
 * entered: trimming it would hide a copy-paste mistake behind a bad signature.
 */
function readKeys(
	settings: TransportSettings,
	api: KrakenApiChoice,
	keysOptional: boolean,
): KeyPair | undefined {
	const fields = KEY_FIELDS[api];
	const apiKey = text(settings[fields.key]);
	const secretValue = settings[fields.secret];
	const apiSecret = typeof secretValue === 'string' ? secretValue : '';
	if (apiKey === '' && apiSecret.trim() === '') {
		if (keysOptional) return undefined;
		throw new KrakenConfigError(
			`${fields.keyLabel} is required for the ${settings.environment} environment (${fields.key}, ${fields.secret})`,
			{ field: fields.key },
		);
	}
	if (apiKey === '') {
		throw new KrakenConfigError(`${fields.keyLabel} (${fields.key}) is missing while a secret is set`, {
			field: fields.key,
		});
	}
	if (apiSecret.trim() === '') {
		throw new KrakenConfigError(`${fields.secretLabel} (${fields.secret}) is missing while a key is set`, {
			field: fields.secret,
		});
	}
	return { apiKey, apiSecret };
}

async function paperTarget(
	api: KrakenApiChoice,
	useNonce: boolean,
	userDir: string | undefined,
): Promise<TransportTarget> {
	const paper = await getPaperExchange(userDir);
	if (api === 'legacy') {
		return {
			api,
			environment: 'paper',
			restUrl: paper.restUrl,
			wsUrl: paper.wsUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			useNonce,
		};
	}
	return {
		api,
		environment: 'paper',
		publicUrl: paper.uwsPublicUrl,
		privateUrl: paper.uwsPrivateUrl,
		spotRestUrl: paper.spotRestUrl,
		credentials: { apiKey: paper.spotApiKey, apiSecret: paper.spotApiSecret },
	};
}

/**
 * Resolves a configuration to the endpoints and keys of its transport. `paper` starts (once per
 * process) the bundled paper exchange and uses its keys; its Futures key and its Kraken key address
 * the same paper account, so switching `api` shows the same orders and positions.
 */
export async function resolveTransport(
	settings: TransportSettings,
	options: { keysOptional?: boolean } = {},
): Promise<TransportTarget> {
	const target = await resolveTarget(settings, options);
	const tuning: TransportTuning = {};
	if (settings.maxQueueWaitMs !== undefined) tuning.maxQueueWaitMs = settings.maxQueueWaitMs;
	if (settings.staleAfterMs !== undefined) tuning.staleAfterMs = settings.staleAfterMs;
	return Object.keys(tuning).length > 0 ? { ...target, tuning } : target;
}

async function resolveTarget(
	settings: TransportSettings,
	options: { keysOptional?: boolean },
): Promise<TransportTarget> {
	const api = apiChoiceOf(settings.api);
	const environment = text(settings.environment) || 'production';
	const useNonce = settings.useNonce === true;
	if (environment === 'paper') return paperTarget(api, useNonce, settings.userDir);
	const keysOptional = options.keysOptional === true;
	if (api === 'legacy') {
		const endpoints = resolveEndpoints(environment, settings);
		const credentials = readKeys(settings, api, keysOptional);
		return { api, environment, ...endpoints, ...(credentials ? { credentials } : {}), useNonce };
	}
	const endpoints = unifiedEndpoints(environment, settings);
	const credentials = readKeys(settings, api, keysOptional);
	return { api, environment, ...endpoints, ...(credentials ? { credentials } : {}) };
}

function unifiedEndpoints(
	environment: string,
	settings: TransportSettings,
): Pick<UnifiedTarget, 'publicUrl' | 'privateUrl' | 'spotRestUrl'> {
	if (environment === 'production') return { ...UNIFIED_PRODUCTION_ENDPOINTS };
	if (environment === 'custom') {
		return {
			publicUrl: checkUrl('uwsPublicUrl', settings.uwsPublicUrl, ['ws:', 'wss:']),
			privateUrl: checkUrl('uwsPrivateUrl', settings.uwsPrivateUrl, ['ws:', 'wss:']),
			spotRestUrl: checkUrl('spotRestUrl', settings.spotRestUrl, ['http:', 'https:']),
		};
	}
	// demo and unknown environments: the core's message names the field and the reason.
	resolveEndpoints(environment);
	throw new KrakenConfigError(`environment "${environment}" has no Unified WebSocket`, {
		field: 'environment',
	});
}
