import { createHash, createHmac } from 'node:crypto';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { KrakenUnifiedClient, KrakenUwsSession, KrakenUwsStreamClient } from '../core';
import { generateKeyPair, type PaperKeyPair } from '../paper/http/keyring';
import { startPaperExchange, type PaperExchangeServer } from '../paper/server';
import { atMost, type BenchRow } from './report';
import { summariseLatencies } from './stats';
import { measureTicks, QUALIFYING_BELOW, SYMBOL } from './tick-driver';

/**
 * Tick-to-order over Kraken's Unified WebSocket: a `ticker` frame leaving the paper exchange's
 * public socket to the matching `add_order` reaching its engine through the private socket. The
 * core against a hand-written bot with only `ws`, `undici` and node:crypto, measured in the same
 * run, at two levels: the transport (`KrakenUwsSession`, Kraken's field names) and the clients the
 * nodes use on top of it (v1 message shapes, order checks, legacy order fields).
 */

/** The cl_ord_id of the order for a tick: the tick's `last`, unique per measured tick. */
function clOrdIdFor(last: number): string {
	return `tick-${last}`;
}

/**
 * The `add_order` params for a tick, in Kraken's field names, built as a literal by every bot that
 * writes them itself (the baseline and the session bot).
 */
function addOrderParams(lane: Lane, last: number): Record<string, unknown> {
	return {
		asset_class: 'derivatives',
		symbol: lane.symbol,
		order_type: 'limit',
		side: 'buy',
		order_qty: lane.size,
		limit_price: lane.limitPrice,
		cl_ord_id: clOrdIdFor(last),
	};
}

/** The baseline's private params: the token added as one more field, as the session adds it. */
function addToken(params: Record<string, unknown>, token: string): Record<string, unknown> {
	params.token = token;
	return params;
}

/**
 * What one bot trades: a market of its own (so a tick reaches one bot only, and neither bot's
 * handling of a frame delays the other's) and an account of its own. The order is a small bid
 * half under the market, so it rests and never fills.
 */
interface Lane {
	symbol: string;
	size: number;
	limitPrice: number;
	spotApiKey: string;
	spotApiSecret: string;
}

/**
 * The two markets the bots trade, swapped between them every round: both trade near 60 000, where
 * the paper market's own drift never takes `last` under QUALIFYING_BELOW, and their frames are alike.
 */
const MARKETS = [
	{ symbol: SYMBOL, size: 0.0001, limitPrice: 30_000 },
	{ symbol: 'PI_XBTUSD', size: 1, limitPrice: 30_000 },
] as const;

interface UwsBot {
	stop(): Promise<void>;
}

type UwsBotFactory = (server: PaperExchangeServer, lane: Lane) => Promise<UwsBot>;

/**
 * A paper exchange with two accounts whose tickers the benchmark moves by hand, timing each order's
 * arrival at the engine. Qualifying ticks alternate between the two lanes, so both bots are measured
 * tick for tick under the same load on the machine.
 */
class UwsTickDriver {
	readonly #waiting = new Map<string, (at: bigint) => void>();
	#unexpected = 0;
	readonly lanes: [Lane, Lane];

	private constructor(readonly server: PaperExchangeServer) {
		const [first, second] = server.keys;
		this.lanes = [laneOf(MARKETS[0], first), laneOf(MARKETS[1], second)];
		// No market may qualify before the measurement starts (a subscription's snapshot included).
		for (const lane of this.lanes) this.#setLast(lane.symbol, QUALIFYING_BELOW + 1);
		const exchange = server.exchange;
		const sendOrder = exchange.sendOrder.bind(exchange);
		// Timestamp where the engine is handed the order: the request has been read and parsed.
		exchange.sendOrder = (accountId, params) => {
			const at = process.hrtime.bigint();
			const resolve = typeof params.cliOrdId === 'string' ? this.#waiting.get(params.cliOrdId) : undefined;
			if (resolve === undefined) this.#unexpected += 1;
			else {
				this.#waiting.delete(params.cliOrdId as string);
				resolve(at);
			}
			// Placing the order makes the engine publish a ticker; it must not qualify again.
			if (typeof params.symbol === 'string') this.#setLast(params.symbol, QUALIFYING_BELOW + 1);
			return sendOrder(accountId, params);
		};
	}

	static async start(): Promise<UwsTickDriver> {
		const server = await startPaperExchange({
			port: 0,
			seed: 11,
			clock: false,
			// A window this short never refuses one order at a time; the benchmark measures latency, not budget.
			rateLimitWindowMs: 5,
			keys: [generateKeyPair(), generateKeyPair()],
		});
		return new UwsTickDriver(server);
	}

	get unexpectedOrders(): number {
		return this.#unexpected;
	}

