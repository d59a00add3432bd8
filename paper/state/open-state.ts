import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../../core/logger';
import type { PaperExchange } from '../exchange';
import { PaperStateLock, type PaperLockRecord } from './lock';
import {
	readStateFile,
	removeLeftoverTemporaries,
	type PaperStateDocument,
	type SavedKeyPair,
} from './state-file';
import { PaperStateStore, restoreAccounts } from './store';

export interface PaperStateOptions {
	statePath: string;
	/** Start with fresh accounts (the keys are kept, so clients keep working). */
	resetState?: boolean;
	startingCollateralUsd?: number;
	saveDelayMs?: number;
}

/** Another running paper exchange owns the state file; `owner` says where it listens once it does. */
export class PaperStateLockedError extends Error {
	constructor(
		readonly statePath: string,
		readonly owner: PaperLockRecord | undefined,
	) {
		super(
			owner === undefined
				? `paper state file ${statePath} is being opened by another process`
				: `paper state file ${statePath} is in use by process ${owner.pid}${owner.restUrl ? ` at ${owner.restUrl}` : ''}`,
		);
		this.name = 'PaperStateLockedError';
	}
}

/** A state file this process now owns: what was saved, and how to keep saving. */
export interface OpenedPaperState {
	path: string;
	lock: PaperStateLock;
	/** Key pairs saved with the accounts (empty on a new file). */
	savedKeys: SavedKeyPair[];
	savedPort: number | null;
	/** How many starts came before this one. */
	starts: number;
	startingCollateralUsd: number | undefined;
	/** Restores the saved accounts into `exchange` and starts saving its changes. */
	attach(exchange: PaperExchange, keys: SavedKeyPair[], logger: Logger): PaperStateStore;
	/** Gives the lock back when the exchange could not start. */
	abandon(): void;
}

export async function openPaperState(options: PaperStateOptions): Promise<OpenedPaperState> {
	const path = resolve(options.statePath);
	mkdirSync(dirname(path), { recursive: true });
	const taken = await PaperStateLock.acquire(path);
	if ('owner' in taken) throw new PaperStateLockedError(path, taken.owner);
	const { lock } = taken;
	let saved: PaperStateDocument | undefined;
	try {
		removeLeftoverTemporaries(path);
		saved = readStateFile(path);
	} catch (error) {
		lock.release();
		throw error;
	}
	const reset = options.resetState === true;
	return {
		path,
		lock,
		savedKeys: saved?.keys ?? [],
		savedPort: saved?.port ?? null,
		starts: saved?.starts ?? 0,
		startingCollateralUsd: options.startingCollateralUsd ?? saved?.startingCollateralUsd,
		attach(exchange, keys, logger) {
			if (saved !== undefined && !reset) restoreAccounts(exchange, path, saved);
			const store = new PaperStateStore(exchange, {
				path,
				keys,
				starts: (saved?.starts ?? 0) + 1,
				lastResetAt: reset ? new Date().toISOString() : (saved?.lastResetAt ?? null),
				port: saved?.port ?? null,
				saveDelayMs: options.saveDelayMs,
				logger,
				holdsLock: () => lock.held(),
			});
			logger.info('paper exchange state', {
				path,
				restoredAccounts: reset ? 0 : (saved?.accounts.length ?? 0),
			});
			return store;
		},
		abandon: () => lock.release(),
	};
}
