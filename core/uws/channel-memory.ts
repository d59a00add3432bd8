import type { UwsPush } from './envelope';
import { isRecord, readNumber, type WireRecord } from './channels/read-fields';
import { BOOK_DEFAULT_DEPTH, BOOK_FIELD as B, TRADE_FIELD as TR, TRADE_SNAPSHOT_LIMIT } from './unverified';

/**
 * What one server subscription remembers so that a consumer joining it after its snapshot is brought
 * up to date. Kraken sends a channel's snapshot once per subscription ("Exactly one snapshot is
 * delivered per subscription", verified for `positions`), and a second subscribe of the same channel
 * and symbol on one connection gets no snapshot of its own (verified as `Already subscribed to … channel`
 * for `positions` and `margin`; inferred for the public channels and listed in the README's unverified
 * facts). So a late consumer, such as a one-off ticker read of a market a trigger streams, is handed a
 * snapshot made from what the subscription has seen: the account history, the latest ticker, the
 * maintained book, the last trades.
 */
export interface ChannelMemory {
	/**
	 * `awaiting`: no snapshot seen since the subscription was (re)made; `current`: `replay()` is the
	 * channel's state now; `lost`: the state can no longer be rebuilt (a history grew too long).
	 */
	readonly state: 'awaiting' | 'current' | 'lost';
	/** A push that reached the subscription, with the items meant for it. */
	record(push: UwsPush): void;
	/** The pushes that bring a late consumer up to date; empty unless `state` is `current`. */
	replay(): UwsPush[];
	/** The subscription is being made again (reconnect, resubscribe): wait for its new snapshot. */
	forget(): void;
}

/** Pushes kept after an account snapshot for consumers that join later; beyond it they are forgotten. */
const HISTORY_LIMIT = 1_000;

function snapshotPush(channel: string, data: unknown[]): UwsPush {
	return { channel, type: 'snapshot', data, raw: { channel, type: 'snapshot', data } };
}

/** The last snapshot and every push since: for channels whose updates only make sense in order. */
class PushHistory implements ChannelMemory {
	#pushes: UwsPush[] = [];
	state: ChannelMemory['state'] = 'awaiting';

	record(push: UwsPush): void {
		if (push.type === 'snapshot') {
			this.#pushes = [push];
			this.state = 'current';
		} else if (this.state === 'current' && this.#pushes.length < HISTORY_LIMIT) this.#pushes.push(push);
		else if (this.state === 'current') this.forget('lost');
	}

	replay(): UwsPush[] {
		return this.state === 'current' ? [...this.#pushes] : [];
	}

	forget(state: ChannelMemory['state'] = 'awaiting'): void {
		this.#pushes = [];
		this.state = state;
	}
}

/** `margin`: no snapshot, every push is one whole section of the state, named by its `type`. */
class LatestSections implements ChannelMemory {
	readonly #byType = new Map<string | undefined, UwsPush>();
	state: ChannelMemory['state'] = 'awaiting';

	record(push: UwsPush): void {
		this.#byType.delete(push.type);
		this.#byType.set(push.type, push);
		this.state = 'current';
	}

	replay(): UwsPush[] {
		return [...this.#byType.values()];
	}

	forget(): void {
		this.#byType.clear();
		this.state = 'awaiting';
	}
}

/** Base of the public channels' memories: items of one symbol, rebuilt into one snapshot. */
abstract class MarketMemory implements ChannelMemory {
	state: ChannelMemory['state'] = 'awaiting';

	constructor(protected readonly channel: string) {}

	record(push: UwsPush): void {
		const items = push.data.filter(isRecord);
		if (push.type === 'snapshot') {
			this.reset(items);
			this.state = 'current';
		} else if (this.state === 'current') this.update(items);
	}

	replay(): UwsPush[] {
		return this.state === 'current' ? [snapshotPush(this.channel, this.current())] : [];
	}

	forget(): void {
		this.reset([]);
		this.state = 'awaiting';
	}

	protected abstract reset(snapshot: WireRecord[]): void;
	protected abstract update(items: WireRecord[]): void;
	protected abstract current(): unknown[];
}

/**
 * `ticker`: the snapshot's item with every update laid over it (a field an update omits keeps its
 * value). Every tick passes here, so the item is changed in place and copied only when handed out.
 */
class LatestTicker extends MarketMemory {
	#item: WireRecord = {};

	protected reset(snapshot: WireRecord[]): void {
		this.#item = {};
		this.update(snapshot);
	}

