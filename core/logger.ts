/** The logger the core writes to. Hosts pass their own (Node-RED `node.log`, n8n `this.logger`). */
export interface Logger {
	debug(message: string, meta?: Record<string, unknown>): void;
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
	error(message: string, meta?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

/** The default: the core stays silent unless the host asks for logs. */
export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of the given secrets in a text. Used on every log line and every
 * transport error the core passes on, so a secret cannot leak through a message a library built.
 */
export class SecretRedactor {
	readonly #secrets = new Set<string>();

	constructor(secrets: Iterable<string> = []) {
		for (const secret of secrets) this.add(secret);
	}

	add(secret: string | undefined): void {
		// Very short strings would blank out ordinary words; real keys and signatures are long.
		if (secret !== undefined && secret.length >= 8) this.#secrets.add(secret);
	}

	/** The secret as configured, and its decoded bytes as base64 and hex. */
	addApiSecret(apiSecret: string): void {
		const decoded = Buffer.from(apiSecret, 'base64');
		this.add(apiSecret);
		this.add(decoded.toString('base64'));
		this.add(decoded.toString('hex'));
	}

	redact(text: string): string {
		let result = text;
		for (const secret of this.#secrets) result = result.split(secret).join(REDACTED);
		return result;
	}

	redactValue(value: unknown): unknown {
		if (typeof value === 'string') return this.redact(value);
		if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(
				Object.entries(value).map(([key, item]) => [key, this.redactValue(item)] as const),
			);
		}
		return value;
	}
}

/** Wraps a logger so that nothing it writes can contain one of the redactor's secrets. */
export function redactingLogger(logger: Logger, redactor: SecretRedactor): Logger {
	const wrap =
		(write: Logger['debug']) =>
		(message: string, meta?: Record<string, unknown>): void =>
			write(
				redactor.redact(message),
				meta === undefined ? undefined : (redactor.redactValue(meta) as Record<string, unknown>),
			);
	return {
		debug: wrap(logger.debug.bind(logger)),
		info: wrap(logger.info.bind(logger)),
		warn: wrap(logger.warn.bind(logger)),
		error: wrap(logger.error.bind(logger)),
	};
}
