import { FillListeners } from './fill-listeners';
import { KrakenWsError } from '../errors';
import { nextTimePage, TIME_PAGE_ROWS } from '../rest/time-pages';
import { normalizeRestFill, normalizeWsFill } from './fill-normalize';
import { RecentIds } from './recent-ids';
import type { FillListener, FillsQuery, KrakenFill, WsFeedMessage } from './types';
import type { Logger } from '../logger';

/**
 * Kraken lists REST fills newest first, and snapshots come the same way from the paper exchange;
 * fills of one order often share a millisecond, so the list order is the only tie-breaker left.
 * A list that is visibly oldest-first is kept as it is.
 */
function oldestFirst(fills: KrakenFill[]): KrakenFill[] {
	return fills.length > 1 && fills[0].time < fills[fills.length - 1].time ? fills : [...fills].reverse();
}

const DETAILS = [
	'cliOrdId',
	'feePaid',
	'feeCurrency',
	'orderType',
	'takerOrderType',
	'remainingOrderQty',
] as const;

/** REST fills lack the fee and order-type details the WS copy of the same fill carries. */
function withDetailsOf(fill: KrakenFill, other: KrakenFill): void {
	const target = fill as unknown as Record<string, unknown>;
	for (const key of DETAILS) {
		if (target[key] === undefined && other[key] !== undefined) target[key] = other[key];
	}
}

export interface FillTrackerOptions {
	/** Resolves to raw REST fills (newest first, as Kraken sends them); absent means no gap recovery. */
	fetchFills?: (query: FillsQuery) => Promise<unknown[]>;
	memory: number;
	logger: Logger;
	onError: (error: KrakenWsError) => void;
	now?: () => number;
}

interface PendingFill {
	fill: KrakenFill;
	/** Snapshot and REST fills may be history from before the gap; live updates never are. */
	mayBeOld: boolean;
}

/** REST pages fetched at most when filling one gap (100 fills each). */
const MAX_RECOVERY_PAGES = 10;

/**
 * Delivers every fill exactly once and in time order across snapshots, live updates and
 * reconnects.
 *
 * - The first `fills_snapshot` is history from before anyone listened: it becomes the baseline
 *   (remembered, not delivered).
 * - After a reconnect the server-side subscription is new, so fills that happened while the
 *   socket was down are fetched from REST `fills` (everything at or after the newest fill already
 *   seen, or after the feed first went live when none was). Live fills arriving meanwhile are held
 *   back, then everything is de-duplicated by `fill_id`, sorted by time and delivered.
 * - `fill_id`s are remembered in a bounded set (`memory` entries).
 */
export class FillTracker {
	readonly #options: FillTrackerOptions;
	readonly #seen: RecentIds;
	readonly #listeners: FillListeners;
	#phase: 'waiting' | 'baseline' | 'recovering' | 'live' = 'waiting';
	#everLive = false;
	#watermark = 0;
	#generation = 0;
	#pending: PendingFill[] = [];

	constructor(options: FillTrackerOptions) {
		this.#options = options;
		this.#seen = new RecentIds(options.memory);
		this.#listeners = new FillListeners(options.logger);
	}

	get listenerCount(): number {
		return this.#listeners.size;
	}

	/** True while fills that happened during a disconnect are being fetched. */
	get recovering(): boolean {
		return this.#phase === 'recovering';
	}

	addListener(listener: FillListener, products?: string[]): () => void {
		return this.#listeners.add(listener, products);
	}

	/** Forget the feed's history position (the last listener left; a new one starts from a baseline). */
	reset(): void {
		this.#phase = 'waiting';
		this.#everLive = false;
		this.#pending = [];
		this.#generation++;
	}

