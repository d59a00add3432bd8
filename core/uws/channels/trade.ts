import type { WsFeedMessage } from '../../ws/types';
import { TRADE_FIELD as F } from '../unverified';
import { asItem, numberAt, textAt, timeAt, withDefined, type WireItem } from './read';

function tradeOf(item: WireItem): WsFeedMessage | undefined {
	const symbol = textAt(item, F.symbol);
	if (!symbol) return undefined;
	const tradeId = item[F.tradeId.name];
	return withDefined<WsFeedMessage>(
		{ feed: 'trade', product_id: symbol },
		{
			uid: textAt(item, F.tradeId),
			// UWS trade ids are documented as sequential, which is what v1 `seq` was for.
			seq: typeof tradeId === 'number' ? tradeId : undefined,
			side: textAt(item, F.side),
			time: timeAt(item, F.timestamp),
			qty: numberAt(item, F.qty),
			price: numberAt(item, F.price),
			ord_type: textAt(item, F.ordType),
			raw: item,
		},
	);
}

/**
 * Unified WebSocket `trade` items as v1 messages: an update becomes one `trade` message per
 * trade; a snapshot becomes one `trade_snapshot` per symbol with its `trades`. An empty snapshot
 * (a market without trades yet) names no symbol: it is the `trade_snapshot` of `subscribed`, the
 * symbol of the subscription it came to, with no trades.
 */
export function tradeMessages(data: unknown[], isSnapshot: boolean, subscribed?: string): WsFeedMessage[] {
	const trades = data
		.map(asItem)
		.filter((item): item is WireItem => item !== undefined)
		.map(tradeOf)
		.filter((trade): trade is WsFeedMessage => trade !== undefined);
	if (!isSnapshot) return trades;
	const bySymbol = new Map<string, WsFeedMessage[]>();
	if (data.length === 0 && subscribed !== undefined) bySymbol.set(subscribed, []);
	for (const trade of trades) {
		const symbol = String(trade.product_id);
		bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), trade]);
	}
	return [...bySymbol].map(([symbol, list]) => ({
		feed: 'trade_snapshot',
		product_id: symbol,
		trades: list,
	}));
}
