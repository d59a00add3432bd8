import { KrakenValidationError } from './errors';

/**
 * Limits an operator puts on an order node, typically before letting an AI agent or a webhook
 * place orders. They are checked before anything is sent; a violated guard sends nothing.
 */
export interface OrderGuards {
	/** Largest `size` one order may have, in the instrument's contract units. */
	maxSize?: number;
	/** Largest notional value one order may have, in the quote currency (USD for every listed contract). */
	maxNotional?: number;
	/** Symbols the node may trade; empty or absent means any. Case-insensitive. */
	allowedSymbols?: string[];
	/** Only orders that reduce a position may pass. */
	reduceOnly?: boolean;
}

export interface GuardedOrder {
	symbol: string;
	size: number;
	reduceOnly?: boolean;
	limitPrice?: number;
	stopPrice?: number;
}

/** Inverse contracts (PI_, FI_) are 1 USD each, so their size already is the notional. */
export function isInverseSymbol(symbol: string): boolean {
	return /^(PI|FI)_/i.test(symbol);
}

/**
 * Notional in USD: inverse contracts are worth 1 USD each; linear contracts are `size` coins at
 * the order's own price, or `referencePrice` (the mark price) for market and trailing orders.
 */
export function orderNotional(order: GuardedOrder, referencePrice?: number): number | undefined {
	if (isInverseSymbol(order.symbol)) return order.size;
	const price = order.limitPrice ?? order.stopPrice ?? referencePrice;
	return price === undefined ? undefined : Math.abs(order.size * price);
}

function isSet(limit: number | undefined): limit is number {
	return typeof limit === 'number' && Number.isFinite(limit) && limit > 0;
}

/** Throws `KrakenValidationError` naming the field of the first guard the order violates. */
export function checkOrderGuards(order: GuardedOrder, guards: OrderGuards, referencePrice?: number): void {
	const allowed = (guards.allowedSymbols ?? []).map((symbol) => symbol.trim().toUpperCase()).filter(Boolean);
	if (allowed.length > 0 && !allowed.includes(order.symbol.toUpperCase())) {
		throw new KrakenValidationError(
			'symbol',
			`${order.symbol} is not in this node's allowed symbols (${allowed.join(', ')})`,
		);
	}
	if (guards.reduceOnly === true && order.reduceOnly !== true) {
		throw new KrakenValidationError(
			'reduceOnly',
			'this node only places reduce-only orders; set reduceOnly to true',
		);
	}
	if (isSet(guards.maxSize) && order.size > guards.maxSize) {
		throw new KrakenValidationError(
			'size',
			`${order.size} is above this node's maximum size of ${guards.maxSize}`,
		);
	}
	if (isSet(guards.maxNotional)) {
		const notional = orderNotional(order, referencePrice);
		if (notional === undefined) {
			throw new KrakenValidationError(
				'limitPrice',
				'the notional value cannot be checked against the maximum notional without a price',
			);
		}
		if (notional > guards.maxNotional) {
			throw new KrakenValidationError(
				'size',
				`notional ${notional.toFixed(2)} USD is above this node's maximum notional of ${guards.maxNotional} USD`,
			);
		}
	}
}
