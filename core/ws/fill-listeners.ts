import type { Logger } from '../logger';
import type { FillListener, KrakenFill } from './types';

interface FillConsumer {
	listener: FillListener;
	products?: ReadonlySet<string>;
}

/** The fill listeners of a client, each optionally limited to some symbols. A throwing listener is logged. */
export class FillListeners {
	readonly #consumers = new Set<FillConsumer>();

	constructor(private readonly logger: Logger) {}

	get size(): number {
		return this.#consumers.size;
	}

	/** Adds a listener; returns its removal. */
	add(listener: FillListener, products?: string[]): () => void {
		const consumer: FillConsumer = { listener };
		if (products && products.length > 0) consumer.products = new Set(products);
		this.#consumers.add(consumer);
		return () => {
			this.#consumers.delete(consumer);
		};
	}

	deliver(fill: KrakenFill): void {
		for (const consumer of [...this.#consumers]) {
			if (consumer.products && !consumer.products.has(fill.symbol)) continue;
			try {
				consumer.listener(fill);
			} catch (error) {
				this.logger.error('a fill listener threw', {
					error: error instanceof Error ? error.message : String(error),
				});
			}
		}
	}
}
