import type { WsFeedMessage } from '../../ws/types';
import { toNumber } from '../../numbers';
import { TICKER_FIELD as F } from '../unverified';
import { asItem, textAt, timeAt } from './read';

/** The wire names, looked up once. */
const BID = F.bid.name;
const ASK = F.ask.name;
const BID_QTY = F.bidQty.name;
const ASK_QTY = F.askQty.name;
const LAST = F.last.name;
const VOLUME = F.volume.name;
const VWAP = F.vwap.name;
const HIGH = F.high.name;
const LOW = F.low.name;
const CHANGE_PCT = F.changePct.name;
const MARK_PRICE = F.markPrice.name;
const INDEX_PRICE = F.indexPrice.name;
const OPEN_INTEREST = F.openInterest.name;
const FUNDING_RATE = F.fundingRate.name;
const FUNDING_RATE_PREDICTION = F.fundingRatePrediction.name;

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
	const bid = toNumber(item[BID]);
	if (bid !== undefined) m.bid = bid;
	const ask = toNumber(item[ASK]);
	if (ask !== undefined) m.ask = ask;
	const bidSize = toNumber(item[BID_QTY]);
	if (bidSize !== undefined) m.bid_size = bidSize;
	const askSize = toNumber(item[ASK_QTY]);
	if (askSize !== undefined) m.ask_size = askSize;
	const last = toNumber(item[LAST]);
	if (last !== undefined) m.last = last;
	const volume = toNumber(item[VOLUME]);
	if (volume !== undefined) m.volume = volume;
	const vwap = toNumber(item[VWAP]);
	if (vwap !== undefined) m.vwap = vwap;
	const high = toNumber(item[HIGH]);
	if (high !== undefined) m.high = high;
	const low = toNumber(item[LOW]);
	if (low !== undefined) m.low = low;
	// v1 `change` is the 24 h change in percent, which Spot v2 calls `change_pct`.
	const change = toNumber(item[CHANGE_PCT]);
	if (change !== undefined) m.change = change;
	const markPrice = toNumber(item[MARK_PRICE]);
	if (markPrice !== undefined) m.markPrice = markPrice;
	const index = toNumber(item[INDEX_PRICE]);
	if (index !== undefined) m.index = index;
	const openInterest = toNumber(item[OPEN_INTEREST]);
	if (openInterest !== undefined) m.openInterest = openInterest;
	const fundingRate = toNumber(item[FUNDING_RATE]);
	if (fundingRate !== undefined) m.funding_rate = fundingRate;
	const prediction = toNumber(item[FUNDING_RATE_PREDICTION]);
	if (prediction !== undefined) m.funding_rate_prediction = prediction;
	const nextFunding = timeAt(item, F.nextFundingTime);
	if (nextFunding !== undefined) m.next_funding_rate_time = nextFunding;
	m.raw = item;
	return m;
}
