import type { NodeAPI } from 'node-red';
import {
	KrakenAuthError,
	KrakenConfigError,
	KrakenNetworkError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	isKrakenError,
	noopLogger,
	sizeStep,
	toInstrumentSpec,
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
		environment: body.environment ?? 'paper',
		restUrl: body.restUrl,
		wsUrl: body.wsUrl,
	};
	let apiSecret = body.apiSecret;
	if (apiSecret === UNCHANGED_PASSWORD || apiSecret === undefined || apiSecret === '') {
		const deployed = deployedConfig(RED, body.id);
		if (deployed === undefined || target.environment === 'paper') apiSecret = undefined;
		else if (!deployed.connection.sameTarget(target)) return undefined;
		else apiSecret = (RED.nodes.getCredentials(deployed.id) as StoredCredentials | undefined)?.apiSecret;
	}
	return {
		...target,
		useNonce: body.useNonce === true || body.useNonce === 'true',
		apiKey: body.apiKey,
		apiSecret,
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
