import type { NodeAPI } from 'node-red';
import {
	KrakenAuthError,
	KrakenConfigError,
	KrakenNetworkError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	isKrakenError,
	noopLogger,
} from '../../../core';
import type { KrakenConfigNode } from './config-node';
import { KrakenConnection, type ConnectionSettings } from './connection';

/** What the editor posts: the form's current values. */
interface TestConnectionBody {
	id?: string;
	environment?: string;
	restUrl?: string;
	wsUrl?: string;
	useNonce?: boolean | string;
	apiKey?: string;
	apiSecret?: string;
}

/** The editor's placeholder for a password field the user left unchanged. */
const UNCHANGED_PASSWORD = '__PWRD__';

interface StoredCredentials {
	apiKey?: string;
	apiSecret?: string;
}

/** The form's values; an unchanged secret field means the secret stored for that node id. */
function settingsFromForm(RED: NodeAPI, body: TestConnectionBody): ConnectionSettings {
	let apiSecret = body.apiSecret;
	if ((apiSecret === UNCHANGED_PASSWORD || apiSecret === undefined || apiSecret === '') && body.id) {
		const stored = RED.nodes.getCredentials(body.id) as StoredCredentials | undefined;
		apiSecret = stored?.apiSecret;
	}
	return {
		environment: body.environment ?? 'paper',
		restUrl: body.restUrl,
		wsUrl: body.wsUrl,
		useNonce: body.useNonce === true || body.useNonce === 'true',
		apiKey: body.apiKey,
		apiSecret: apiSecret === UNCHANGED_PASSWORD ? undefined : apiSecret,
		userDir: RED.settings.userDir,
	};
}

/** A sentence a trader can act on, for each way a signed call can fail. */
export function explainFailure(error: unknown, restUrl?: string): { code: string; reason: string } {
	const code = isKrakenError(error) ? error.code : 'KRAKEN_ERROR';
	if (error instanceof KrakenAuthError) {
		return {
			code,
			reason:
				'Kraken refused the key or secret. Check both values. Kraken Spot keys do not work here: create the key on Kraken Futures (Settings → API keys).' +
				(error.krakenError ? ` [${error.krakenError}]` : ''),
		};
	}
	if (error instanceof KrakenRateLimitError) {
		return { code, reason: 'Kraken is rate limiting this key or address; wait a few seconds and try again.' };
	}
	if (error instanceof KrakenUnavailableError) {
		return {
			code,
			reason: `Kraken Futures is unavailable right now (maintenance or overload): ${error.message}`,
		};
	}
	if (error instanceof KrakenNetworkError) {
		return { code, reason: `Could not reach ${restUrl ?? 'the exchange'}: ${error.message}` };
	}
	if (error instanceof KrakenConfigError) return { code, reason: error.message };
	return { code, reason: error instanceof Error ? error.message : String(error) };
}

async function testConnection(
	settings: ConnectionSettings,
): Promise<{ ok: boolean; [key: string]: unknown }> {
	if (settings.environment !== 'paper' && !settings.apiKey?.trim()) {
		return { ok: false, code: 'KRAKEN_CONFIG', reason: 'Enter an API key and secret first.' };
	}
	const connection = new KrakenConnection(settings, noopLogger);
	let restUrl: string | undefined;
	try {
		const client = await connection.rest();
		restUrl = settings.restUrl;
		const response = await client.getAccounts();
		const accounts = Object.keys(response.accounts ?? {});
		return { ok: true, message: `Connected: the key can read ${accounts.length} account(s).`, accounts };
	} catch (error) {
		return { ok: false, ...explainFailure(error, restUrl) };
	} finally {
		await connection.close();
	}
}

async function listSymbols(RED: NodeAPI, query: Record<string, unknown>): Promise<string[]> {
	const id = typeof query.id === 'string' ? query.id : undefined;
	const deployed = id ? (RED.nodes.getNode(id) as KrakenConfigNode | null) : null;
	const owned =
		deployed !== null && deployed.connection !== undefined
			? undefined
			: new KrakenConnection(
					{
						environment: typeof query.environment === 'string' ? query.environment : 'paper',
						restUrl: typeof query.restUrl === 'string' ? query.restUrl : undefined,
						wsUrl: typeof query.wsUrl === 'string' ? query.wsUrl : undefined,
						userDir: RED.settings.userDir,
					},
					noopLogger,
				);
	const connection = owned ?? (deployed as KrakenConfigNode).connection;
	try {
		const client = await connection.rest();
		const { instruments } = await client.getInstruments();
		return instruments
			.filter((instrument) => instrument.tradeable !== false && /^(PF|PI|FF|FI)_/i.test(instrument.symbol))
			.map((instrument) => instrument.symbol.toUpperCase())
			.sort();
	} finally {
		await owned?.close();
	}
}

/**
 * Admin endpoints behind Node-RED's permission checks: the edit dialog's "Test connection" button
 * and the symbol picker. Neither ever answers with a key or a secret.
 */
export function registerAdminEndpoints(RED: NodeAPI): void {
	RED.httpAdmin.post(
		'/kraken-futures-config/test-connection',
		RED.auth.needsPermission('kraken-futures-config.write'),
		(req, res) => {
			testConnection(settingsFromForm(RED, (req.body ?? {}) as TestConnectionBody)).then(
				(result) => res.json(result),
				(error: unknown) => res.json({ ok: false, ...explainFailure(error) }),
			);
		},
	);
	RED.httpAdmin.get(
		'/kraken-futures-config/symbols',
		RED.auth.needsPermission('kraken-futures-config.read'),
		(req, res) => {
			listSymbols(RED, req.query as Record<string, unknown>).then(
				(symbols) => res.json({ symbols }),
				(error: unknown) => res.status(502).json({ symbols: [], ...explainFailure(error) }),
			);
		},
	);
}
