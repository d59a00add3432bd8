import { isPrivateFeed, isProductFeed, isSnapshotMessage, subscribedFeedOf } from './feeds';
import type { WsFeed, WsFeedMessage, WsMessageListener } from './types';

/** One consumer of a server subscription. `products` narrows an account-wide feed (fills) locally. */
export interface Consumer {
	listener: WsMessageListener;
	products?: ReadonlySet<string>;
}

/**
 * `pending`: to be sent on the next open connection; `sent`: sent, no ack yet; `active`: acked
 * (or data already flowing).
 */
export type ServerSubscriptionStatus = 'pending' | 'sent' | 'active';

/** One subscription on the server, shared by every consumer of the same (feed, product). */
export interface ServerSubscription {
	key: string;
	feed: WsFeed;
	product?: string;
	consumers: Set<Consumer>;
	status: ServerSubscriptionStatus;
}

export function subscriptionKey(feed: string, product?: string): string {
	return product === undefined ? feed : `${feed}|${product}`;
}

/** The subscription a data message belongs to. */
export function keyOfMessage(message: WsFeedMessage): string {
	const feed = subscribedFeedOf(message.feed);
	return isProductFeed(feed) && typeof message.product_id === 'string'
		? subscriptionKey(feed, message.product_id)
		: subscriptionKey(feed);
}

/** Reference-counted server subscriptions keyed by (feed, product). */
export class SubscriptionRegistry {
	readonly #subscriptions = new Map<string, ServerSubscription>();

	/** Adds a consumer; `created` tells the caller a server subscribe is needed. */
	add(
		feed: WsFeed,
		product: string | undefined,
		consumer: Consumer,
	): { created: boolean; sub: ServerSubscription } {
		const key = subscriptionKey(feed, product);
		let sub = this.#subscriptions.get(key);
		const created = sub === undefined;
		if (!sub) {
			sub = { key, feed, consumers: new Set(), status: 'pending' };
			if (product !== undefined) sub.product = product;
			this.#subscriptions.set(key, sub);
		}
		sub.consumers.add(consumer);
		return { created, sub };
	}

	/** Removes a consumer; returns the subscription when that was its last consumer (it is then gone). */
	remove(key: string, consumer: Consumer): ServerSubscription | undefined {
		const sub = this.#subscriptions.get(key);
		if (!sub || !sub.consumers.delete(consumer) || sub.consumers.size > 0) return undefined;
		this.#subscriptions.delete(key);
		return sub;
	}

	get(key: string): ServerSubscription | undefined {
		return this.#subscriptions.get(key);
	}

	list(): ServerSubscription[] {
		return [...this.#subscriptions.values()];
	}

	get size(): number {
		return this.#subscriptions.size;
	}

	hasPrivate(): boolean {
		return this.list().some((sub) => isPrivateFeed(sub.feed));
	}

	/** Subscriptions still to be sent, grouped per feed so that one request covers many products. */
	pendingByFeed(): Map<WsFeed, ServerSubscription[]> {
		const byFeed = new Map<WsFeed, ServerSubscription[]>();
		for (const sub of this.#subscriptions.values()) {
			if (sub.status === 'pending') byFeed.set(sub.feed, [...(byFeed.get(sub.feed) ?? []), sub]);
		}
		return byFeed;
	}

	/** After a connection is lost every subscription must be sent again. */
	markAllPending(): void {
		for (const sub of this.#subscriptions.values()) sub.status = 'pending';
	}

	/** Marks acked subscriptions active; an ack without product ids covers the whole feed. */
	markActive(feed: string, products: string[] | undefined): void {
		for (const sub of this.#subscriptions.values()) {
			if (sub.feed !== feed) continue;
			if (!products || sub.product === undefined || products.includes(sub.product)) sub.status = 'active';
		}
	}
}

/** The message as a consumer with a product filter should see it, or undefined when nothing is left. */
export function messageForConsumer(message: WsFeedMessage, consumer: Consumer): WsFeedMessage | undefined {
	const products = consumer.products;
	if (!products || products.size === 0) return message;
	if (Array.isArray(message.fills)) {
		const fills = (message.fills as unknown[]).filter((fill) =>
			products.has(String((fill as { instrument?: unknown })?.instrument)),
		);
		return fills.length > 0 || isSnapshotMessage(message.feed) ? { ...message, fills } : undefined;
	}
	const instrument = message.instrument ?? message.product_id;
	return instrument === undefined || products.has(String(instrument)) ? message : undefined;
}

/** `{"event":"subscribe"|"unsubscribe","feed":…,"product_ids":[…]}` for the given subscriptions of one feed. */
export function feedRequest(
	event: string,
	feed: string,
	subs: ServerSubscription[],
): Record<string, unknown> {
	const request: Record<string, unknown> = { event, feed };
	const products = subs.flatMap((sub) => (sub.product === undefined ? [] : [sub.product]));
	if (products.length > 0) request.product_ids = products;
	return request;
}