	connectionLost(): void {
		this.#generation++;
		if (this.#phase !== 'waiting') this.#phase = 'waiting';
	}

	/** The server acknowledged the fills subscription on the current connection. */
	subscribed(): void {
		if (this.#phase !== 'waiting') return;
		if (!this.#everLive) {
			this.#everLive = true;
			this.#phase = 'baseline';
			this.#watermark = Math.max(this.#watermark, (this.#options.now ?? Date.now)());
			return;
		}
		this.#phase = 'recovering';
		void this.#recover(this.#generation);
	}

	handleMessage(message: WsFeedMessage): void {
		const isSnapshot = message.feed === 'fills_snapshot';
		if (!isSnapshot && message.feed !== 'fills') return;
		this.subscribed();
		const received = (Array.isArray(message.fills) ? message.fills : [])
			.map((raw) => normalizeWsFill(raw, isSnapshot ? 'snapshot' : 'update'))
			.filter((fill): fill is KrakenFill => fill !== undefined);
		const fills = isSnapshot ? oldestFirst(received) : received;
		if (isSnapshot && this.#phase === 'baseline') {
			for (const fill of fills) this.#remember(fill);
			this.#phase = 'live';
			return;
		}
		for (const fill of fills) this.#pending.push({ fill, mayBeOld: isSnapshot });
		if (this.#phase !== 'recovering') this.#flush();
	}

	async #recover(generation: number): Promise<void> {
		const fetchFills = this.#options.fetchFills;
		if (fetchFills) {
			try {
				const fetched = oldestFirst(await this.#fetchSince(fetchFills, this.#watermark));
				// Ahead of what the socket buffered: a recovered fill is reported as coming from REST.
				this.#pending.unshift(...fetched.map((fill) => ({ fill, mayBeOld: true })));
			} catch (error) {
				this.#options.onError(
					new KrakenWsError('could not fetch the fills missed during a disconnect from REST fills', {
						feed: 'fills',
						cause: error,
					}),
				);
			}
		} else {
			this.#options.logger.warn(
				'no REST fills source configured: fills missed during a disconnect may be lost',
			);
		}
		if (generation === this.#generation && this.#phase === 'recovering') this.#phase = 'live';
		if (this.#phase === 'live') this.#flush();
	}

	async #fetchSince(
		fetchFills: (query: FillsQuery) => Promise<unknown[]>,
		watermark: number,
	): Promise<KrakenFill[]> {
		const found = new Map<string, KrakenFill>();
		let query: FillsQuery = {};
		for (let page = 0; page < MAX_RECOVERY_PAGES; page++) {
			const fills = (await fetchFills(query))
				.map(normalizeRestFill)
				.filter((fill): fill is KrakenFill => fill !== undefined);
			for (const fill of fills) if (fill.time >= watermark) found.set(fill.fill_id, fill);
			const reachedKnown = fills.some((fill) => this.#seen.has(fill.fill_id));
			const oldest = Math.min(...fills.map((fill) => fill.time));
			if (reachedKnown || oldest < watermark) break;
			const next = nextTimePage(
				fills.map((fill) => fill.time),
				query.lastFillTime,
			);
			if (next.kind === 'stuck') {
				this.#options.onError(
					new KrakenWsError(
						`fills missed during a disconnect may be incomplete: REST fills returned ${TIME_PAGE_ROWS} fills all at ${next.time}, and more fills of that millisecond cannot be paged to`,
						{ feed: 'fills' },
					),
				);
			}
			if (next.kind !== 'older') break;
			query = { lastFillTime: next.before };
		}
		return [...found.values()];
	}

	#flush(): void {
		const pending = this.#pending;
		this.#pending = [];
		const fresh = new Map<string, KrakenFill>();
		for (const { fill, mayBeOld } of pending) {
			if (mayBeOld && fill.time < this.#watermark) continue;
			const known = fresh.get(fill.fill_id);
			if (known) withDetailsOf(known, fill);
			else fresh.set(fill.fill_id, fill);
		}
		for (const fill of [...fresh.values()].sort((a, b) => a.time - b.time)) {
			if (this.#remember(fill)) this.#listeners.deliver(fill);
		}
	}

	#remember(fill: KrakenFill): boolean {
		if (!this.#seen.add(fill.fill_id)) return false;
		if (fill.time > this.#watermark) this.#watermark = fill.time;
		return true;
	}
}
