import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { apiChoiceOf, KrakenConfigError, resolveEndpoints, type KrakenApiChoice } from '../../../core';
import { connectionInfo } from '../../../paper/connection-info';
import { getPaperExchange } from '../../shared/paper-environment';
import {
	resolveTransport,
	type TransportSettings,
	type TransportTarget,
} from '../../shared/transport-settings';
import { n8nUserFolder } from './n8n-folder';
import { applyPaperReset } from './paper-reset';

/** Where a `krakenFuturesApi` credential points and the keys it signs with. */
export interface KrakenConnection {
	environment: string;
	restUrl: string;
	wsUrl: string;
	apiKey: string;
	apiSecret: string;
	useNonce: boolean;
	/** Advanced settings; absent means the core's default. */
	maxQueueWaitMs?: number;
	staleAfterMs?: number;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function secondsToMs(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return Number(value) * 1000;
}

/**
 * Resolves a credential to endpoints and keys. `paper` uses the install's bundled paper exchange (started
 * by the first process that needs it, its account kept in n8n's folder) and its keys, so it works without
 * a Kraken account. With `keysOptional`, a
 * credential without any key resolves too (empty key and secret): enough for market data.
 */
export async function resolveConnection(
	data: ICredentialDataDecryptedObject,
	options: { keysOptional?: boolean } = {},
): Promise<KrakenConnection> {
	const connection = await resolveEndpointsAndKeys(data, options);
	const maxQueueWaitMs = secondsToMs(data.maxQueueWaitSec);
	const staleAfterMs = secondsToMs(data.staleAfterSec);
	if (maxQueueWaitMs !== undefined) connection.maxQueueWaitMs = maxQueueWaitMs;
	if (staleAfterMs !== undefined) connection.staleAfterMs = staleAfterMs;
	return connection;
}

async function resolveEndpointsAndKeys(
	data: ICredentialDataDecryptedObject,
	options: { keysOptional?: boolean },
): Promise<KrakenConnection> {
	const environment = text(data.environment) || 'production';
	const useNonce = data.useNonce === true;
	if (environment === 'paper') {
		const paper = connectionInfo(await getPaperExchange(n8nUserFolder()));
		await applyPaperReset(data, paper);
		return { environment, useNonce, ...paper };
	}
	const endpoints = resolveEndpoints(environment, { restUrl: text(data.restUrl), wsUrl: text(data.wsUrl) });
	const apiKey = text(data.apiKey);
	// The secret is used exactly as entered: trimming would hide a copy-paste mistake as a bad signature.
	const apiSecret = typeof data.apiSecret === 'string' ? data.apiSecret : '';
	if (options.keysOptional === true && apiKey === '' && apiSecret === '') {
		return { environment, useNonce, ...endpoints, apiKey, apiSecret };
	}
	if (apiKey === '') {
		throw new KrakenConfigError(`API Key is required for the ${environment} environment`, {
			field: 'apiKey',
		});
	}
	if (apiSecret === '') {
		throw new KrakenConfigError(`API Secret is required for the ${environment} environment`, {
			field: 'apiSecret',
		});
	}
	return { environment, useNonce, ...endpoints, apiKey, apiSecret };
}

export function hasKeys(connection: KrakenConnection): boolean {
	return connection.apiKey !== '' && connection.apiSecret !== '';
}

/**
 * The transport a credential asks for. n8n fills in the default (`unified`) for a setting a
 * credential was saved without, so a credential saved before the choice existed arrives as
 * `unified`; one that holds a Futures key pair but no Kraken API key is such a credential and stays on
 * `legacy`. A paper credential has no keys to tell by and follows the setting (both transports
 * address the same paper account).
 */
export function apiSettingOf(data: ICredentialDataDecryptedObject): KrakenApiChoice {
	const choice = apiChoiceOf(data.api);
	if (choice === 'legacy' || text(data.environment) === 'paper') return choice;
	const hasKrakenKey = text(data.unifiedApiKey) !== '';
	const hasFuturesKey = text(data.apiKey) !== '';
	return !hasKrakenKey && hasFuturesKey ? 'legacy' : 'unified';
}

const TEXT_FIELDS = [
	'restUrl',
	'wsUrl',
	'uwsPublicUrl',
	'uwsPrivateUrl',
	'spotRestUrl',
	'apiKey',
	'apiSecret',
	'unifiedApiKey',
	'unifiedApiSecret',
] as const;

/** A credential's data as the host-neutral transport settings, with the `api` n8n's defaults leave. */
export function transportSettingsOf(data: ICredentialDataDecryptedObject): TransportSettings {
	const settings: TransportSettings = {
		api: apiSettingOf(data),
		environment: text(data.environment) || 'production',
		useNonce: data.useNonce === true,
		userDir: n8nUserFolder(),
	};
	for (const field of TEXT_FIELDS) {
		const value = data[field];
		if (typeof value === 'string') settings[field] = value;
	}
	const maxQueueWaitMs = secondsToMs(data.maxQueueWaitSec);
	const staleAfterMs = secondsToMs(data.staleAfterSec);
	if (maxQueueWaitMs !== undefined) settings.maxQueueWaitMs = maxQueueWaitMs;
	if (staleAfterMs !== undefined) settings.staleAfterMs = staleAfterMs;
	return settings;
}

/** The credential's transport target (endpoints and keys of the chosen `api`). */
export async function resolveTarget(
	data: ICredentialDataDecryptedObject,
	options: { keysOptional?: boolean } = {},
): Promise<TransportTarget> {
	const settings = transportSettingsOf(data);
	if (settings.environment === 'paper') {
		await applyPaperReset(data, connectionInfo(await getPaperExchange(settings.userDir)));
	}
	return resolveTransport(settings, options);
}
