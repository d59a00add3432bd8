import { isInverseSymbol, toNumber, type OpenPosition, type Ticker } from '../../core';

/** An open position with its mark price and unrealized profit and loss. */
export interface PositionWithPnl extends OpenPosition {
	markPrice: number | null;
	/** At the mark price: quote currency (USD) for linear contracts, the base coin for inverse ones. */
	unrealizedPnl: number | null;
	pnlUnit: string;
}

/** XBT for PI_XBTUSD, USD for PF_XBTUSD: the currency an inverse or linear contract's PnL is in. */
function pnlUnitOf(symbol: string): string {
	if (!isInverseSymbol(symbol)) return 'USD';
	const match = /^(?:PI|FI)_([A-Z]+?)USD/i.exec(symbol);
	return match ? match[1].toUpperCase() : 'base';
}

/**
 * Unrealized PnL at the mark price. Linear (PF_/FF_, size in coins): size × (mark − entry).
 * Inverse (PI_/FI_, size in 1-USD contracts): size × (1/entry − 1/mark), in the base coin.
 * Shorts take the opposite sign.
 */
export function unrealizedPnl(
	symbol: string,
	side: string,
	size: number,
	entry: number,
	mark: number,
): number {
	const signed = (side === 'short' ? -1 : 1) * Math.abs(size);
	if (isInverseSymbol(symbol)) return signed * (1 / entry - 1 / mark);
	return signed * (mark - entry);
}

/** Adds mark price and unrealized PnL from a tickers list to each position. */
export function withPnl(positions: readonly OpenPosition[], tickers: readonly Ticker[]): PositionWithPnl[] {
	const marks = new Map(tickers.map((ticker) => [ticker.symbol.toUpperCase(), toNumber(ticker.markPrice)]));
	return positions.map((position) => {
		const mark = marks.get(position.symbol.toUpperCase());
		const size = toNumber(position.size);
		const entry = toNumber(position.price);
		const pnl =
			mark !== undefined && size !== undefined && entry !== undefined && entry > 0 && mark > 0
				? unrealizedPnl(position.symbol, position.side, size, entry, mark)
				: null;
		return { ...position, markPrice: mark ?? null, unrealizedPnl: pnl, pnlUnit: pnlUnitOf(position.symbol) };
	});
}
