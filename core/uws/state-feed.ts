import type { WsFeedMessage, WsMessageListener, WsSubscription } from '../ws/types';
import type { UwsPush } from './envelope';

/** Turns one channel's pushes into v1 feed messages, and says what the state is now. */
export interface StateTranslator {
	translate(type: string | undefined, data: readonly unknown[]): WsFeedMessage[];
	/** The whole state as one message, once the channel's snapshot has been seen. */
	current(): WsFeedMessage | undefined;
	reset(): void;
}

/**
 * The listeners of one account-state feed (open orders, positions) and the translator they share.
 * The channel's snapshot comes once per server subscription, so a listener that joins later is
 * handed the translator's current state as its snapshot instead.
 */
export class StateFeed {
	readonly #listeners = new Set<WsMessageListener>();

	constructor(
		readonly translator: StateTranslator,
		private readonly call: (listener: WsMessageListener, message: WsFeedMessage) => void,
		private readonly onIdle: () => void,
	) {}

	get idle(): boolean {
		return this.#listeners.size === 0;
	}

	/** Delivers one push of the channel to every listener. */
	handle(push: UwsPush): void {
		const messages = this.translator.translate(push.type, push.data);
		for (const listener of [...this.#listeners]) for (const message of messages) this.call(listener, message);
	}

	add(listener: WsMessageListener): WsSubscription {
		this.#listeners.add(listener);
		const now = this.translator.current();
		if (now !== undefined) this.call(listener, now);
		let active = true;
		return {
			unsubscribe: () => {
				if (!active) return;
				active = false;
				this.#listeners.delete(listener);
				if (this.idle) this.onIdle();
			},
		};
	}
}