	protected update(items: WireRecord[]): void {
		for (const item of items) Object.assign(this.#item, item);
	}

	protected current(): unknown[] {
		return Object.keys(this.#item).length === 0 ? [] : [{ ...this.#item }];
	}
}

/** One side of a book by price, cut to `depth` levels; `better(a, b)` is true when a is nearer the spread. */
class BookSide {
	readonly #levels = new Map<number, WireRecord>();

	constructor(
		private readonly depth: number,
		private readonly better: (a: number, b: number) => boolean,
	) {}

	clear(): void {
		this.#levels.clear();
	}

	/** Applies changed levels (`qty` 0 removes one), then drops the worst levels beyond the depth. */
	apply(changes: unknown): void {
		if (!Array.isArray(changes)) return;
		for (const level of changes) {
			if (!isRecord(level)) continue;
			const price = readNumber(level, B.price);
			if (price === undefined) continue;
			if (readNumber(level, B.qty) === 0) this.#levels.delete(price);
			else this.#levels.set(price, level);
		}
		while (this.#levels.size > this.depth) this.#levels.delete(this.#worst());
	}

	/** Best first. */
	levels(): WireRecord[] {
		return [...this.#levels].sort(([a], [b]) => (this.better(a, b) ? -1 : 1)).map(([, level]) => level);
	}

	#worst(): number {
		let worst: number | undefined;
		for (const price of this.#levels.keys())
			if (worst === undefined || this.better(worst, price)) worst = price;
		return worst as number;
	}
}

/**
 * `book`: the snapshot's levels with every update applied, cut to the subscribed depth after each
 * update as Spot v2 tells clients to (the rule is unverified for derivatives). The other fields,
 * `checksum` among them, are the latest item's: they describe the book after that update.
 */
class MaintainedBook extends MarketMemory {
	readonly #bids: BookSide;
	readonly #asks: BookSide;
	#fields: WireRecord = {};

	constructor(channel: string, depth: number) {
		super(channel);
		this.#bids = new BookSide(depth, (a, b) => a > b);
		this.#asks = new BookSide(depth, (a, b) => a < b);
	}

	protected reset(snapshot: WireRecord[]): void {
		this.#bids.clear();
		this.#asks.clear();
		this.#fields = {};
		this.update(snapshot);
	}

	protected update(items: WireRecord[]): void {
		for (const item of items) {
			this.#bids.apply(item[B.bids.name]);
			this.#asks.apply(item[B.asks.name]);
			this.#fields = item;
		}
	}

	protected current(): unknown[] {
		return [{ ...this.#fields, [B.bids.name]: this.#bids.levels(), [B.asks.name]: this.#asks.levels() }];
	}
}

/**
 * `trade`: the snapshot's trades and every trade since, the last 50 (the snapshot's size), oldest
 * first by `trade_id` (documented as sequential) when every trade carries one, else in arrival order.
 * Trades are appended as they come and put in order only when the list is cut or handed out.
 */
class RecentTrades extends MarketMemory {
	#trades: WireRecord[] = [];

	protected reset(snapshot: WireRecord[]): void {
		this.#trades = [...snapshot];
	}

	protected update(items: WireRecord[]): void {
		this.#trades.push(...items);
		if (this.#trades.length >= 2 * TRADE_SNAPSHOT_LIMIT) this.#trades = this.#latest();
	}

	protected current(): unknown[] {
		return this.#latest();
	}

	#latest(): WireRecord[] {
		const trades = [...this.#trades];
		const ids = trades.map((trade) => readNumber(trade, TR.tradeId));
		if (ids.every((id) => id !== undefined)) {
			const order = trades.map((_, index) => index).sort((a, b) => (ids[a] as number) - (ids[b] as number));
			return order.map((index) => trades[index]).slice(-TRADE_SNAPSHOT_LIMIT);
		}
		return trades.slice(-TRADE_SNAPSHOT_LIMIT);
	}
}

/** Whether `subscribe` with these params makes Kraken send a snapshot (each channel's documented default). */
export function asksForSnapshot(channel: string, params: Record<string, unknown> = {}): boolean {
	switch (channel) {
		case 'margin':
			return true;
		case 'executions':
			return params.snap_orders !== false || params.snap_trades === true;
		case 'trade':
			return params.snapshot === true;
		default:
			return params.snapshot !== false;
	}
}

/** The memory a subscription to `channel` keeps; undefined for event channels (ledgers, heartbeat, …). */
export function memoryFor(channel: string, params: Record<string, unknown>): ChannelMemory | undefined {
	switch (channel) {
		case 'executions':
		case 'positions':
		case 'balances':
		case 'instrument':
			return new PushHistory();
		case 'margin':
			return new LatestSections();
		case 'ticker':
			return new LatestTicker(channel);
		case 'book':
			return new MaintainedBook(
				channel,
				typeof params.depth === 'number' ? params.depth : BOOK_DEFAULT_DEPTH,
			);
		case 'trade':
			return new RecentTrades(channel);
		default:
			return undefined;
	}
}
