import { FillListeners } from '../ws/fill-listeners';
import type { Logger } from '../logger';
import type { FillGapEvent } from '../stream';
import { RecentIds } from '../ws/recent-ids';
import type { FillListener, KrakenFill } from '../ws/types';
import { fillsOfExecutions } from './channels/executions';
import type { UwsPush } from './envelope';

export interface FillJournalOptions {
	/** How many `exec_id`s are remembered for de-duplication. */
	memory: number;
	/** How many fills a recovery snapshot holds at most (`snap_trades`: 50). */
	snapshotLimit: number;
	logger: Logger;
	onGap: (event: FillGapEvent) => void;
	now?: () => number;
}

/**
 * Delivers every fill of the `executions` channel exactly once, across reconnects.
 *
 * - The first snapshot is history from before anyone listened: remembered, not delivered.
 * - Live trade events are delivered unless their `exec_id` was seen.
 * - Every later snapshot follows a (re)subscribe and holds the last 50 fills: the unseen ones
 *   are delivered oldest first. When the snapshot is full and even its oldest fill is unseen,
 *   older fills of the outage may be missing and cannot be fetched (UWS has no fills history):
 *   `onGap` reports it instead of pretending the stream is complete.
 */
export class UwsFillJournal {
	readonly #options: FillJournalOptions;
	readonly #seen: RecentIds;
	readonly #listeners: FillListeners;
	#started = false;
	/** Fills older than this predate the journal (they were never ours to deliver). */
	#liveSince = -Infinity;
	#newest: KrakenFill | undefined;

	constructor(options: FillJournalOptions) {
		this.#options = options;
		this.#seen = new RecentIds(options.memory);
		this.#listeners = new FillListeners(options.logger);
	}

	get listenerCount(): number {
		return this.#listeners.size;
	}

	addListener(listener: FillListener, products?: string[]): () => void {
		return this.#listeners.add(listener, products);
	}

	/** The last listener left: the next one starts from a new baseline. */
	reset(): void {
		this.#started = false;
		this.#liveSince = -Infinity;
	}

	handle(push: UwsPush): void {
		const isSnapshot = push.type === 'snapshot';
		const fills = fillsOfExecutions(push.data, isSnapshot ? 'snapshot' : 'update');
		if (!this.#started) {
			this.#started = true;
			if (isSnapshot) {
				for (const fill of fills) this.#remember(fill);
				return;
			}
			// Joined a subscription that was already running: nothing older than now is ours.
			this.#liveSince = (this.#options.now ?? Date.now)();
		}
		if (isSnapshot) this.#checkGap(fills);
		for (const fill of fills) {
			if (!this.#known(fill) && this.#remember(fill)) this.#listeners.deliver(fill);
		}
	}

	#known(fill: KrakenFill): boolean {
		return this.#seen.has(fill.fill_id) || fill.time < this.#liveSince;
	}

	#checkGap(fills: KrakenFill[]): void {
		const oldest = fills[0];
		if (fills.length < this.#options.snapshotLimit || oldest === undefined || this.#known(oldest)) return;
		const event: FillGapEvent = {
			snapshotSize: fills.length,
			oldestRecoveredFillTime: oldest.fillTime,
			message:
				`after a reconnect all ${fills.length} fills Kraken returned were new: fills before ` +
				`${oldest.fillTime} may be missing (Kraken's Unified WebSocket returns only the last ` +
				`${this.#options.snapshotLimit}); check positions and the order history on kraken.com`,
		};
		if (this.#newest) event.lastKnownFillTime = this.#newest.fillTime;
		this.#options.logger.warn('Kraken UWS: possible gap in fills', { ...event });
		this.#options.onGap(event);
	}

	#remember(fill: KrakenFill): boolean {
		if (!this.#seen.add(fill.fill_id)) return false;
		if (!this.#newest || fill.time >= this.#newest.time) this.#newest = fill;
		return true;
	}
}
