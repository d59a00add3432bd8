import type { WsFeedMessage } from '../../ws/types';
import { TICKER_FIELD as F } from '../unverified';
import { asItem, numberAt, textAt, timeAt } from './read';

/**
 * A Unified WebSocket `ticker` item as the v1 `ticker` (or `ticker_lite`) message the nodes read
 * (`product_id`, `bid`, `bid_size`, `markPrice`, `funding_rate`, `next_funding_rate_time` in epoch
 * ms, …). Derivatives extras (mark, index, open interest, funding) are unverified on the wire: each
 * is copied only when present, and the wire item stays whole in `raw`.
 *
 * Every tick passes here on its way to a trading decision, so each field is written by name, one
 * statement each: the engine then builds every message along one path of shapes, where a loop
 * over field names would make each write a generic (much slower) one.
 */
export function tickerMessage(value: unknown, feed = 'ticker'): WsFeedMessage | undefined {
	const item = asItem(value);
	const symbol = item && textAt(item, F.symbol);
	if (!item || !symbol) return undefined;
	const m: WsFeedMessage = { feed, product_id: symbol };
	const time = timeAt(item, F.timestamp);
	if (time !== undefined) m.time = time;
	const bid = numberAt(item, F.bid);
	if (bid !== undefined) m.bid = bid;
	const ask = numberAt(item, F.ask);
	if (ask !== undefined) m.ask = ask;
	const bidSize = numberAt(item, F.bidQty);
	if (bidSize !== undefined) m.bid_size = bidSize;
	const askSize = numberAt(item, F.askQty);
	if (askSize !== undefined) m.ask_size = askSize;
	const last = numberAt(item, F.last);
	if (last !== undefined) m.last = last;
	const volume = numberAt(item, F.volume);
	if (volume !== undefined) m.volume = volume;
	const vwap = numberAt(item, F.vwap);
	if (vwap !== undefined) m.vwap = vwap;
	const high = numberAt(item, F.high);
	if (high !== undefined) m.high = high;
	const low = numberAt(item, F.low);
	if (low !== undefined) m.low = low;
	// v1 `change` is the 24 h change in percent, which Spot v2 calls `change_pct`.
	const change = numberAt(item, F.changePct);
	if (change !== undefined) m.change = change;
	const markPrice = numberAt(item, F.markPrice);
	if (markPrice !== undefined) m.markPrice = markPrice;
	const index = numberAt(item, F.indexPrice);
	if (index !== undefined) m.index = index;
	const openInterest = numberAt(item, F.openInterest);
	if (openInterest !== undefined) m.openInterest = openInterest;
	const fundingRate = numberAt(item, F.fundingRate);
	if (fundingRate !== undefined) m.funding_rate = fundingRate;
	const prediction = numberAt(item, F.fundingRatePrediction);
	if (prediction !== undefined) m.funding_rate_prediction = prediction;
	const nextFunding = timeAt(item, F.nextFundingTime);
	if (nextFunding !== undefined) m.next_funding_rate_time = nextFunding;
	m.raw = item;
	return m;
}
