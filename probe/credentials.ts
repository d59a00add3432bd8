import { readFileSync } from 'node:fs';

/** A Kraken (Spot) API key pair with WebSocket access. */
export interface KrakenKey {
	apiKey: string;
	apiSecret: string;
}

export const KEY_ENV = 'KRAKEN_API_KEY';
export const SECRET_ENV = 'KRAKEN_API_SECRET';

/** A problem with the key source, reported without the key's content. */
export class CredentialsError extends Error {}

/**
 * Reads a key file: JSON `{"apiKey": "...", "apiSecret": "..."}`, or two lines (key, then secret).
 * Credentials never come from the command line, where other users and shell history can see them.
 */
export function readKeyFile(path: string): KrakenKey {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new CredentialsError(
			`cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
		);
	}
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		let parsed: Partial<KrakenKey>;
		try {
			parsed = JSON.parse(trimmed) as Partial<KrakenKey>;
		} catch {
			throw new CredentialsError(`the key file ${path} is not valid JSON`);
		}
		return checked(parsed.apiKey, parsed.apiSecret, `the key file ${path}`);
	}
	const [apiKey, apiSecret] = trimmed.split(/\r?\n/).map((line) => line.trim());
	return checked(apiKey, apiSecret, `the key file ${path}`);
}

/** The key pair from `KRAKEN_API_KEY` / `KRAKEN_API_SECRET`, or undefined when neither is set. */
export function keyFromEnvironment(env: NodeJS.ProcessEnv): KrakenKey | undefined {
	const apiKey = env[KEY_ENV];
	const apiSecret = env[SECRET_ENV];
	if (apiKey === undefined && apiSecret === undefined) return undefined;
	return checked(apiKey, apiSecret, `${KEY_ENV} and ${SECRET_ENV}`);
}

function checked(apiKey: unknown, apiSecret: unknown, source: string): KrakenKey {
	if (typeof apiKey !== 'string' || apiKey === '' || typeof apiSecret !== 'string' || apiSecret === '') {
		throw new CredentialsError(`${source} must give both an API key and its secret`);
	}
	if (Buffer.from(apiSecret, 'base64').toString('base64') !== apiSecret) {
		throw new CredentialsError(`the API secret from ${source} is not valid base64`);
	}
	return { apiKey, apiSecret };
}
