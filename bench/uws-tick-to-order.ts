import { createHash, createHmac } from 'node:crypto';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { KrakenUnifiedClient, KrakenUwsSession, KrakenUwsStreamClient } from '../core';
import { startPaperExchange, type PaperExchangeServer } from '../paper/server';
import { atMost, type BenchRow } from './report';
import { summariseLatencies } from './stats';
import { measureTicks, ORDER, orderFor, QUALIFYING_BELOW, SYMBOL } from './tick-driver';

/**
 * Tick-to-order over Kraken's Unified WebSocket: a `ticker` frame leaving the paper exchange's
 * public socket to the matching `add_order` reaching its engine through the private socket. The
 * core (stream client and unified trading client on one session) against a hand-written bot with
 * only `ws`, `undici` and node:crypto, measured in the same run.
 */

/** The cl_ord_id of the order for a tick: the tick's `last`, unique per measured tick. */
function clOrdIdFor(last: number): string {
	return `tick-${last}`;
}

interface UwsBot {
	stop(): Promise<void>;
}

type UwsBotFactory = (server: PaperExchangeServer) => Promise<UwsBot>;

/** A paper exchange whose ticker the benchmark moves by hand, timing each order's arrival at the engine. */
class UwsTickDriver {
	readonly #waiting = new Map<string, (at: bigint) => void>();
	#unexpected = 0;

	private constructor(readonly server: PaperExchangeServer) {
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
			this.#setLast(QUALIFYING_BELOW + 1);
			return sendOrder(accountId, params);
		};
	}

	static async start(): Promise<UwsTickDriver> {
		return new UwsTickDriver(await startPaperExchange({ port: 0, seed: 11, clock: false }));
	}

	get unexpectedOrders(): number {
		return this.#unexpected;
	}

	#setLast(last: number): void {
		const market = this.server.exchange.inspect().market(SYMBOL);
		if (market === undefined) throw new Error(`the paper exchange lists no ${SYMBOL}`);
		market.last = last;
	}

	#emitTick(last: number): void {
		this.#setLast(last);
		this.server.exchange.emit('ticker', SYMBOL, {});
	}

	measure(count: number, warmup: number, firstLast: number): Promise<bigint[]> {
		return measureTicks({
			count,
			warmup,
			timeoutMs: 5_000,
			waiting: this.#waiting,
			emitQualifying: (i) => {
				const last = firstLast - i;
				this.#emitTick(last);
				return clOrdIdFor(last);
			},
			emitOther: (i) => this.#emitTick(QUALIFYING_BELOW + 1 + (i % 100)),
		});
	}

	stop(): Promise<void> {
		return this.server.stop();
	}
}

function opened(socket: WebSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
}

/** The baseline: token by hand-signed Spot REST, then two bare sockets. */
const bareUwsBot: UwsBotFactory = async (server) => {
	const path = '/0/private/GetWebSocketsToken';
	const nonce = String(Date.now() * 1000);
	const body = `nonce=${nonce}`;
	const digest = createHash('sha256')
		.update(nonce + body)
		.digest();
	const sign = createHmac('sha512', Buffer.from(server.spotApiSecret as string, 'base64'))
		.update(Buffer.concat([Buffer.from(path), digest]))
		.digest('base64');
	const pool = new Pool(server.spotRestUrl);
	const response = await pool.request({
		method: 'POST',
		path,
		headers: {
			'API-Key': server.spotApiKey as string,
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
				params: {
					asset_class: 'derivatives',
					symbol: ORDER.symbol,
					order_type: 'limit',
					side: ORDER.side,
					order_qty: ORDER.size,
					limit_price: ORDER.limitPrice,
					cl_ord_id: clOrdIdFor(last),
					token,
				},
				req_id: (reqId += 1),
			}),
		);
	});
	await opened(publicSocket);
	publicSocket.send(
		JSON.stringify({
			method: 'subscribe',
			params: { channel: 'ticker', asset_class: 'derivatives', symbol: [SYMBOL], snapshot: false },
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

/** The same bot on the core: the streaming client's ticker feed and the unified trading client. */
const coreUwsBot: UwsBotFactory = async (server) => {
	const session = new KrakenUwsSession({
		publicUrl: server.uwsPublicUrl,
		privateUrl: server.uwsPrivateUrl,
		spotRestUrl: server.spotRestUrl,
		credentials: { apiKey: server.spotApiKey as string, apiSecret: server.spotApiSecret as string },
	});
	const trading = new KrakenUnifiedClient({ session, ownsSession: false });
	const stream = new KrakenUwsStreamClient({ session });
	await trading.instruments.refresh();
	await trading.getOpenOrders();
	let subscribed!: () => void;
	const ready = new Promise<void>((resolve) => (subscribed = resolve));
	stream.subscribe('ticker', [SYMBOL], (message) => {
		subscribed();
		const last = (message as { last?: number }).last;
		if (last === undefined || last >= QUALIFYING_BELOW) return;
		trading.sendOrder(orderFor(clOrdIdFor(last))).catch(() => undefined);
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

async function measureBot(factory: UwsBotFactory, events: number, warmup: number, round: number) {
	const driver = await UwsTickDriver.start();
	try {
		const bot = await factory(driver.server);
		try {
			// Qualifying ticks count down from just under the threshold; each round starts lower, so no
			// cl_ord_id repeats on one exchange.
			const latencies = await driver.measure(
				events,
				warmup,
				QUALIFYING_BELOW - 1 - round * (events + warmup),
			);
			return { latencies, unexpectedOrders: driver.unexpectedOrders };
		} finally {
			await bot.stop();
		}
	} finally {
		await driver.stop();
	}
}

/** Rounds alternate the two bots (in rotating order); target: the core's median at most 1.2x the bare bot's. */
export async function benchUwsTickToOrder(options: {
	events: number;
	warmup: number;
	rounds: number;
}): Promise<BenchRow> {
	const bots: [string, UwsBotFactory][] = [
		['baseline', bareUwsBot],
		['core', coreUwsBot],
	];
	const sampled = new Map<string, { latencies: bigint[]; unexpected: number }>(
		bots.map(([name]) => [name, { latencies: [], unexpected: 0 }]),
	);
	const perRound = Math.ceil(options.events / options.rounds);
	for (let round = 0; round < options.rounds; round++) {
		for (const [name, factory] of round % 2 === 0 ? bots : [...bots].reverse()) {
			const result = await measureBot(factory, perRound, options.warmup, round);
			const total = sampled.get(name) as { latencies: bigint[]; unexpected: number };
			total.latencies.push(...result.latencies);
			total.unexpected += result.unexpectedOrders;
		}
	}
	const baseline = summariseLatencies((sampled.get('baseline') as { latencies: bigint[] }).latencies);
	const core = sampled.get('core') as { latencies: bigint[]; unexpected: number };
	const summary = summariseLatencies(core.latencies);
	return atMost(
		'tick-to-order over UWS (core clients)',
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
