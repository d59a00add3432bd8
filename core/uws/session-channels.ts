import { asksForSnapshot } from './channel-memory';
import type { KrakenError } from '../errors';
import type { Logger } from '../logger';
import type { UwsPush } from './envelope';
import type { UwsLink } from './link';
import {
	type ChannelSpec,
	keyOfParams,
	type LinkName,
	type ServerSubscription,
	SubscriptionRegistry,
	type UwsPushListener,
} from './subscriptions';
import { UWS_CHANNEL } from './unverified';

export interface UwsChannelSubscription {
	unsubscribe(): void;
}

/**
 * The executions subscription every private socket holds: Kraken closes a private socket without
 * a subscription, and its snapshot (open orders plus the last 50 fills) is what trading and fill
 * recovery both need after every (re)connect.
 */
export const PRIVATE_KEEPALIVE: ChannelSpec = {
	channel: UWS_CHANNEL.executions.name,
	params: { snap_orders: true, snap_trades: true, order_status: true },
};

/** What the channel bookkeeping needs of the session it serves. */
export interface SessionChannelsHost {
	/** The link a subscription goes over; throws when the private one needs a key the session lacks. */
	linkOf(name: LinkName): UwsLink;
	logger: Logger;
	/** The session's own events: `subscribe-failed` ({channel, symbol, error}), `heartbeat` (link name). */
	emit(event: 'subscribe-failed' | 'heartbeat', detail: unknown): void;
}

/**
 * The channels of one session: server subscriptions shared by every consumer of a channel and
 * symbol, reference-counted, replayed on every (re)connect, and their pushes routed to their
 * consumers. A consumer joining after the snapshot is brought up to date from what the
 * subscription remembers (see channel-memory.ts).
 */
export class SessionChannels {
	readonly #registry = new SubscriptionRegistry();
	readonly #host: SessionChannelsHost;
	/** The keep-alive subscription is pinned once and never removed. */
	#keepalivePinned = false;

	constructor(host: SessionChannelsHost) {
		this.#host = host;
	}

	/** Listens to a channel whose spec the session has checked. */
	subscribe(spec: ChannelSpec, listener: UwsPushListener, privateChannel: boolean): UwsChannelSubscription {
		const isKeepalive = spec.channel === PRIVATE_KEEPALIVE.channel;
		if (privateChannel) this.pinKeepalive();
		const { sub, created } = this.#registry.add(isKeepalive ? PRIVATE_KEEPALIVE : spec, listener);
		if (created) this.#send(sub, 'subscribe');
		else if (listener !== undefined) this.#join(sub, spec, listener);
		else this.#host.linkOf(sub.link).ensureOpen();
		let active = true;
		return {
			unsubscribe: () => {
				if (!active) return;
				active = false;
				const gone = this.#registry.remove(sub.key, listener);
				if (gone && gone.active) this.#send(gone, 'unsubscribe');
			},
		};
	}