	#setLast(symbol: string, last: number): void {
		const market = this.server.exchange.inspect().market(symbol);
		if (market === undefined) throw new Error(`the paper exchange lists no ${symbol}`);
		market.last = last;
	}

	#emitTick(symbol: string, last: number): void {
		this.#setLast(symbol, last);
		this.server.exchange.emit('ticker', symbol, {});
	}

	/**
	 * Latencies of `count` qualifying ticks per lane after `warmup` per lane, alternating lanes. The
	 * ticks' `last` counts down from `firstLast` across both lanes, so no cl_ord_id repeats on one exchange.
	 */
	async measure(count: number, warmup: number, firstLast: number): Promise<[bigint[], bigint[]]> {
		const laneOfTick = (i: number): Lane => this.lanes[i % 2];
		const latencies = await measureTicks({
			count: 2 * count,
			warmup: 2 * warmup,
			timeoutMs: 5_000,
			waiting: this.#waiting,
			emitQualifying: (i) => {
				const last = firstLast - i;
				this.#emitTick(laneOfTick(i).symbol, last);
				return clOrdIdFor(last);
			},
			emitOther: (i) => this.#emitTick(laneOfTick(i).symbol, QUALIFYING_BELOW + 1 + (i % 100)),
		});
		// The measured ticks start at an even index (the warm-up is even): lane 0 takes the even ones.
		return [latencies.filter((_, k) => k % 2 === 0), latencies.filter((_, k) => k % 2 === 1)];
	}

	stop(): Promise<void> {
		return this.server.stop();
	}
}

function laneOf(market: (typeof MARKETS)[number], keys: PaperKeyPair | undefined): Lane {
	if (keys === undefined) throw new Error('the paper exchange opened fewer accounts than asked');
	return { ...market, spotApiKey: keys.spotApiKey, spotApiSecret: keys.spotApiSecret };
}

function opened(socket: WebSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
}

