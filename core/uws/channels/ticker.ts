import type { WsFeedMessage } from '../../ws/types';
import { TICKER_FIELD as F } from '../unverified';
import { asItem, numberAt, textAt, timeAt, withDefined } from './read';

/**
 * A Unified WebSocket `ticker` item as the v1 `ticker` message the nodes read (`product_id`,
 * `bid`, `bid_size`, `markPrice`, `funding_rate`, `next_funding_rate_time` in epoch ms, …).
 * Derivatives extras (mark, index, open interest, funding) are unverified on the wire: each is
 * copied only when present, and the wire item stays whole in `raw`.
 */
export function tickerMessage(value: unknown): WsFeedMessage | undefined {
	const item = asItem(value);
	const symbol = item && textAt(item, F.symbol);
	if (!item || !symbol) return undefined;
	return withDefined<WsFeedMessage>(
		{ feed: 'ticker', product_id: symbol },
		{
			time: timeAt(item, F.timestamp),
			bid: numberAt(item, F.bid),
			ask: numberAt(item, F.ask),
			bid_size: numberAt(item, F.bidQty),
			ask_size: numberAt(item, F.askQty),
			last: numberAt(item, F.last),
			volume: numberAt(item, F.volume),
			vwap: numberAt(item, F.vwap),
			high: numberAt(item, F.high),
			low: numberAt(item, F.low),
			// v1 `change` is the 24 h change in percent, which Spot v2 calls `change_pct`.
			change: numberAt(item, F.changePct),
			markPrice: numberAt(item, F.markPrice),
			index: numberAt(item, F.indexPrice),
			openInterest: numberAt(item, F.openInterest),
			funding_rate: numberAt(item, F.fundingRate),
			funding_rate_prediction: numberAt(item, F.fundingRatePrediction),
			next_funding_rate_time: timeAt(item, F.nextFundingTime),
			raw: item,
		},
	);
}
