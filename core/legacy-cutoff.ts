import { KrakenConfigError } from './errors';
import type { KrakenApiChoice } from './transport-factory';

/**
 * Kraken switches off Derivatives REST v3 and WebSocket v1 (the `legacy` transport) at this instant.
 * Everything that depends on the date reads it through a `Clock`, so tests can set the date.
 */
export const LEGACY_CUTOFF_MS = Date.UTC(2027, 2, 1);
export const LEGACY_CUTOFF_DATE_TEXT = '1 March 2027';

/** Epoch milliseconds now. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * Reads the `api` setting of a config node or credential: only `unified` selects the Unified
 * WebSocket; a configuration saved before the choice existed has none and is `legacy`.
 */
export function apiChoiceOf(value: unknown): KrakenApiChoice {
	return value === 'unified' ? 'unified' : 'legacy';
}

/** A legacy call after the cut-off; a configuration problem that the `api` setting fixes. */
export class KrakenLegacyRetiredError extends KrakenConfigError {
	constructor(url: string) {
		super(
			`Kraken switched off the legacy Futures API (Derivatives REST v3 and WebSocket v1) on ${LEGACY_CUTOFF_DATE_TEXT}; ` +
				`${originOf(url)} no longer answers. Set the configuration's api to "unified" and enter a Kraken API key with WebSocket access.`,
			{ field: 'api' },
		);
	}
}

function originOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the legacy host';
	}
}

/**
 * Kraken's own legacy hosts (futures.kraken.com and its siblings). The paper exchange and other
 * self-hosted endpoints keep serving the legacy protocol after the cut-off, so flows can still be
 * tested against them; only calls that would reach Kraken's retired hosts are refused.
 */
export function isKrakenLegacyHost(url: string): boolean {
	try {
		const host = new URL(url).hostname.toLowerCase();
		return host === 'kraken.com' || host.endsWith('.kraken.com');
	} catch {
		return false;
	}
}

export function legacyRetired(clock: Clock = systemClock): boolean {
	return clock() >= LEGACY_CUTOFF_MS;
}

/**
 * The one cut-off check, called by both legacy clients before anything goes on the wire: after
 * 1 March 2027 a call to Kraken's legacy hosts fails at once, with an error that says what to change,
 * instead of whatever network error the retired hosts would give.
 */
export function assertLegacyAvailable(url: string, clock: Clock = systemClock): void {
	if (legacyRetired(clock) && isKrakenLegacyHost(url)) throw new KrakenLegacyRetiredError(url);
}

/** The sentence every host shows while a configuration is on `legacy`. */
export function legacyNotice(clock: Clock = systemClock): string {
	return legacyRetired(clock)
		? `Kraken switched off the legacy API (Derivatives REST v3 + WebSocket v1) on ${LEGACY_CUTOFF_DATE_TEXT}: set api to "unified" with a Kraken API key.`
		: `Kraken switches off the legacy API (Derivatives REST v3 + WebSocket v1) on ${LEGACY_CUTOFF_DATE_TEXT}: set api to "unified" with a Kraken API key before then.`;
}

/** A short form for a Node-RED status ring. */
export function legacyStatusText(clock: Clock = systemClock): string {
	return legacyRetired(clock) ? 'legacy API off since 1 Mar 2027' : 'legacy API ends 1 Mar 2027';
}
