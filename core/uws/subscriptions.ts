import { type ChannelMemory, memoryFor } from './channel-memory';
import type { UwsPush } from './envelope';

export type UwsPushListener = (push: UwsPush) => void;
export type LinkName = 'public' | 'private';

/** Channels of the private socket (UWS catalogue); every other channel is public. */
export const PRIVATE_CHANNELS: ReadonlySet<string> = new Set([
	'executions',
	'balances',
	'ledgers',
	'margin',
	'positions',
	'preferences',
]);

/** Channels that refuse `asset_class` (balances, ledgers) or do not list it (preferences). */
const WITHOUT_ASSET_CLASS: ReadonlySet<string> = new Set(['balances', 'ledgers', 'preferences']);

export interface ChannelSpec {
	channel: string;
	/** One symbol per server subscription, so each can be reference-counted and replayed alone. */
	symbol?: string;
	/** Extra subscribe params (depth, snapshot, …). The first subscriber's params win. */
	params?: Record<string, unknown>;
}

export interface ServerSubscription {
	key: string;
	link: LinkName;
	channel: string;
	symbol?: string;
	/** The subscribe params as sent (without token). */
	params: Record<string, unknown>;
	/** Replaced, never changed in place: a delivery in progress keeps the list it started with. */
	consumers: readonly UwsPushListener[];
	/** Held by the session itself (the private keep-alive): never unsubscribed. */
	pinned: boolean;
	active: boolean;
	/** Set while a requested snapshot is due: the order in which the subscribes were written. */
	snapshotTicket?: number;
	/** What a consumer joining after the snapshot is brought up to date from; none for event channels. */
	memory?: ChannelMemory;
}

export function subscriptionKey(channel: string, symbol?: string): string {
	return symbol === undefined ? channel : `${channel}|${symbol}`;
}

export function subscribeParams(spec: ChannelSpec): Record<string, unknown> {
	const params: Record<string, unknown> = { channel: spec.channel };
	if (!WITHOUT_ASSET_CLASS.has(spec.channel)) params.asset_class = 'derivatives';
	if (spec.symbol !== undefined) params.symbol = [spec.symbol];
	return { ...params, ...spec.params, channel: spec.channel };
}

/** The key a subscribe/unsubscribe params object (or its ack's `result`) belongs to. */
export function keyOfParams(params: Record<string, unknown>): string | undefined {
	if (typeof params.channel !== 'string') return undefined;
	const symbol = Array.isArray(params.symbol) ? params.symbol[0] : params.symbol;
	return subscriptionKey(params.channel, typeof symbol === 'string' ? symbol : undefined);
}

/** The items of `data` about `symbol`: `data` itself when every item is (one symbol per push is usual). */
function itemsAbout(data: unknown[], symbol: string): unknown[] {
	for (const item of data) {
		if ((item as { symbol?: unknown } | null)?.symbol !== symbol) {
			return data.filter((other) => (other as { symbol?: unknown } | null)?.symbol === symbol);
		}
	}
	return data;
}

/** The server subscriptions of a session, by channel and symbol, with their consumers. */
export class SubscriptionRegistry {
	readonly #subs = new Map<string, ServerSubscription>();
	/** The same subscriptions by channel, the lookup every push makes; lists are replaced, never changed. */
	readonly #byChannel = new Map<string, readonly ServerSubscription[]>();
	#snapshotTickets = 0;

	get(key: string): ServerSubscription | undefined {
		return this.#subs.get(key);
	}

	/** Adds a consumer; `created` is true when the server subscription is new. */
	add(spec: ChannelSpec, listener: UwsPushListener | undefined, pinned = false) {
		const key = subscriptionKey(spec.channel, spec.symbol);
		let sub = this.#subs.get(key);
		const created = sub === undefined;
		if (!sub) {
			sub = {
				key,
				link: PRIVATE_CHANNELS.has(spec.channel) ? 'private' : 'public',
				channel: spec.channel,
				params: subscribeParams(spec),
				consumers: [],
				pinned,
				active: false,
			};
			if (spec.symbol !== undefined) sub.symbol = spec.symbol;
			const memory = memoryFor(sub.channel, sub.params);
			if (memory !== undefined) sub.memory = memory;
			this.#subs.set(key, sub);
			this.#byChannel.set(sub.channel, [...(this.#byChannel.get(sub.channel) ?? []), sub]);
		}
		if (pinned) sub.pinned = true;
		if (listener && !sub.consumers.includes(listener)) sub.consumers = [...sub.consumers, listener];
		return { sub, created };
	}

