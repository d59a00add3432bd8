import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import type { PaperConnectionInfo } from '../connection-info';

/**
 * Who owns a state file: one lock file next to it (`<state>.lock`), created exclusively, holding the
 * owner's pid and, once it listens, where it listens and its key. Other processes of the same install
 * read it to connect to the owner instead of starting a second exchange on the same file.
 */
export interface PaperLockRecord extends Partial<PaperConnectionInfo> {
	pid: number;
	/** Tells this owner from a later one with a recycled pid. */
	token: string;
	startedAt: string;
	statePath: string;
}

/** A lock that is being created but has no content yet is given this long before it counts as abandoned. */
const STARTING_GRACE_MS = 15_000;
/** How long a stale-lock removal may hold its own short mutex before another process breaks it. */
const TAKEOVER_GRACE_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;

export const lockPathOf = (statePath: string): string => `${statePath}.lock`;

function ageMs(path: string): number {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

export function readLock(path: string): PaperLockRecord | undefined {
	try {
		const record = JSON.parse(readFileSync(path, 'utf8')) as PaperLockRecord;
		return typeof record?.pid === 'number' && typeof record.token === 'string' ? record : undefined;
	} catch {
		return undefined;
	}
}

export function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Whether something accepts connections where the owner said it listens; a refusal means it is gone. */
function listening(restUrl: string): Promise<boolean> {
	const url = new URL(restUrl);
	return new Promise((resolve) => {
		const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
		const done = (answer: boolean): void => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(PROBE_TIMEOUT_MS, () => done(true));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

/** Whether the recorded owner still runs: its process exists and, once it listens, its port answers. */
export async function ownerIsAlive(record: PaperLockRecord): Promise<boolean> {
	if (!isProcessAlive(record.pid)) return false;
	return record.restUrl === undefined ? true : listening(record.restUrl);
}

function createExclusive(path: string, text: string): boolean {
	let fd: number;
	try {
		fd = openSync(path, 'wx', 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
	try {
		writeSync(fd, text);
	} finally {
		closeSync(fd);
	}
	return true;
}

/**
 * Removes a stale lock under a short mutex, and only if it is still the stale one that was judged:
 * two processes that find the same stale lock cannot both remove it and then each create their own.
 */
function removeStale(path: string, stale: PaperLockRecord | undefined): void {
	const mutex = `${path}.takeover`;
	if (!createExclusive(mutex, String(process.pid))) {
		if (ageMs(mutex) > TAKEOVER_GRACE_MS) unlinkQuietly(mutex);
		return;
	}
	try {
		const current = readLock(path);
		const unchanged = stale === undefined ? current === undefined : current?.token === stale.token;
		if (unchanged) unlinkQuietly(path);
	} finally {
		unlinkQuietly(mutex);
	}
}

function unlinkQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone.
	}
}

/** Held by the one exchange that may write a state file. */
export class PaperStateLock {
	private constructor(
		readonly path: string,
		private record: PaperLockRecord,
	) {}

	/**
	 * Takes the lock of `statePath`, or answers who holds it (`owner` is undefined while the holder is
	 * still starting). A lock whose process is gone, or whose port no longer answers, is taken over.
	 */
	static async acquire(
		statePath: string,
	): Promise<{ lock: PaperStateLock } | { owner: PaperLockRecord | undefined }> {
		const path = lockPathOf(statePath);
		for (let attempt = 0; attempt < 5; attempt++) {
			const record: PaperLockRecord = {
				pid: process.pid,
				token: randomUUID(),
				startedAt: new Date().toISOString(),
				statePath,
			};
			if (createExclusive(path, JSON.stringify(record))) return { lock: new PaperStateLock(path, record) };
			const holder = readLock(path);
			if (holder === undefined) {
				if (ageMs(path) < STARTING_GRACE_MS) return { owner: undefined };
			} else if (await ownerIsAlive(holder)) {
				return { owner: holder };
			}
			removeStale(path, holder);
		}
		return { owner: readLock(path) };
	}

	get token(): string {
		return this.record.token;
	}

	/** Records where the owner listens and its key, for the other processes of the install. */
	publish(endpoints: PaperConnectionInfo): void {
		this.record = { ...this.record, ...endpoints };
		const temporary = `${this.path}.${process.pid}.tmp`;
		if (!createExclusive(temporary, JSON.stringify(this.record))) {
			unlinkQuietly(temporary);
			createExclusive(temporary, JSON.stringify(this.record));
		}
		renameSync(temporary, this.path);
	}

	/** Whether this process still holds the lock (nobody broke it as stale). */
	held(): boolean {
		return readLock(this.path)?.token === this.record.token;
	}

	release(): void {
		if (this.held()) unlinkQuietly(this.path);
	}
}
