import { KrakenTimeoutError } from '../../errors';
import type { OrderBookResponse, Ticker, TickerResponse, TradeHistoryResponse } from '../../rest/types';
import { isRecord, readNumber, readText, setDefined, type WireRecord } from '../channels/read-fields';
import {
	BOOK_FIELD as B,
	TICKER_FIELD as TF,
	TRADE_FIELD as TR,
	UWS_CHANNEL,
	type WireName,
} from '../unverified';
import type { FeedSession } from './account-feeds';

/**
 * One-off public reads (a ticker, a book, the latest trades) as the legacy REST responses: a
 * subscription on the public socket, its snapshot, and an unsubscribe. Of a market the session
 * already streams, the session hands the read a snapshot of the stream's current state (see
 * channel-memory.ts), and the unsubscribe drops only the read's own listener. Every wire field stays
 * in `raw`; a derivatives field Kraken does not send (funding, mark, index) is simply absent.
 */

async function snapshotOf(
	session: Pick<FeedSession, 'subscribe'>,
	spec: { channel: string; symbol?: string; params?: Record<string, unknown> },
	timeoutMs: number,
	symbol = spec.symbol,
): Promise<WireRecord[]> {
	let subscription: { unsubscribe(): void } | undefined;
	let timer: NodeJS.Timeout | undefined;
	try {
		return await new Promise<WireRecord[]>((resolve, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new KrakenTimeoutError(
							`no ${spec.channel} snapshot for ${symbol} from Kraken's Unified WebSocket within ${timeoutMs} ms`,
						),
					),
				timeoutMs,
			);
			subscription = session.subscribe(spec, (push) => {
				if (push.type === 'snapshot') resolve(push.data.filter(isRecord));
			});
		});
	} finally {
		clearTimeout(timer);
		subscription?.unsubscribe();
	}
}

const TICKER_NAMES: [string, WireName][] = [
	['last', TF.last],
	['bid', TF.bid],
	['bidSize', TF.bidQty],
	['ask', TF.ask],
	['askSize', TF.askQty],
	['vol24h', TF.volume],
	['high24h', TF.high],
	['low24h', TF.low],
	['change24h', TF.changePct],
	['markPrice', TF.markPrice],
	['indexPrice', TF.indexPrice],
	['openInterest', TF.openInterest],
	['fundingRate', TF.fundingRate],
	['fundingRatePrediction', TF.fundingRatePrediction],
];

export function toTicker(item: WireRecord, symbol: string): Ticker & { raw: WireRecord } {
	const ticker: Ticker & { raw: WireRecord } = { symbol: readText(item, TF.symbol) ?? symbol, raw: item };
	for (const [legacy, wire] of TICKER_NAMES) setDefined(ticker, legacy, readNumber(item, wire));
	setDefined(ticker, 'nextFundingRateTime', readText(item, TF.nextFundingTime));
	setDefined(ticker, 'lastTime', readText(item, TF.timestamp));
	return ticker;
}

export async function readTicker(
	session: Pick<FeedSession, 'subscribe'>,
	symbol: string,
	timeoutMs: number,
): Promise<TickerResponse> {
	const items = await snapshotOf(session, { channel: UWS_CHANNEL.ticker.name, symbol }, timeoutMs);
	return { result: 'success', ticker: toTicker(items[0] ?? {}, symbol) };
}

function levels(item: WireRecord, side: WireName): [number, number][] {
	const list = item[side.name];
	if (!Array.isArray(list)) return [];
	return list
		.filter(isRecord)
		.map((level) => [readNumber(level, B.price) ?? 0, readNumber(level, B.qty) ?? 0]);
}

export async function readOrderBook(
	session: Pick<FeedSession, 'subscribe'>,
	symbol: string,
	timeoutMs: number,
): Promise<OrderBookResponse & { raw: WireRecord }> {
	const [item = {}] = await snapshotOf(session, { channel: UWS_CHANNEL.book.name, symbol }, timeoutMs);
	return {
		result: 'success',
		orderBook: { bids: levels(item, B.bids), asks: levels(item, B.asks) },
		raw: item,
	};
}

/**
 * The trade channel's snapshot: the last 50 public trades, newest first as legacy `history`. A
 * market without trades answers an empty snapshot, which the session hands to this subscription.
 */
export async function readTrades(
	session: Pick<FeedSession, 'subscribe'>,
	symbol: string,
	timeoutMs: number,
): Promise<TradeHistoryResponse> {
	const items = await snapshotOf(
		session,
		{ channel: UWS_CHANNEL.trade.name, symbol, params: { snapshot: true } },
		timeoutMs,
	);
	const history = items.map((item) => {
		const trade: TradeHistoryResponse['history'][number] & { raw: WireRecord } = {
			time: readText(item, TR.timestamp) ?? '',
			price: readNumber(item, TR.price) ?? 0,
			size: readNumber(item, TR.qty) ?? 0,
			raw: item,
		};
		setDefined(trade, 'trade_id', readNumber(item, TR.tradeId));
		setDefined(trade, 'side', readText(item, TR.side));
		setDefined(trade, 'type', readText(item, TR.ordType));
		return trade;
	});
	return { result: 'success', history: history.sort((a, b) => Date.parse(b.time) - Date.parse(a.time)) };
}
