import { randomBytes } from 'node:crypto';

/** A syntactically valid Futures key pair for scripted servers (never a real one). */
export const TEST_CREDENTIALS = {
	apiKey: 'test-key-' + randomBytes(8).toString('hex'),
	apiSecret: randomBytes(64).toString('base64'),
};

/** A logger that keeps every line, for "no secret in the logs" assertions. */
export function recordingLogger(): {
	lines: string[];
	logger: Record<
		'debug' | 'info' | 'warn' | 'error',
		(message: string, meta?: Record<string, unknown>) => void
	>;
} {
	const lines: string[] = [];
	const write =
		(level: string) =>
		(message: string, meta?: Record<string, unknown>): void => {
			lines.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
		};
	return {
		lines,
		logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
	};
}
