import { startPaperExchange, type PaperExchangeServer } from '../paper/server';
import type { LoggedRequest } from '../paper/http/request-log';
import type { SendOrderRequest } from '../core';

export const SYMBOL = 'PF_XBTUSD';
/** Ticks whose `last` is below this qualify for an order; the market starts near 60 000. */
export const QUALIFYING_BELOW = 50_000;
/** The order every bot sends: a small bid far under the market, so it rests and never fills. */
export const ORDER = {
	orderType: 'lmt',
	symbol: SYMBOL,
	side: 'buy',
	size: 0.0001,
	limitPrice: 30_000,
} as const;

/**
 * The order a bot on the core sends for a tick, written as an object literal like the baseline
 * bots' requests. Not `{ ...ORDER, cliOrdId }`: under Node.js 20 (V8 11.3) each object built by a
 * spread plus a field gets a hidden class of its own, which costs the bot's own code 10-20 µs per
 * tick there (measured in this benchmark) and is no part of what the core adds.
 */
export function orderFor(cliOrdId: string): SendOrderRequest {
	return {
		orderType: ORDER.orderType,
		symbol: ORDER.symbol,
		side: ORDER.side,
		size: ORDER.size,
		limitPrice: ORDER.limitPrice,
		cliOrdId,
	};
}

/** The cliOrdId a bot gives the order for a tick: it ties each order to the tick that caused it. */
export function cliOrdIdFor(tickTime: number): string {
	return `tick-${tickTime}`;
}

/**
 * A paper exchange whose ticker frames the benchmark emits by hand, timing each qualifying frame
 * from the moment the server sends it to the moment the matching signed `sendorder` has arrived.
 */
export class TickDriver {
	#nextTime = 1_900_000_000_000;
	#waiting = new Map<string, (at: bigint) => void>();
	#unexpected = 0;
	readonly #otherRequests = new Map<string, number>();

	private constructor(readonly server: PaperExchangeServer) {
		const log = server.requests;
		const add = log.add.bind(log);
		// Timestamp arrivals where the server logs a fully received request (headers and body).
		log.add = (entry: Parameters<typeof add>[0]): void => {
			const at = process.hrtime.bigint();
			add(entry);
			if (!entry.path.endsWith('/sendorder')) {
				const path = entry.path.replace(/^\/derivatives\/api\/v3/, '');
				this.#otherRequests.set(path, (this.#otherRequests.get(path) ?? 0) + 1);
				return;
			}
			const cliOrdId = (entry as Pick<LoggedRequest, 'params'>).params.cliOrdId;
			const resolve = typeof cliOrdId === 'string' ? this.#waiting.get(cliOrdId) : undefined;
			if (resolve === undefined) this.#unexpected += 1;
			else {
				this.#waiting.delete(cliOrdId as string);
				resolve(at);
			}
		};
	}

	static async start(): Promise<TickDriver> {
		// A window this short never refuses one order at a time; the benchmark measures latency, not budget.
		const server = await startPaperExchange({ port: 0, seed: 11, clock: false, rateLimitWindowMs: 5 });
		return new TickDriver(server);
	}

	/** Orders that matched no qualifying tick (from the subscription snapshot or a tick that should not qualify). */
	get unexpectedOrders(): number {
		return this.#unexpected;
	}

	/** Requests other than sendorder the bot made, by path (instrument lists, lookups). */
	get otherRequests(): Record<string, number> {
		return Object.fromEntries(this.#otherRequests);
	}

	#emitTick(last: number): number {
		const time = (this.#nextTime += 1);
		const payload = { ...this.server.exchange.wsTicker(SYMBOL), time, last };
		this.server.exchange.emit('ticker', SYMBOL, payload);
		return time;
	}

	/**
	 * Sends `warmup + count` qualifying ticks one at a time, each followed by a tick that must not
	 * qualify, and returns the `count` latencies in nanoseconds.
	 */
	measure(count: number, warmup: number, timeoutMs = 5_000): Promise<bigint[]> {
		return measureTicks({
			count,
			warmup,
			timeoutMs,
			waiting: this.#waiting,
			emitQualifying: (i) => cliOrdIdFor(this.#emitTick(QUALIFYING_BELOW - 1 - (i % 100))),
			emitOther: (i) => this.#emitTick(QUALIFYING_BELOW + 1 + (i % 100)),
		});
	}

	stop(): Promise<void> {
		return this.server.stop();
	}
}

/** A trading bot under test: subscribed to the driver's ticker, ordering on qualifying ticks. */
export interface TickBot {
	/** Resolves once the bot is subscribed and has placed its snapshot order, if any. */
	ready: Promise<void>;
	stop(): Promise<void>;
}

export type TickBotFactory = (server: PaperExchangeServer) => Promise<TickBot>;

/** How a driver emits ticks and learns of the orders they caused, for `measureTicks`. */
export interface TickMeasurement {
	count: number;
	warmup: number;
	timeoutMs: number;
	/** Where the driver resolves an order's arrival time by its cliOrdId. */
	waiting: Map<string, (at: bigint) => void>;
	/** Emits the i-th qualifying tick; returns the cliOrdId its order must carry. */
	emitQualifying(i: number): string;
	emitOther(i: number): void;
}

/** The measuring loop every driver shares: one qualifying tick at a time, timed to its order's arrival. */
export async function measureTicks(m: TickMeasurement): Promise<bigint[]> {
	const latencies: bigint[] = [];
	for (let i = 0; i < m.warmup + m.count; i++) {
		let expected = '';
		let resolveArrival!: (at: bigint) => void;
		const arrived = new Promise<bigint>((resolve) => (resolveArrival = resolve));
		const sentAt = process.hrtime.bigint();
		const register = (id: string): void => {
			expected = id;
			m.waiting.set(id, resolveArrival);
		};
		// The id is known only once the tick is made; the order cannot arrive before this turn ends.
		register(m.emitQualifying(i));
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				m.waiting.delete(expected);
				reject(new Error(`no order for tick ${i} within ${m.timeoutMs} ms`));
			}, m.timeoutMs);
		});
		const at = await Promise.race([arrived, timeout]).finally(() => clearTimeout(timer));
		if (i >= m.warmup) latencies.push(at - sentAt);
		m.emitOther(i);
		// Let the bot finish with the answer before the next tick, as between real ticks.
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	return latencies;
}
