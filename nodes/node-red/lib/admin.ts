import type { NodeAPI } from 'node-red';
import { apiChoiceOf, noopLogger } from '../../../core';
import {
	addressOf,
	explainConnectionFailure,
	testTransportConnection,
	type ConnectionTestResult,
} from '../../shared/connection-test';
import { KEY_FIELDS } from '../../shared/transport-settings';
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
	api?: string;
	uwsPublicUrl?: string;
	uwsPrivateUrl?: string;
	spotRestUrl?: string;
	unifiedApiKey?: string;
	unifiedApiSecret?: string;
}

/** The editor's placeholder for a password field the user left unchanged. */
const UNCHANGED_PASSWORD = '__PWRD__';

interface StoredCredentials {
	apiKey?: string;
	apiSecret?: string;
	unifiedApiSecret?: string;
}

/** A password field the user left unchanged stands for the secret stored under that node id. */
function formSecret(
	RED: NodeAPI,
	body: TestConnectionBody,
	value: string | undefined,
	field: 'apiSecret' | 'unifiedApiSecret',
): string | undefined {
	if ((value === UNCHANGED_PASSWORD || value === undefined || value === '') && body.id) {
		const stored = RED.nodes.getCredentials(body.id) as StoredCredentials | undefined;
		return stored?.[field];
	}
	return value === UNCHANGED_PASSWORD ? undefined : value;
}

/** The form's values; an unchanged secret field means the secret stored for that node id. */
function settingsFromForm(RED: NodeAPI, body: TestConnectionBody): ConnectionSettings {
	return {
		environment: body.environment ?? 'paper',
		restUrl: body.restUrl,
		wsUrl: body.wsUrl,
		useNonce: body.useNonce === true || body.useNonce === 'true',
		apiKey: body.apiKey,
		apiSecret: formSecret(RED, body, body.apiSecret, 'apiSecret'),
		api: body.api,
		uwsPublicUrl: body.uwsPublicUrl,
		uwsPrivateUrl: body.uwsPrivateUrl,
		spotRestUrl: body.spotRestUrl,
		unifiedApiKey: body.unifiedApiKey,
		unifiedApiSecret: formSecret(RED, body, body.unifiedApiSecret, 'unifiedApiSecret'),
	};
}

/** A sentence a trader can act on, for each way a signed call can fail. */
export function explainFailure(
	error: unknown,
	settings?: ConnectionSettings,
): { code: string; reason: string } {
	return explainConnectionFailure(error, settings?.api, settings ? addressOf(settings) : undefined);
}

async function testConnection(settings: ConnectionSettings): Promise<ConnectionTestResult> {
	const keyFields = KEY_FIELDS[apiChoiceOf(settings.api)];
	if (settings.environment !== 'paper' && !settings[keyFields.key]?.toString().trim()) {
		return {
			ok: false,
			code: 'KRAKEN_CONFIG',
			reason: `Enter the ${keyFields.keyLabel} and its secret first.`,
		};
	}
	return testTransportConnection(settings);
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
						api: query.api,
						uwsPublicUrl: typeof query.uwsPublicUrl === 'string' ? query.uwsPublicUrl : undefined,
						uwsPrivateUrl: typeof query.uwsPrivateUrl === 'string' ? query.uwsPrivateUrl : undefined,
						spotRestUrl: typeof query.spotRestUrl === 'string' ? query.spotRestUrl : undefined,
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
