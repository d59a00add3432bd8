import { join } from 'node:path';
import { KrakenConfigError } from '../../core/errors';
import { connectionInfo, type PaperConnectionInfo } from '../../paper/connection-info';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';
import { ownerIsAlive, type PaperLockRecord } from '../../paper/state/lock';
import { PaperStateLockedError } from '../../paper/state/open-state';

/** Where the bundled paper exchange listens, and the key pairs it accepts (Futures and Kraken/Spot, one account). */
export type PaperEndpoints = PaperConnectionInfo;

/** The endpoints, and where the paper account is kept and by which process. */
export interface PaperPlace extends PaperEndpoints {
	/** The state file, or null when the account lives in this process's memory only. */
	statePath: string | null;
	/** The process that runs the exchange (`process.pid` when it is this one). */
	ownerPid: number;
}

/** The folder, inside a host's user folder, that holds the install's paper account. */
export const PAPER_FOLDER = 'kraken-futures-paper';

export function paperStatePath(userFolder: string): string {
	return join(userFolder, PAPER_FOLDER, 'state.json');
}

/** How long a process waits for another process of the install that is starting the exchange. */
const JOIN_TIMEOUT_MS = 30_000;
/** How often a process that uses another process's exchange checks that it still runs. */
const WATCH_MS = 1_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The paper exchange of one install (one user folder). The first process that needs it runs it on the
 * state file in the user folder; the others find it through the state file's lock and use it; when the
 * process running it ends, a process still using it takes over from the saved state, on the same port
 * when it is free, so that connections made earlier reconnect to it.
 */
class InstallPaperExchange {
	private owned: PaperExchangeServer | undefined;
	private remote: PaperLockRecord | undefined;
	private joining: Promise<void> | undefined;
	private watcher: NodeJS.Timeout | undefined;
	private checking = false;

	constructor(readonly statePath: string | undefined) {}

	async place(): Promise<PaperPlace> {
		if (this.owned === undefined && this.remote === undefined) await this.join();
		if (this.owned !== undefined) {
			return {
				...connectionInfo(this.owned),
				statePath: this.owned.statePath ?? null,
				ownerPid: process.pid,
			};
		}
		const remote = this.remote as Required<PaperLockRecord>;
		return { ...connectionInfo(remote), statePath: remote.statePath, ownerPid: remote.pid };
	}

	/** The exchange this process runs, for tests that drive its faults; undefined when another process runs it. */
	async server(): Promise<PaperExchangeServer | undefined> {
		await this.place();
		return this.owned;
	}

	private join(): Promise<void> {
		this.joining ??= this.startOrFind().finally(() => (this.joining = undefined));
		return this.joining;
	}

	private async startOrFind(): Promise<void> {
		if (this.statePath === undefined) {
			this.owned = await startPaperExchange({ port: 0 });
			return;
		}
		const deadline = Date.now() + JOIN_TIMEOUT_MS;
		for (;;) {
			const outcome = await startPaperExchange({ statePath: this.statePath }).then(
				(server) => ({ server, error: undefined }),
				(error: unknown) => ({ server: undefined, error }),
			);
			if (outcome.server !== undefined) {
				this.owned = outcome.server;
				this.remote = undefined;
				this.stopWatching();
				return;
			}
			const { error } = outcome;
			if (!(error instanceof PaperStateLockedError)) {
				throw new KrakenConfigError(`the paper exchange could not start: ${(error as Error).message}`);
			}
			if (error.owner?.restUrl !== undefined) {
				this.remote = error.owner;
				this.watch();
				return;
			}
			if (Date.now() > deadline) throw new KrakenConfigError(error.message);
			await pause(100);
		}
	}

	private watch(): void {
		if (this.watcher !== undefined) return;
		this.watcher = setInterval(() => void this.check(), WATCH_MS);
		this.watcher.unref();
	}

	private stopWatching(): void {
		if (this.watcher !== undefined) clearInterval(this.watcher);
		this.watcher = undefined;
	}

	/** Takes over (or finds the new owner) once the process running the exchange is gone. */
	private async check(): Promise<void> {
		if (this.checking || this.remote === undefined) return;
		this.checking = true;
		try {
			if (await ownerIsAlive(this.remote)) return;
			this.remote = undefined;
			this.stopWatching();
			// A failed takeover is retried by the next call that needs the exchange.
			await this.join().catch(() => undefined);
		} finally {
			this.checking = false;
		}
	}

	async stop(): Promise<void> {
		this.stopWatching();
		await this.joining?.catch(() => undefined);
		const owned = this.owned;
		this.owned = undefined;
		this.remote = undefined;
		await owned?.stop();
	}
}

/* One entry per install this process works for (usually one), keyed by state file ('' for memory only). */
const installs = new Map<string, InstallPaperExchange>();

function install(userFolder: string | undefined): InstallPaperExchange {
	const statePath = userFolder === undefined || userFolder === '' ? undefined : paperStatePath(userFolder);
	const key = statePath ?? '';
	let entry = installs.get(key);
	if (entry === undefined) {
		entry = new InstallPaperExchange(statePath);
		installs.set(key, entry);
	}
	return entry;
}

/**
 * The install's paper exchange: URLs, keys and where its account is kept. Without a user folder the
 * exchange lives in this process's memory only, shared by this process's nodes.
 */
export function getPaperExchange(userFolder?: string): Promise<PaperPlace> {
	return install(userFolder).place();
}

/** The paper exchange this process runs (its faults and request log), for tests. */
export async function getPaperServer(userFolder?: string): Promise<PaperExchangeServer> {
	const server = await install(userFolder).server();
	if (server === undefined) throw new Error('the paper exchange of this install runs in another process');
	return server;
}

/** Stops every paper exchange this process runs and forgets the others. The next use starts or finds one again. */
export async function stopPaperExchange(): Promise<void> {
	const all = [...installs.values()];
	installs.clear();
	await Promise.all(all.map((entry) => entry.stop()));
}

/** One line for a status or log: where the paper account lives and who runs it. */
export function describePaperPlace(place: PaperPlace): string {
	const runner = place.ownerPid === process.pid ? 'this process' : `process ${place.ownerPid}`;
	const where = place.statePath === null ? 'in memory only (no user folder)' : `in ${place.statePath}`;
	return `paper account kept ${where}; exchange run by ${runner} at ${place.restUrl}`;
}
