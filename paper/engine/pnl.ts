import type { ContractFamily } from '../instruments';

/** Profit of `size` contracts (signed) from `entry` to `exit`: quote currency for linear, coin for inverse. */
export function pnlOf(family: ContractFamily, size: number, entry: number, exit: number): number {
	if (size === 0 || entry <= 0 || exit <= 0) return 0;
	return family === 'inverse' ? size * (1 / entry - 1 / exit) : size * (exit - entry);
}

export interface PositionChange {
	newSize: number;
	newEntry: number;
	realizedPnl: number;
	/** How much of the fill reduced the old position. */
	closedQty: number;
}

/**
 * Applies a fill of `signedQty` at `price` to a position. Adding averages the entry (arithmetically for
 * linear, harmonically for inverse, so that PnL stays additive); reducing realises PnL on the closed part;
 * crossing zero opens the remainder at the fill price.
 */
export function applyToPosition(
	family: ContractFamily,
	size: number,
	entry: number,
	signedQty: number,
	price: number,
	step: number,
): PositionChange {
	const round = (value: number) => Number((Math.round(value / step) * step).toFixed(12));
	const newSize = round(size + signedQty);
	if (size === 0 || Math.sign(size) === Math.sign(signedQty)) {
		const total = Math.abs(size) + Math.abs(signedQty);
		const newEntry =
			family === 'inverse'
				? total / (Math.abs(size) / (entry || price) + Math.abs(signedQty) / price)
				: (Math.abs(size) * entry + Math.abs(signedQty) * price) / total;
		return { newSize, newEntry, realizedPnl: 0, closedQty: 0 };
	}
	const closedQty = Math.min(Math.abs(size), Math.abs(signedQty));
	const realizedPnl = pnlOf(family, Math.sign(size) * closedQty, entry, price);
	let newEntry = entry;
	if (newSize === 0) newEntry = 0;
	else if (Math.sign(newSize) !== Math.sign(size)) newEntry = price;
	return { newSize, newEntry, realizedPnl, closedQty };
}
