import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from '../exchange';

/** One REST request as the paper exchange received it. */
export interface LoggedRequest {
	method: string;
	/** The URL path as sent, without the query. */
	path: string;
	/** The raw query string, without `?`. */
	query: string;
	/** The raw body. */
	body: string;
	/** Query and body fields, decoded. */
	params: Params;
	/** Request headers (lower-case names) with the signature redacted. */
	headers: Record<string, string>;
	receivedAt: number;
}

const REDACTED = new Set(['authent', 'authorization', 'cookie']);

/** Every REST request received, oldest first, for tests that assert what reached the exchange. */
export class RequestLog {
	readonly #entries: LoggedRequest[] = [];

	get entries(): readonly LoggedRequest[] {
		return this.#entries;
	}

	get length(): number {
		return this.#entries.length;
	}

	/** Requests whose path ends with `suffix` (e.g. `/sendorder`). */
	forPath(suffix: string): LoggedRequest[] {
		return this.#entries.filter((entry) => entry.path.endsWith(suffix));
	}

	add(entry: Omit<LoggedRequest, 'headers'> & { headers: IncomingHttpHeaders }): void {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(entry.headers)) {
			if (value === undefined) continue;
			headers[name] = REDACTED.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
		}
		this.#entries.push({ ...entry, headers });
	}

	clear(): void {
		this.#entries.length = 0;
	}
}
