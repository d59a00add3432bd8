import type { InstrumentSpec } from '../instruments';
import type { InstrumentMarket } from '../market/instrument-market';
import type { SyntheticMarket } from '../market/market';
import type { IdSource } from '../random';
import type { Account } from './types';

/** What the engine modules share: the clock, id source, market and event sink. */
export interface EngineContext {
	now(): number;
	ids: IdSource;
	market: SyntheticMarket;
	accounts: Map<string, Account>;
	emit(event: string, ...args: unknown[]): void;
	/** Accounts whose balances changed since the last `balances` event. */
	dirty: Set<string>;
}

export function marketOf(context: EngineContext, symbol: string): InstrumentMarket {
	const market = context.market.get(symbol);
	if (!market) throw new Error(`unknown symbol ${symbol}`);
	return market;
}

export function specOf(context: EngineContext, symbol: string): InstrumentSpec {
	return marketOf(context, symbol).spec;
}

export const TAKER_FEE = 0.0005;
export const MAKER_FEE = 0.0002;
