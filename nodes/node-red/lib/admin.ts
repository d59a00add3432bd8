import type { NodeAPI } from 'node-red';
import { apiChoiceOf, noopLogger, sizeStep, toInstrumentSpec } from '../../../core';
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

export const RETYPE_SECRET =
	'Type the API secret again: a stored secret is only used for the environment and addresses its deployed configuration node has.';

function deployedConfig(RED: NodeAPI, id: unknown): KrakenConfigNode | undefined {
	if (typeof id !== 'string' || id === '') return undefined;
	const node = RED.nodes.getNode(id) as KrakenConfigNode | null;
	return node !== null && node.connection !== undefined ? node : undefined;
}

/**
 * The form's values. An unchanged secret field means the secret stored for that node id, but only
 * when the form points where the deployed node points: otherwise a caller could have the stored
 * secret sign a request to an address of its choice. Undefined when the secret must be typed.
 */
function settingsFromForm(RED: NodeAPI, body: TestConnectionBody): ConnectionSettings | undefined {
	const target = {
		api: body.api,
		uwsPublicUrl: body.uwsPublicUrl,
		uwsPrivateUrl: body.uwsPrivateUrl,
		spotRestUrl: body.spotRestUrl,
		environment: body.environment ?? 'paper',
		restUrl: body.restUrl,
		wsUrl: body.wsUrl,
	};
	// Only the secret of the chosen api is looked up; the other one is not used.
	const secretField = KEY_FIELDS[apiChoiceOf(body.api)].secret as 'apiSecret' | 'unifiedApiSecret';
	const secrets = { apiSecret: body.apiSecret, unifiedApiSecret: body.unifiedApiSecret };
	for (const field of ['apiSecret', 'unifiedApiSecret'] as const) {
		const value = secrets[field];
		if (value !== UNCHANGED_PASSWORD && value !== undefined && value !== '') continue;
		secrets[field] = undefined;
		if (field !== secretField) continue;
		const deployed = deployedConfig(RED, body.id);
		if (deployed === undefined || target.environment === 'paper') continue;
		if (!deployed.connection.sameTarget(target)) return undefined;
		secrets[field] = (RED.nodes.getCredentials(deployed.id) as StoredCredentials | undefined)?.[field];
	}
	const { apiSecret, unifiedApiSecret } = secrets;
	return {
		...target,
		useNonce: body.useNonce === true || body.useNonce === 'true',
		apiKey: body.apiKey,
		apiSecret,
		userDir: RED.settings.userDir,
		unifiedApiKey: body.unifiedApiKey,
		unifiedApiSecret,
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

/** What the editor checks an order against while it is edited. */
interface EditorInstrument {
	symbol: string;
	tradeable: boolean;
	tickSize?: number;
	sizeStep?: number;
}

async function listInstruments(
	connection: KrakenConnection,
): Promise<{ symbols: string[]; instruments: EditorInstrument[] }> {
	const client = await connection.rest();
	const { instruments } = await client.getInstruments();
	const futures = instruments
		.filter((instrument) => /^(PF|PI|FF|FI)_/i.test(instrument.symbol))
		.map(toInstrumentSpec)
		.sort((a, b) => a.symbol.localeCompare(b.symbol));
	return {
		symbols: futures.filter((spec) => spec.tradeable).map((spec) => spec.symbol),
		instruments: futures.map((spec) => ({
			symbol: spec.symbol,
			tradeable: spec.tradeable,
			...(spec.tickSize !== undefined ? { tickSize: spec.tickSize } : {}),
			...(spec.contractValueTradePrecision !== undefined
				? { sizeStep: sizeStep(spec.contractValueTradePrecision) }
				: {}),
		})),
	};
}

/** A connection for form values no deployed node has yet; closed after one use. */
function formConnection(query: Record<string, unknown>, userDir: string | undefined): KrakenConnection {
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return new KrakenConnection(
		{
			environment: text(query.environment) ?? 'paper',
			restUrl: text(query.restUrl),
			wsUrl: text(query.wsUrl),
			api: text(query.api),
			uwsPublicUrl: text(query.uwsPublicUrl),
			uwsPrivateUrl: text(query.uwsPrivateUrl),
			spotRestUrl: text(query.spotRestUrl),
			userDir,
		},
		noopLogger,
	);
}

/**
 * Admin endpoints behind Node-RED's permission checks: the edit dialog's "Test connection" button
 * and the symbol picker. Neither ever answers with a key or a secret. Reading the instruments of a
 * deployed config node needs read permission; anything that would make the runtime contact an
 * address no deployed node uses (or start a paper exchange) needs write permission.
 */
export function registerAdminEndpoints(RED: NodeAPI): void {
	const needsWrite = RED.auth.needsPermission('kraken-futures-config.write');
	RED.httpAdmin.post('/kraken-futures-config/test-connection', needsWrite, (req, res) => {
		const settings = settingsFromForm(RED, (req.body ?? {}) as TestConnectionBody);
		if (settings === undefined) {
			res.json({ ok: false, code: 'KRAKEN_CONFIG', reason: RETYPE_SECRET });
			return;
		}
		testConnection(settings).then(
			(result) => res.json(result),
			(error: unknown) => res.json({ ok: false, ...explainFailure(error) }),
		);
	});
	RED.httpAdmin.get(
		'/kraken-futures-config/symbols',
		RED.auth.needsPermission('kraken-futures-config.read'),
		(req, res, next) => {
			const deployed = deployedConfig(RED, req.query.id);
			if (deployed !== undefined) {
				listInstruments(deployed.connection).then(
					(list) => res.json(list),
					(error: unknown) => res.status(502).json({ symbols: [], ...explainFailure(error) }),
				);
				return;
			}
			needsWrite(req, res, next);
		},
		(req, res) => {
			const connection = formConnection(req.query as Record<string, unknown>, RED.settings.userDir);
			listInstruments(connection)
				.then(
					(list) => res.json(list),
					(error: unknown) => res.status(502).json({ symbols: [], ...explainFailure(error) }),
				)
				.finally(() => void connection.close());
		},
	);
}
