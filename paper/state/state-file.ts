import {
	closeSync,
	fsyncSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AccountRecord } from './account-record';

export const STATE_FORMAT = 'kraken-futures-paper-state';

/** A key pair and the Kraken (Spot) key pair of the same account. */
export interface SavedKeyPair {
	apiKey: string;
	apiSecret: string;
	spotApiKey?: string;
	spotApiSecret?: string;
}

/** What a paper exchange keeps between runs: the accounts and the keys that trade on them. The market starts fresh. */
export interface PaperStateDocument {
	format: typeof STATE_FORMAT;
	version: 1;
	savedAt: string;
	/** How many times an exchange started on this file; seeded ids draw a fresh stream per start. */
	starts: number;
	/** The flex collateral (USD) a new or reset account starts with. */
	startingCollateralUsd: number;
	/** When the accounts were last reset (ISO time), so that one reset request is applied once. */
	lastResetAt: string | null;
	/** The port it last listened on: a restart comes back on it when it is free, so clients keep their URL. */
	port: number | null;
	keys: SavedKeyPair[];
	accounts: AccountRecord[];
}

/** A state file that exists but cannot be used: says which file and why. */
export class PaperStateError extends Error {
	constructor(
		readonly path: string,
		reason: string,
	) {
		super(`paper state file ${path} cannot be used: ${reason}`);
		this.name = 'PaperStateError';
	}
}

/** The saved state, or undefined when there is no file yet. */
export function readStateFile(path: string): PaperStateDocument | undefined {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new PaperStateError(path, (error as Error).message);
	}
	let document: Partial<PaperStateDocument>;
	try {
		document = JSON.parse(text) as Partial<PaperStateDocument>;
	} catch (error) {
		throw new PaperStateError(path, `not JSON (${(error as Error).message})`);
	}
	if (document?.format !== STATE_FORMAT) throw new PaperStateError(path, 'not a paper exchange state file');
	if (document.version !== 1) throw new PaperStateError(path, `unknown version ${String(document.version)}`);
	if (!Array.isArray(document.accounts) || !Array.isArray(document.keys))
		throw new PaperStateError(path, 'accounts or keys are missing');
	return document as PaperStateDocument;
}

let temporaries = 0;
const temporaryName = (path: string): string => `${path}.${process.pid}.${++temporaries}.tmp`;

/** Makes a rename durable: on Linux the directory entry is only on disk once the directory is synced. */
function syncDirectory(path: string): void {
	try {
		const fd = openSync(dirname(path), 'r');
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Some file systems (and Windows) cannot open a directory; the rename itself is still atomic.
	}
}

/**
 * Writes the whole state to a temporary file, syncs it to disk, then renames it over the old one: a crash
 * or kill at any moment leaves either the previous or the new file, never a partial one.
 */
export function writeStateFileSync(path: string, document: PaperStateDocument): void {
	const temporary = temporaryName(path);
	const fd = openSync(temporary, 'w', 0o600);
	try {
		writeSync(fd, JSON.stringify(document));
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(temporary, path);
	syncDirectory(path);
}

/** The same as `writeStateFileSync`, without blocking the event loop on the disk. */
export async function writeStateFile(path: string, document: PaperStateDocument): Promise<void> {
	const temporary = temporaryName(path);
	const handle = await open(temporary, 'w', 0o600);
	try {
		await handle.writeFile(JSON.stringify(document));
		await handle.sync();
	} finally {
		await handle.close();
	}
	await rename(temporary, path);
	syncDirectory(path);
}

/** Removes temporaries a killed writer left behind (only the lock holder calls this). */
export function removeLeftoverTemporaries(path: string): void {
	const prefix = `${basename(path)}.`;
	let names: string[];
	try {
		names = readdirSync(dirname(path));
	} catch {
		return;
	}
	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
		try {
			unlinkSync(join(dirname(path), name));
		} catch {
			// Gone already.
		}
	}
}
