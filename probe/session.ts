import type { KrakenKey } from './credentials';
import type { SessionRecorder } from './recorder';
import { ProbeSocket } from './socket';
import { fetchToken } from './token';

type Message = Record<string, unknown>;

export interface ProbeOptions {
	publicUrl: string;
	privateUrl: string;
	restUrl: string;
	symbols: string[];
	/** How long the public channels are recorded. */
	seconds: number;
	/** Without a key only the public channels are recorded. */
	key?: KrakenKey;
	/** Whether to send one `validate: true` order (never placed) with the key. */
	validateOrder: boolean;
}

/** How long to wait for an answer Kraken should give at once. */
const REPLY_MS = 10_000;
/** How long snapshots of the private channels may take to arrive (a short recording waits less). */
const SNAPSHOT_MS = 5_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What the public recording learnt that the dry-run order needs: the contract's grid and its best bid. */
interface MarketFacts {
	pair?: Message;
	bid?: number;
}

function marketFacts(socket: ProbeSocket, symbol: string): MarketFacts {
	const facts: MarketFacts = {};
	for (const message of socket.received) {
		const data = message.data as Message | Message[] | undefined;
		if (message.channel === 'instrument' && data && !Array.isArray(data) && Array.isArray(data.pairs)) {
			facts.pair = (data.pairs as Message[]).find((pair) => pair.symbol === symbol) ?? facts.pair;
		}
		if (message.channel === 'ticker' && Array.isArray(data)) {
			const ticker = data.find((item) => item.symbol === symbol);
			if (typeof ticker?.bid === 'number') facts.bid = ticker.bid;
		}
	}
	return facts;
}

/** Subscribes the public channels for the symbols and records them for `seconds`. */
async function recordPublic(options: ProbeOptions, recorder: SessionRecorder): Promise<MarketFacts> {
	const socket = await ProbeSocket.open(options.publicUrl, 'public', recorder);
	try {
		await socket.waitFor((m) => m.channel === 'status', REPLY_MS);
		await socket.request('ping', undefined, REPLY_MS);
		const market = { asset_class: 'derivatives', symbol: options.symbols };
		await socket.request('subscribe', { channel: 'instrument', asset_class: 'derivatives' }, REPLY_MS);
		await socket.request('subscribe', { channel: 'ticker', ...market }, REPLY_MS);
		await socket.request('subscribe', { channel: 'book', ...market, depth: 10 }, REPLY_MS);
		await socket.request('subscribe', { channel: 'trade', ...market, snapshot: true }, REPLY_MS);
		// Mark-price candles are the documented substitute for funding and mark data (reference §0, item 12).
		await socket.request(
			'subscribe',
			{ channel: 'ohlc', ...market, interval: 1, tick_type: 'mark' },
			REPLY_MS,
		);
		await delay(options.seconds * 1000);
		return marketFacts(socket, options.symbols[0]);
	} finally {
		await socket.close();
	}
}

/** A limit buy at half the best bid on the contract's grid: far from the market, and only validated. */
function dryRunOrder(symbol: string, facts: MarketFacts): Message | undefined {
	const increment = Number(facts.pair?.price_increment);
	const qty = Number(facts.pair?.qty_min ?? facts.pair?.qty_increment);
	if (!(increment > 0) || !(qty > 0) || facts.bid === undefined) return undefined;
	const price = Math.max(increment, Math.floor(facts.bid / 2 / increment) * increment);
	const decimals = Math.max(0, Math.ceil(-Math.log10(increment)) + 2);
	return {
		asset_class: 'derivatives',
		order_type: 'limit',
		side: 'buy',
		symbol,
		order_qty: qty,
		limit_price: Number(price.toFixed(decimals)),
		post_only: true,
		validate: true,
	};
}

/** Fetches a token, records the private snapshots and, when asked, one validated order. */
async function recordPrivate(
	options: ProbeOptions,
	key: KrakenKey,
	facts: MarketFacts,
	recorder: SessionRecorder,
): Promise<void> {
	const token = await fetchToken(options.restUrl, key, recorder);
	const socket = await ProbeSocket.open(options.privateUrl, 'private', recorder);
	try {
		await socket.waitFor((m) => m.channel === 'status', REPLY_MS);
		const derivatives = { asset_class: 'derivatives', token };
		await socket.request(
			'subscribe',
			{ channel: 'executions', ...derivatives, snap_orders: true, snap_trades: true, ratecounter: true },
			REPLY_MS,
		);
		await socket.request('subscribe', { channel: 'positions', ...derivatives }, REPLY_MS);
		await socket.request('subscribe', { channel: 'balances', token }, REPLY_MS);
		await socket.request('subscribe', { channel: 'margin', ...derivatives }, REPLY_MS);
		await socket.request('subscribe', { channel: 'ledgers', token }, REPLY_MS);
		await socket.request('subscribe', { channel: 'preferences', token }, REPLY_MS);
		await delay(Math.min(SNAPSHOT_MS, options.seconds * 1000));
		if (!options.validateOrder) return;
		const order = dryRunOrder(options.symbols[0], facts);
		if (order === undefined) {
			recorder.record('probe', 'note', {
				event: 'validate order skipped',
				reason: 'no instrument grid or ticker bid was recorded',
			});
			return;
		}
		await socket.request('add_order', { ...order, token }, REPLY_MS);
	} finally {
		await socket.close();
	}
}

/** The whole probe: public channels always, private ones with a key. Everything goes to the recorder. */
export async function runProbe(options: ProbeOptions, recorder: SessionRecorder): Promise<void> {
	recorder.record('probe', 'note', {
		event: 'started',
		publicUrl: options.publicUrl,
		privateUrl: options.privateUrl,
		restUrl: options.restUrl,
		symbols: options.symbols,
		seconds: options.seconds,
		private: options.key !== undefined,
		node: process.version,
	});
	const facts = await recordPublic(options, recorder);
	if (options.key !== undefined) await recordPrivate(options, options.key, facts, recorder);
	recorder.record('probe', 'note', { event: 'finished' });
}
