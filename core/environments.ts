import { KrakenConfigError } from './errors';

export type KrakenEnvironment = 'production' | 'paper' | 'custom';

export interface Endpoints {
	/** Origin the REST paths are appended to, e.g. `https://futures.kraken.com`. */
	restUrl: string;
	/** Full WebSocket URL, e.g. `wss://futures.kraken.com/ws/v1`. */
	wsUrl: string;
}

export const PRODUCTION_ENDPOINTS: Readonly<Endpoints> = {
	restUrl: 'https://futures.kraken.com',
	wsUrl: 'wss://futures.kraken.com/ws/v1',
};

export const DEMO_RETIRED_MESSAGE =
	'the Kraken Futures demo environment was retired on 14 July 2026; choose the "paper" environment for dry runs';

/** A custom endpoint URL, or a config error naming the field and what is wrong with it. */
export function checkUrl(field: string, value: string | undefined, protocols: string[]): string {
	if (value === undefined || value.trim() === '') {
		throw new KrakenConfigError(`${field} is required for the custom environment`, { field });
	}
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new KrakenConfigError(`${field} is not a valid URL`, { field });
	}
	if (!protocols.includes(url.protocol)) {
		throw new KrakenConfigError(`${field} must start with ${protocols.join(' or ')}//`, { field });
	}
	return url.toString().replace(/\/$/, '');
}

/**
 * Resolves production and custom endpoints. `paper` endpoints come from the paper exchange the
 * host starts (its URLs are only known once it listens), so they are not resolved here.
 */
export function resolveEndpoints(
	environment: string,
	custom: { restUrl?: string; wsUrl?: string } = {},
): Endpoints {
	switch (environment) {
		case 'production':
			return { ...PRODUCTION_ENDPOINTS };
		case 'custom':
			return {
				restUrl: checkUrl('restUrl', custom.restUrl, ['http:', 'https:']),
				wsUrl: checkUrl('wsUrl', custom.wsUrl, ['ws:', 'wss:']),
			};
		case 'demo':
			throw new KrakenConfigError(DEMO_RETIRED_MESSAGE, { field: 'environment' });
		case 'paper':
			throw new KrakenConfigError('paper endpoints are provided by the running paper exchange', {
				field: 'environment',
			});
		default:
			throw new KrakenConfigError(`environment must be production, paper or custom, not "${environment}"`, {
				field: 'environment',
			});
	}
}
