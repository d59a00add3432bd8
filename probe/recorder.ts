import { createWriteStream, type WriteStream } from 'node:fs';

/** Where a recorded line came from: one of the two sockets, the token call, or the probe itself. */
export type Source = 'public' | 'private' | 'rest' | 'probe';
/** `in`: received from Kraken; `out`: sent to Kraken; `note`: what the probe did or saw. */
export type Direction = 'in' | 'out' | 'note';

const REDACTED = '[redacted]';
/** Fields that carry a credential; their values never reach the file. */
const SECRET_FIELDS = new Set(['token', 'apiKey', 'apiSecret', 'API-Key', 'API-Sign']);

/** A copy of `value` with every credential field replaced, at any depth. */
export function redact(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redact);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [key, SECRET_FIELDS.has(key) ? REDACTED : redact(item)]),
	);
}

/**
 * The session file: one JSON object per line, `{ at, source, direction, message }`, with credentials
 * redacted. Raw text that is not JSON is kept as a string, so nothing Kraken sends is lost.
 */
export class SessionRecorder {
	readonly #out: WriteStream;
	#lines = 0;

	constructor(readonly path: string) {
		this.#out = createWriteStream(path, { flags: 'w' });
	}

	get lines(): number {
		return this.#lines;
	}

	record(source: Source, direction: Direction, message: unknown): void {
		const line = { at: new Date().toISOString(), source, direction, message: redact(message) };
		this.#out.write(`${JSON.stringify(line)}\n`);
		this.#lines += 1;
	}

	/** A frame as received: parsed when it is JSON, else its text. */
	recordFrame(source: Source, text: string): unknown {
		let message: unknown = text;
		try {
			message = JSON.parse(text);
		} catch {
			// Kept as text: an unparseable frame is itself a finding.
		}
		this.record(source, 'in', message);
		return message;
	}

	close(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#out.once('error', reject);
			this.#out.end(() => resolve());
		});
	}
}