	/** Kraken closes a private socket that holds no subscription: from first private use, one is held. */
	pinKeepalive(): void {
		if (this.#keepalivePinned) return;
		this.#keepalivePinned = true;
		const { sub, created } = this.#registry.add(PRIVATE_KEEPALIVE, undefined, true);
		if (created) this.#send(sub, 'subscribe');
	}

	/** Whether a link must stay up for the subscriptions it carries. */
	hasAny(link: LinkName): boolean {
		return this.#registry.hasAny(link);
	}

	/** A dropped socket's subscriptions are gone on the server, and what they remember is stale. */
	markAllInactive(link: LinkName): void {
		this.#registry.markAllInactive(link);
	}

	/** The subscribe params to replay on a link that has just (re)connected. */
	replayFor(link: LinkName): Record<string, unknown>[] {
		this.#registry.markAllInactive(link);
		const subs = this.#registry.forLink(link);
		for (const sub of subs) this.#registry.expectSnapshot(sub);
		return subs.map((sub) => sub.params);
	}

	markActive(params: Record<string, unknown>): void {
		const key = keyOfParams(params);
		const sub = key === undefined ? undefined : this.#registry.get(key);
		if (sub) sub.active = true;
	}

	subscribeFailed(params: Record<string, unknown>, error: KrakenError): void {
		const krakenError = (error as { krakenError?: unknown }).krakenError;
		if (typeof krakenError === 'string' && krakenError.startsWith('Already subscribed')) {
			this.markActive(params);
			return;
		}
		const key = keyOfParams(params);
		const sub = key === undefined ? undefined : this.#registry.get(key);
		if (sub) this.#registry.expectNoSnapshot(sub);
		this.#host.logger.warn('Kraken UWS subscribe failed', { channel: params.channel, error: error.message });
		this.#host.emit('subscribe-failed', { channel: params.channel, symbol: params.symbol, error });
	}

	/** A push from a link, to the consumers of the subscriptions it belongs to. */
	deliver(link: LinkName, push: UwsPush): void {
		if (push.channel === UWS_CHANNEL.heartbeat.name) {
			this.#host.emit('heartbeat', link);
			return;
		}
		this.#registry.route(link, push, this.#toConsumers);
	}

	#send(sub: ServerSubscription, method: 'subscribe' | 'unsubscribe'): void {
		const link = this.#host.linkOf(sub.link);
		if (!link.isReady) {
			// Not connected yet: the subscription is replayed as soon as the socket is ready.
			if (method === 'subscribe') link.ensureOpen();
			return;
		}
		if (method === 'subscribe') this.#registry.expectSnapshot(sub);
		link.request(method, sub.params, {}).then(
			() => {
				if (method === 'subscribe') this.markActive(sub.params);
			},
			(error: KrakenError) => {
				if (method === 'subscribe') this.subscribeFailed(sub.params, error);
				else
					this.#host.logger.debug('Kraken UWS unsubscribe failed', {
						channel: sub.channel,
						error: error.message,
					});
			},
		);
	}

	/**
	 * A consumer joining an existing subscription gets no snapshot of its own from Kraken: it is brought
	 * up to date from the subscription's memory, or waits for the snapshot still due, or, when
	 * neither can serve it (a subscription made without a snapshot, a history grown too long), gets a
	 * fresh one by a resubscribe, which the other consumers see too (a snapshot replaces what they knew).
	 */
	#join(sub: ServerSubscription, spec: ChannelSpec, listener: UwsPushListener): void {
		const memory = sub.memory;
		const link = this.#host.linkOf(sub.link);
		if (memory === undefined || !asksForSnapshot(sub.channel, spec.params)) return link.ensureOpen();
		if (memory.state === 'current') {
			for (const push of memory.replay()) this.#call(listener, push);
			return;
		}
		if (memory.state === 'awaiting' && asksForSnapshot(sub.channel, sub.params)) return link.ensureOpen();
		if (!asksForSnapshot(sub.channel, sub.params)) sub.params = { ...sub.params, snapshot: true };
		this.#resubscribe(sub);
	}

	#resubscribe(sub: ServerSubscription): void {
		const link = this.#host.linkOf(sub.link);
		sub.active = false;
		sub.memory?.forget();
		if (!link.isReady) {
			link.ensureOpen();
			return;
		}
		const subscribeAgain = (): void => {
			if (this.#registry.get(sub.key) === sub) this.#send(sub, 'subscribe');
		};
		link.request('unsubscribe', sub.params, {}).then(subscribeAgain, subscribeAgain);
	}

	readonly #toConsumers = (sub: ServerSubscription, push: UwsPush): void => {
		sub.active = true;
		sub.memory?.record(push);
		for (const listener of sub.consumers) this.#call(listener, push);
	};

	#call(listener: UwsPushListener, push: UwsPush): void {
		try {
			listener(push);
		} catch (error) {
			this.#host.logger.error('a Kraken UWS channel listener threw', {
				channel: push.channel,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}
}
