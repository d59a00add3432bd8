import {
	apiChoiceOf,
	KrakenApiError,
	KrakenAuthError,
	KrakenConfigError,
	KrakenNetworkError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	isKrakenError,
	noopLogger,
	openTransport,
	type KrakenTransport,
	type Logger,
} from '../../core';
import { resolveTransport, type TransportSettings } from './transport-settings';

/** A failed connection test as both hosts show it: the error code and a sentence a trader can act on. */
export interface ConnectionFailure {
	code: string;
	reason: string;
}

const UNIFIED_KEY_HELP =
	'The Unified WebSocket needs a Kraken API key created on kraken.com (Settings → API), not a Kraken Futures key.';
const UNIFIED_PERMISSIONS =
	'Edit the key on kraken.com and turn on Access WebSocket API, Query Funds, Query Open Orders & Trades, Create & Modify Orders and Cancel/Close Orders.';

/**
 * Kraken's Spot REST and Unified WebSocket error strings (the reference's list; Kraken documents no
 * others for GetWebSocketsToken) and what each means for the person who entered the key.
 */
const UNIFIED_AUTH_REASONS: [RegExp, string][] = [
	[/EAPI:Invalid key/i, `Kraken does not know this API key. ${UNIFIED_KEY_HELP}`],
	[
		/EAPI:Invalid signature/i,
		'Kraken refused the signature: the Kraken API secret does not belong to this key.',
	],
	[
		/EAPI:Invalid nonce/i,
		'Kraken refused the nonce: another program using this key sent a higher one. Give each program its own key.',
	],
	[
		/EGeneral:Permission denied/i,
		`The key lacks a permission the Unified WebSocket needs. ${UNIFIED_PERMISSIONS}`,
	],
	[
		/EGeneral:Temporary lockout/i,
		'Kraken locked this key for about 15 minutes after repeated failed attempts; wait, then try again.',
	],
	[
		/EAPI:Invalid token|ESession:Invalid session/i,
		'Kraken refused the WebSocket token; try again, and check the key has Access WebSocket API.',
	],
];

function krakenErrorOf(error: unknown): string {
	if (!(error instanceof KrakenApiError)) return '';
	return `${error.krakenError ?? ''} ${error.message}`;
}

const LEGACY_AUTH_REASON =
	'Kraken refused the key or secret. Check both values. Kraken Spot keys do not work here: create the key on Kraken Futures (Settings → API keys).';

/** The advice for a refused key; on `unified` also for a permission error Kraken sends as a plain error. */
function keyReason(error: unknown, api: 'legacy' | 'unified'): string | undefined {
	const isAuth = error instanceof KrakenAuthError;
	const suffix = error instanceof KrakenApiError && error.krakenError ? ` [${error.krakenError}]` : '';
	if (api === 'legacy') return isAuth ? `${LEGACY_AUTH_REASON}${suffix}` : undefined;
	const text = krakenErrorOf(error);
	const match = UNIFIED_AUTH_REASONS.find(([pattern]) => pattern.test(text));
	if (match !== undefined) return `${match[1]}${suffix}`;
	return isAuth
		? `Kraken refused the key or secret. Check both values. ${UNIFIED_KEY_HELP}${suffix}`
		: undefined;
}

/**
 * Why a connection test failed, in words: wrong key or secret, the wrong kind of key, a missing
 * permission, a rate limit, an unreachable address. `api` is the configuration's setting, which
 * decides which kind of key the advice is about.
 */
export function explainConnectionFailure(error: unknown, api: unknown, where?: string): ConnectionFailure {
	const choice = apiChoiceOf(api);
	const code = isKrakenError(error) ? error.code : 'KRAKEN_ERROR';
	const keyProblem = keyReason(error, choice);
	if (keyProblem !== undefined) return { code, reason: keyProblem };
	if (error instanceof KrakenRateLimitError) {
		return { code, reason: 'Kraken is rate limiting this key or address; wait a few seconds and try again.' };
	}
	if (error instanceof KrakenUnavailableError) {
		return { code, reason: `Kraken is unavailable right now (maintenance or overload): ${error.message}` };
	}
	if (error instanceof KrakenNetworkError) {
		return { code, reason: `Could not reach ${where ?? 'the exchange'}: ${error.message}` };
	}
	if (error instanceof KrakenConfigError) return { code, reason: error.message };
	return { code, reason: error instanceof Error ? error.message : String(error) };
}

/** Where a configuration connects, for "could not reach …". */
export function addressOf(settings: TransportSettings): string | undefined {
	if (settings.environment === 'paper') return 'the paper exchange';
	// The token origin or one of the two sockets: the error's own message names which.
	if (apiChoiceOf(settings.api) === 'unified') return "Kraken's Unified WebSocket";
	return settings.environment === 'custom' ? settings.restUrl : 'https://futures.kraken.com';
}

export type ConnectionTestResult =
	| { ok: true; message: string; accounts: string[] }
	| ({ ok: false } & ConnectionFailure);

/**
 * The "Test connection" of both hosts: one read of the accounts on the chosen transport. On
 * `legacy` that is one signed GET; on `unified` it requests a WebSocket token with the Kraken API
 * key and opens the private socket. Nothing is left open afterwards, and no answer carries a key.
 */
export async function testTransportConnection(
	settings: TransportSettings,
	logger: Logger = noopLogger,
): Promise<ConnectionTestResult> {
	let transport: KrakenTransport | undefined;
	try {
		const target = await resolveTransport(settings);
		let failFast: (error: Error) => void = () => undefined;
		const refused = new Promise<never>((_resolve, reject) => {
			failFast = reject;
		});
		transport = openTransport(target, { logger, onConnectionError: (error) => failFast(error) });
		const response = await Promise.race([transport.tradingApi.getAccounts(), refused]);
		const accounts = Object.keys(response.accounts ?? {});
		return { ok: true, message: `Connected: the key can read ${accounts.length} account(s).`, accounts };
	} catch (error) {
		return { ok: false, ...explainConnectionFailure(error, settings.api, addressOf(settings)) };
	} finally {
		await transport?.close().catch(() => undefined);
	}
}
