import type { WsFeedMessage } from '../../ws/types';
import { TICKER_FIELD as F, type WireName } from '../unverified';
import { asItem, numberAt, textAt, timeAt } from './read';

/** v1 message key → UWS wire name, for every numeric ticker field, in the order they are written. */
const NUMBER_FIELDS: readonly (readonly [string, WireName])[] = [
	['bid', F.bid],
	['ask', F.ask],
	['bid_size', F.bidQty],
	['ask_size', F.askQty],
	['last', F.last],
	['volume', F.volume],
	['vwap', F.vwap],
	['high', F.high],
	['low', F.low],
	// v1 `change` is the 24 h change in percent, which Spot v2 calls `change_pct`.
	['change', F.changePct],
	['markPrice', F.markPrice],
	['index', F.indexPrice],
	['openInterest', F.openInterest],
	['funding_rate', F.fundingRate],
	['funding_rate_prediction', F.fundingRatePrediction],
];

/**
 * A Unified WebSocket `ticker` item as the v1 `ticker` (or `ticker_lite`) message the nodes read
 * (`product_id`, `bid`, `bid_size`, `markPrice`, `funding_rate`, `next_funding_rate_time` in epoch
 * ms, …). Derivatives extras (mark, index, open interest, funding) are unverified on the wire: each
 * is copied only when present, and the wire item stays whole in `raw`. Written field by field into
 * one object: this runs for every tick on the way to a trading decision.
 */
export function tickerMessage(value: unknown, feed = 'ticker'): WsFeedMessage | undefined {
	const item = asItem(value);
	const symbol = item && textAt(item, F.symbol);
	if (!item || !symbol) return undefined;
	const message: WsFeedMessage = { feed, product_id: symbol };
	const time = timeAt(item, F.timestamp);
	if (time !== undefined) message.time = time;
	for (const [key, wire] of NUMBER_FIELDS) {
		const number = numberAt(item, wire);
		if (number !== undefined) message[key] = number;
	}
	const nextFunding = timeAt(item, F.nextFundingTime);
	if (nextFunding !== undefined) message.next_funding_rate_time = nextFunding;
	message.raw = item;
	return message;
}