	/** Removes a consumer; returns the subscription when it has no consumer left (and is not pinned). */
	remove(key: string, listener: UwsPushListener): ServerSubscription | undefined {
		const sub = this.#subs.get(key);
		if (!sub) return undefined;
		sub.consumers = sub.consumers.filter((consumer) => consumer !== listener);
		if (sub.consumers.length > 0 || sub.pinned) return undefined;
		this.#subs.delete(key);
		const ofChannel = (this.#byChannel.get(sub.channel) ?? []).filter((other) => other !== sub);
		if (ofChannel.length > 0) this.#byChannel.set(sub.channel, ofChannel);
		else this.#byChannel.delete(sub.channel);
		return sub;
	}

	/** In insertion order: the private keep-alive (added first) is replayed first. */
	forLink(link: LinkName): ServerSubscription[] {
		return [...this.#subs.values()].filter((sub) => sub.link === link);
	}

	hasAny(link: LinkName): boolean {
		for (const sub of this.#subs.values()) if (sub.link === link) return true;
		return false;
	}

	/** The link dropped: nothing is subscribed on the server until the replay is acknowledged. */
	markAllInactive(link: LinkName): void {
		for (const sub of this.forLink(link)) {
			sub.active = false;
			sub.snapshotTicket = undefined;
			sub.memory?.forget();
		}
	}

	/**
	 * The subscription's subscribe request is being written. When it asks for a snapshot, the
	 * subscription waits for one: an empty snapshot names no symbol, and goes to the subscription
	 * that has waited longest (that Kraken answers a connection's subscribes in order is inferred:
	 * no Kraken page says so; listed in the README's unverified facts).
	 */
	expectSnapshot(sub: ServerSubscription): void {
		sub.snapshotTicket = sub.params.snapshot === true ? ++this.#snapshotTickets : undefined;
	}

	/** The subscription will get no snapshot (its subscribe failed). */
	expectNoSnapshot(sub: ServerSubscription): void {
		sub.snapshotTicket = undefined;
	}

	/**
	 * Hands a push to each subscription it concerns, with the data items meant for it. Items of a
	 * symbol channel go to that symbol's subscription, an empty snapshot to the subscription waiting
	 * for it (see expectSnapshot); a subscription without a symbol gets every push of its channel.
	 */
	route(link: LinkName, push: UwsPush, deliver: (sub: ServerSubscription, routed: UwsPush) => void): void {
		const subs = this.#byChannel.get(push.channel);
		if (subs === undefined) return;
		const isSnapshot = push.type === 'snapshot';
		const emptySnapshotFor =
			isSnapshot && push.data.length === 0 ? this.#longestWaiting(subs, link) : undefined;
		for (const sub of subs) {
			if (sub.link !== link) continue;
			if (sub.symbol === undefined) {
				deliver(sub, push);
				continue;
			}
			if (sub === emptySnapshotFor) {
				sub.snapshotTicket = undefined;
				deliver(sub, push);
				continue;
			}
			const data = itemsAbout(push.data, sub.symbol);
			if (data.length === 0) continue;
			if (isSnapshot) sub.snapshotTicket = undefined;
			deliver(sub, data === push.data ? push : { ...push, data });
		}
	}

	#longestWaiting(subs: readonly ServerSubscription[], link: LinkName): ServerSubscription | undefined {
		let oldest: ServerSubscription | undefined;
		for (const sub of subs) {
			if (sub.link !== link || sub.snapshotTicket === undefined) continue;
			if (oldest === undefined || sub.snapshotTicket < (oldest.snapshotTicket as number)) oldest = sub;
		}
		return oldest;
	}
}
