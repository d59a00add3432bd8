import WebSocket from 'ws';
import { startBlaster } from './blaster-client';
import { atLeast, type BenchRow } from './report';
import { interleaved } from './stats';

const PRODUCT = 'PF_XBTUSD';

/**
 * Consumes one burst from `wsUrl` (subscribing to `book` and `ticker`) and resolves to the number
 * of data messages per second, timed from the first data message to the `expected`-th.
 */
export type IngestConsumer = (wsUrl: string, expected: number) => Promise<number>;

/** Which feeds a consumer subscribes to, and how the burst mixes them. */
export interface IngestMix {
	feeds: Array<'book' | 'ticker'>;
	booksPerTicker: number;
	label: string;
}

export const BOOK_AND_TICKER: IngestMix = {
	feeds: ['book', 'ticker'],
	booksPerTicker: 4,
	label: '4 book : 1 ticker',
};
export const TICKER_ONLY: IngestMix = { feeds: ['ticker'], booksPerTicker: 0, label: 'ticker only' };

/** Counts data messages and resolves with the rate once `expected` have arrived. */
export class RateCounter {
	#count = 0;
	#first = 0n;
	readonly done: Promise<number>;
	#resolve!: (rate: number) => void;

	constructor(readonly expected: number) {
		this.done = new Promise((resolve) => (this.#resolve = resolve));
	}

	count(): void {
		if (this.#count === 0) this.#first = process.hrtime.bigint();
		this.#count += 1;
		if (this.#count === this.expected) {
			const elapsedNs = Number(process.hrtime.bigint() - this.#first);
			this.#resolve(((this.expected - 1) * 1e9) / elapsedNs);
		}
	}
}

/** The baseline: a bare `ws` socket and `JSON.parse`, nothing else. */
export const bareWsConsumer =
	(mix: IngestMix): IngestConsumer =>
	async (wsUrl, expected) => {
		const counter = new RateCounter(expected);
		const socket = new WebSocket(wsUrl);
		socket.on('open', () => {
			for (const feed of mix.feeds)
				socket.send(JSON.stringify({ event: 'subscribe', feed, product_ids: [PRODUCT] }));
		});
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as { feed?: string };
			if (message.feed === 'book' || message.feed === 'ticker') counter.count();
		});
		const rate = await counter.done;
		await new Promise<void>((resolve) => {
			socket.once('close', () => resolve());
			socket.terminate();
		});
		return rate;
	};

export interface IngestOptions {
	messages: number;
	rounds: number;
}

/** Book and ticker messages per second through `subject` against the bare `ws` loop. */
export async function benchIngest(
	name: string,
	subject: IngestConsumer,
	mix: IngestMix,
	options: IngestOptions,
): Promise<BenchRow> {
	const baseline = bareWsConsumer(mix);
	const blaster = await startBlaster({
		frames: options.messages,
		booksPerTicker: mix.booksPerTicker,
		productId: PRODUCT,
		feeds: mix.feeds,
	});
	try {
		await subject(blaster.wsUrl, options.messages);
		await baseline(blaster.wsUrl, options.messages);
		const result = await interleaved(
			options.rounds,
			() => subject(blaster.wsUrl, options.messages),
			() => baseline(blaster.wsUrl, options.messages),
		);
		return atLeast(name, 'messages/s', result.subject, result.baseline, 0.7, {
			messagesPerRound: options.messages,
			rounds: options.rounds,
			mix: mix.label,
		});
	} finally {
		await blaster.stop();
	}
}
