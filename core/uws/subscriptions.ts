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

/**
 * Private channels whose snapshot is the account's state: Kraken sends it once per subscription, so
 * a consumer that joins later needs it from somewhere else (see `ServerSubscription.history`).
 */
export const STATE_CHANNELS: ReadonlySet<string> = new Set(['executions', 'positions', 'balances', 'margin']);

/** Pushes kept after a snapshot for consumers that join later; beyond it they are forgotten. */
const HISTORY_LIMIT = 1_000;

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
	consumers: Set<UwsPushListener>;
	/** Held by the session itself (the private keep-alive): never unsubscribed. */
	pinned: boolean;
	active: boolean;
	/**
	 * State channels: the last snapshot and every push since, so a consumer that joins later can be
	 * brought up to date; undefined before a snapshot, after a reconnect, or once it grew too long.
	 */
	history?: UwsPush[];
}

/** Keeps a state channel's history (see `ServerSubscription.history`) as a push reaches `sub`. */
export function recordHistory(sub: ServerSubscription, push: UwsPush): void {
	if (!STATE_CHANNELS.has(sub.channel)) return;
	if (push.type === 'snapshot') sub.history = [push];
	else if (sub.history && sub.history.length < HISTORY_LIMIT) sub.history.push(push);
	else delete sub.history;
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

/** The server subscriptions of a session, by channel and symbol, with their consumers. */
export class SubscriptionRegistry {
	readonly #subs = new Map<string, ServerSubscription>();

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
				consumers: new Set(),
				pinned,
				active: false,
			};
			if (spec.symbol !== undefined) sub.symbol = spec.symbol;
			this.#subs.set(key, sub);
		}
		if (pinned) sub.pinned = true;
		if (listener) sub.consumers.add(listener);
		return { sub, created };
	}

	/** Removes a consumer; returns the subscription when it has no consumer left (and is not pinned). */
	remove(key: string, listener: UwsPushListener): ServerSubscription | undefined {
		const sub = this.#subs.get(key);
		if (!sub) return undefined;
		sub.consumers.delete(listener);
		if (sub.consumers.size > 0 || sub.pinned) return undefined;
		this.#subs.delete(key);
		return sub;
	}

	/** In insertion order: the private keep-alive (added first) is replayed first. */
	forLink(link: LinkName): ServerSubscription[] {
		return [...this.#subs.values()].filter((sub) => sub.link === link);
	}

	hasAny(link: LinkName): boolean {
		return this.forLink(link).length > 0;
	}

	markAllInactive(link: LinkName): void {
		for (const sub of this.forLink(link)) {
			sub.active = false;
			delete sub.history;
		}
	}

	/**
	 * Consumers of a push, each with the data items meant for it. Items of a symbol channel go to
	 * that symbol's subscription; other channels go to every subscription of the channel.
	 */
	route(link: LinkName, push: UwsPush): [ServerSubscription, UwsPush][] {
		const subs = this.forLink(link).filter((sub) => sub.channel === push.channel);
		if (subs.length === 0) return [];
		if (subs.every((sub) => sub.symbol === undefined)) return subs.map((sub) => [sub, push]);
		const routed: [ServerSubscription, UwsPush][] = [];
		for (const sub of subs) {
			const data = push.data.filter((item) => (item as { symbol?: unknown } | null)?.symbol === sub.symbol);
			if (data.length > 0) routed.push([sub, { ...push, data }]);
		}
		return routed;
	}
}
