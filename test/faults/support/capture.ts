import type { Logger } from '../../../core/logger';

/** A logger that keeps every line, to check what the core would have written. */
export class CapturingLogger implements Logger {
	readonly lines: string[] = [];

	#write(level: string, message: string, meta?: Record<string, unknown>): void {
		this.lines.push(`${level} ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
	}

	debug(message: string, meta?: Record<string, unknown>): void {
		this.#write('debug', message, meta);
	}

	info(message: string, meta?: Record<string, unknown>): void {
		this.#write('info', message, meta);
	}

	warn(message: string, meta?: Record<string, unknown>): void {
		this.#write('warn', message, meta);
	}

	error(message: string, meta?: Record<string, unknown>): void {
		this.#write('error', message, meta);
	}
}

/** Waits until `condition` holds, polling every few ms; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
