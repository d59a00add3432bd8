import { PaperApiError, type Params, type Payload, type PaperExchange } from '../exchange';
import { firstParam } from './params';

const RESOLUTION_MS: Record<string, number> = {
	'1m': 60_000,
	'5m': 300_000,
	'15m': 900_000,
	'30m': 1_800_000,
	'1h': 3_600_000,
	'4h': 14_400_000,
	'12h': 43_200_000,
	'1d': 86_400_000,
	'1w': 604_800_000,
};
const TICK_TYPES = new Set(['trade', 'mark', 'spot']);
/** Kraken answers at most this many candles per request and sets `more_candles`. */
const MAX_CANDLES = 2000;

interface Trade {
	time: number;
	price: number;
	size: number;
}

interface CandleSource {
	getCandles?: (tickType: string, symbol: string, resolution: string, params: Params) => Payload;
}

function tradesOf(payload: Payload): Trade[] {
	const history = Array.isArray(payload.history) ? (payload.history as Record<string, unknown>[]) : [];
	return history
		.map((t) => ({ time: Date.parse(String(t.time)), price: Number(t.price), size: Number(t.size ?? 0) }))
		.filter((t) => Number.isFinite(t.time) && Number.isFinite(t.price))
		.sort((a, b) => a.time - b.time);
}

function seconds(params: Params, key: string): number | undefined {
	const value = firstParam(params, key);
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed)) throw new PaperApiError('invalidArgument', 400);
	return parsed * 1000;
}

/**
 * `GET /api/charts/v1/{tick_type}/{symbol}/{resolution}`: OHLC candles with prices as strings and
 * `time` in ms. Uses the exchange's own candles when it keeps them, else the recent public trades.
 */
export function candlesFor(exchange: PaperExchange, path: Record<string, string>, params: Params): Payload {
	const { tickType, symbol, resolution } = path;
	const bucketMs = RESOLUTION_MS[resolution];
	if (!TICK_TYPES.has(tickType) || bucketMs === undefined || !exchange.isKnownSymbol(symbol)) {
		throw new PaperApiError('notFound', 404);
	}
	const source = exchange as unknown as CandleSource;
	if (typeof source.getCandles === 'function') return source.getCandles(tickType, symbol, resolution, params);
	const from = seconds(params, 'from') ?? -Infinity;
	const to = seconds(params, 'to') ?? Infinity;
	const buckets = new Map<number, Trade[]>();
	for (const trade of tradesOf(exchange.getTradeHistory({ symbol }))) {
		if (trade.time < from || trade.time > to) continue;
		const start = Math.floor(trade.time / bucketMs) * bucketMs;
		buckets.set(start, [...(buckets.get(start) ?? []), trade]);
	}
	const candles = [...buckets.entries()].map(([time, trades]) => ({
		time,
		open: String(trades[0].price),
		high: String(Math.max(...trades.map((t) => t.price))),
		low: String(Math.min(...trades.map((t) => t.price))),
		close: String(trades[trades.length - 1].price),
		volume: trades.reduce((sum, t) => sum + t.size, 0),
	}));
	return { candles: candles.slice(-MAX_CANDLES), more_candles: candles.length > MAX_CANDLES };
}
