import type { Logger } from '../../core/logger';
import type { PaperExchange } from '../exchange';
import { decodeAccount, encodeAccount } from './account-record';
import {
	PaperStateError,
	STATE_FORMAT,
	writeStateFile,
	writeStateFileSync,
	type PaperStateDocument,
	type SavedKeyPair,
} from './state-file';

/** Events after which what an account owns may have changed. */
const CHANGE_EVENTS = ['stateChanged', 'fill', 'openOrder', 'positions', 'accountLog'];
/** Changes within this window go to disk in one write. */
const DEFAULT_SAVE_DELAY_MS = 250;

export interface StoreSettings {
	path: string;
	keys: SavedKeyPair[];
	starts: number;
	lastResetAt: string | null;
	port: number | null;
	saveDelayMs?: number;
	logger: Logger;
	/** Whether this exchange still holds the file's lock; once it does not, it writes no more. */
	holdsLock: () => boolean;
}

/** Puts the saved accounts into a fresh exchange; a broken record names the file and the field. */
export function restoreAccounts(exchange: PaperExchange, path: string, document: PaperStateDocument): void {
	try {
		exchange.restoreAccounts(document.accounts.map(decodeAccount));
	} catch (error) {
		throw new PaperStateError(path, (error as Error).message);
	}
}

/**
 * Keeps one exchange's accounts in its state file: a write shortly after every change (one at a time, in
 * order), and a last synchronous write on close or process exit. Only the lock holder creates one.
 */
export class PaperStateStore {
	private timer: NodeJS.Timeout | undefined;
	private writing: Promise<void> | undefined;
	private dirty = false;
	private readonly onChange = (): void => this.schedule();
	private closed = false;
	private lostLock = false;

	constructor(
		private readonly exchange: PaperExchange,
		private readonly settings: StoreSettings,
	) {
		for (const event of CHANGE_EVENTS) exchange.on(event, this.onChange);
	}

	get path(): string {
		return this.settings.path;
	}

	/** Records a reset so that the same reset request (by time) is not applied again. */
	markReset(at: string): void {
		this.settings.lastResetAt = at;
	}

	get lastResetAt(): string | null {
		return this.settings.lastResetAt;
	}

	setPort(port: number): void {
		this.settings.port = port;
	}

	document(): PaperStateDocument {
		return {
			format: STATE_FORMAT,
			version: 1,
			savedAt: new Date().toISOString(),
			starts: this.settings.starts,
			startingCollateralUsd: this.exchange.startingCollateralUsd,
			lastResetAt: this.settings.lastResetAt,
			port: this.settings.port,
			keys: this.settings.keys,
			accounts: this.exchange.accountEntries().map(({ account, uid }) => encodeAccount(account, uid)),
		};
	}

	private schedule(): void {
		if (this.closed || this.timer !== undefined) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.save();
		}, this.settings.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS);
		this.timer.unref();
	}

	/**
	 * Writes the state soon, one write at a time: changes made while a write is under way are written
	 * by one more write right after it. Resolves once the state as of this call is on disk.
	 */
	save(): Promise<void> {
		this.dirty = true;
		this.writing ??= this.drain();
		return this.writing;
	}

	private async drain(): Promise<void> {
		try {
			while (this.dirty) {
				this.dirty = false;
				if (!this.mayWrite()) return;
				await writeStateFile(this.settings.path, this.document()).catch((error: unknown) =>
					this.settings.logger.error('paper state could not be saved', {
						path: this.settings.path,
						error: String(error),
					}),
				);
			}
		} finally {
			this.writing = undefined;
		}
	}

	/** False (and said once) when another exchange took the file over: two writers would lose each other's changes. */
	private mayWrite(): boolean {
		if (this.settings.holdsLock()) return true;
		if (!this.lostLock) {
			this.lostLock = true;
			this.settings.logger.error('paper state file is no longer ours; changes are not saved', {
				path: this.settings.path,
			});
		}
		return false;
	}

	/** The last write before the process ends: synchronous, because an exiting process runs no more I/O. */
	saveNow(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.mayWrite()) writeStateFileSync(this.settings.path, this.document());
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const event of CHANGE_EVENTS) this.exchange.off(event, this.onChange);
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		await this.writing;
		if (this.mayWrite()) await writeStateFile(this.settings.path, this.document());
	}
}