/** The baseline: token by hand-signed Spot REST, then two bare sockets. */
const bareUwsBot: UwsBotFactory = async (server, lane) => {
	const path = '/0/private/GetWebSocketsToken';
	const nonce = String(Date.now() * 1000);
	const body = `nonce=${nonce}`;
	const digest = createHash('sha256')
		.update(nonce + body)
		.digest();
	const sign = createHmac('sha512', Buffer.from(lane.spotApiSecret, 'base64'))
		.update(Buffer.concat([Buffer.from(path), digest]))
		.digest('base64');
	const pool = new Pool(server.spotRestUrl);
	const response = await pool.request({
		method: 'POST',
		path,
		headers: {
			'API-Key': lane.spotApiKey,
			'API-Sign': sign,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body,
	});
	const { result } = (await response.body.json()) as { result: { token: string } };
	await pool.close();
	const token = result.token;
	const privateSocket = new WebSocket(server.uwsPrivateUrl);
	await opened(privateSocket);
	privateSocket.send(
		JSON.stringify({ method: 'subscribe', params: { channel: 'executions', token }, req_id: 1 }),
	);
	const publicSocket = new WebSocket(server.uwsPublicUrl);
	let reqId = 10;
	let subscribed!: () => void;
	const ready = new Promise<void>((resolve) => (subscribed = resolve));
	publicSocket.on('message', (data) => {
		const message = JSON.parse(String(data)) as {
			method?: string;
			channel?: string;
			data?: { last?: number }[];
		};
		if (message.method === 'subscribe') subscribed();
		if (message.channel !== 'ticker') return;
		const last = message.data?.[0]?.last;
		if (last === undefined || last >= QUALIFYING_BELOW) return;
		privateSocket.send(
			JSON.stringify({
				method: 'add_order',
				params: addToken(addOrderParams(lane, last), token),
				req_id: (reqId += 1),
			}),
		);
	});
	await opened(publicSocket);
	publicSocket.send(
		JSON.stringify({
			method: 'subscribe',
			params: { channel: 'ticker', asset_class: 'derivatives', symbol: [lane.symbol], snapshot: false },
			req_id: 2,
		}),
	);
	await ready;
	return {
		stop: async () => {
			publicSocket.terminate();
			privateSocket.terminate();
		},
	};
};

/** A core session on the lane's account. */
function sessionFor(server: PaperExchangeServer, lane: Lane): KrakenUwsSession {
	return new KrakenUwsSession({
		publicUrl: server.uwsPublicUrl,
		privateUrl: server.uwsPrivateUrl,
		spotRestUrl: server.spotRestUrl,
		credentials: { apiKey: lane.spotApiKey, apiSecret: lane.spotApiSecret },
	});
}

/** The same bot on the core: the streaming client's ticker feed and the unified trading client. */
const coreUwsBot: UwsBotFactory = async (server, lane) => {
	const session = sessionFor(server, lane);
	const trading = new KrakenUnifiedClient({ session, ownsSession: false });
	const stream = new KrakenUwsStreamClient({ session });
	await trading.instruments.refresh();
	await trading.getOpenOrders();
	let subscribed!: () => void;
	const ready = new Promise<void>((resolve) => (subscribed = resolve));
	stream.subscribe('ticker', [lane.symbol], (message) => {
		subscribed();
		const last = (message as { last?: number }).last;
		if (last === undefined || last >= QUALIFYING_BELOW) return;
		// An object literal, as the baseline writes its params (see orderFor in tick-driver.ts).
		trading
			.sendOrder({
				orderType: 'lmt',
				symbol: lane.symbol,
				side: 'buy',
				size: lane.size,
				limitPrice: lane.limitPrice,
				cliOrdId: clOrdIdFor(last),
			})
			.catch(() => undefined);
	});
	await ready;
	return {
		stop: async () => {
			await stream.close();
			await trading.close();
			await session.close();
		},
	};
};

/**
 * The same bot on the core's own UWS layer: the session's `ticker` channel and `add_order` through
 * `session.request`, in Kraken's wire shapes. It keeps the transport's work (routing and channel
 * memory, req_id, token, status gate, timeout) and leaves out what the stream and trading clients
 * add on top: the v1 message shapes, the order checks and the legacy-to-UWS mapping.
 */
const sessionUwsBot: UwsBotFactory = async (server, lane) => {
	const session = sessionFor(server, lane);
	let subscribed!: () => void;
	const ready = new Promise<void>((resolve) => (subscribed = resolve));
	const ticker = session.subscribe({ channel: 'ticker', symbol: lane.symbol }, (push) => {
		subscribed();
		const last = (push.data[0] as { last?: number } | undefined)?.last;
		if (last === undefined || last >= QUALIFYING_BELOW) return;
		session.request('add_order', addOrderParams(lane, last)).catch(() => undefined);
	});
	// The private socket opens with its executions subscription, as the baseline's does.
	let privateOpen!: () => void;
	const privateReady = new Promise<void>((resolve) => (privateOpen = resolve));
	const executions = session.subscribe({ channel: 'executions' }, () => privateOpen());
	await Promise.all([ready, privateReady]);
	return {
		stop: async () => {
			ticker.unsubscribe();
			executions.unsubscribe();
			await session.close();
		},
	};
};

interface Sampled {
	latencies: bigint[];
	unexpected: number;
}

/** One round: both bots on one exchange, each on its lane (swapped every round), ticks alternating. */
async function measureRound(
	bots: readonly [string, UwsBotFactory][],
	sampled: Map<string, Sampled>,
	options: { events: number; warmup: number; round: number },
): Promise<void> {
	const driver = await UwsTickDriver.start();
	try {
		const onLane = options.round % 2 === 0 ? bots : [...bots].reverse();
		const running: UwsBot[] = [];
		try {
			for (const [index, [, factory]] of onLane.entries()) {
				running.push(await factory(driver.server, driver.lanes[index]));
			}
			const perLane = await driver.measure(
				options.events,
				options.warmup,
				QUALIFYING_BELOW - 1 - options.round * 2 * (options.events + options.warmup),
			);
			onLane.forEach(([name], index) => (sampled.get(name) as Sampled).latencies.push(...perLane[index]));
			// Both bots share the exchange: an unexpected order is charged to the core, the stricter reading.
			(sampled.get('core') as Sampled).unexpected += driver.unexpectedOrders;
		} finally {
			await Promise.all(running.map((bot) => bot.stop()));
		}
	} finally {
		await driver.stop();
	}
}

/**
 * Target: the core's median at most 1.2x the bare bot's. Each round runs both bots at once against one
 * exchange, alternating their ticks, so a change in the machine's load lands on both alike instead of
 * on whichever bot had the round (with the rounds one after the other, one build gave 1.06x-1.59x).
 */
export async function benchUwsTickToOrder(
	contender: 'clients' | 'session',
	options: { events: number; warmup: number; rounds: number },
): Promise<BenchRow> {
	const bots: [string, UwsBotFactory][] = [
		['baseline', bareUwsBot],
		['core', contender === 'clients' ? coreUwsBot : sessionUwsBot],
	];
	const sampled = new Map<string, Sampled>(bots.map(([name]) => [name, { latencies: [], unexpected: 0 }]));
	const perRound = Math.ceil(options.events / options.rounds);
	for (let round = 0; round < options.rounds; round++) {
		await measureRound(bots, sampled, { events: perRound, warmup: options.warmup, round });
	}
	const baseline = summariseLatencies((sampled.get('baseline') as Sampled).latencies);
	const core = sampled.get('core') as Sampled;
	const summary = summariseLatencies(core.latencies);
	return atMost(
		`tick-to-order over UWS (core ${contender})`,
		'median ms',
		summary.medianMs,
		baseline.medianMs,
		1.2,
		{
			events: summary.count,
			p99Ms: Math.round(summary.p99Ms * 1000) / 1000,
			baselineP99Ms: Math.round(baseline.p99Ms * 1000) / 1000,
			baselineEvents: baseline.count,
			unexpectedOrders: core.unexpected,
		},
	);
}
