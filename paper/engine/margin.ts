import type { InstrumentSpec } from '../instruments';
import { marginAccountOf, marginLevelFor } from '../instruments';
import type { InstrumentMarket } from '../market/instrument-market';
import { pnlOf } from './pnl';
import type { Account, Order } from './types';

export type MarketLookup = (symbol: string) => InstrumentMarket;

export interface WalletSummary {
	/** `flex` (USD) or a single-collateral wallet such as `fi_xbtusd` (its coin). */
	key: string;
	balance: number;
	pnl: number;
	unrealizedFunding: number;
	initialMargin: number;
	initialMarginWithOrders: number;
	maintenanceMargin: number;
	/** Equity minus initial margin including open orders: what new orders can use. */
	available: number;
	portfolioValue: number;
}

/** Margin units: USD for linear, coin for inverse. */
function notional(spec: InstrumentSpec, size: number, price: number): number {
	return spec.family === 'inverse' ? Math.abs(size) / price : Math.abs(size) * price;
}

export function initialMarginFraction(
	account: Account,
	spec: InstrumentSpec,
	size: number,
	price: number,
): number {
	const exposure = spec.family === 'inverse' ? Math.abs(size) : Math.abs(size) * price;
	const level = marginLevelFor(spec, exposure).initialMargin;
	const maxLeverage = account.leverage.get(spec.symbol);
	return maxLeverage ? Math.max(level, 1 / maxLeverage) : level;
}

export function initialMarginFor(
	account: Account,
	spec: InstrumentSpec,
	size: number,
	price: number,
): number {
	return notional(spec, size, price) * initialMarginFraction(account, spec, size, price);
}

function maintenanceMarginFor(spec: InstrumentSpec, size: number, price: number): number {
	const exposure = spec.family === 'inverse' ? Math.abs(size) : Math.abs(size) * price;
	return notional(spec, size, price) * marginLevelFor(spec, exposure).maintenanceMargin;
}

export function orderReferencePrice(order: Order, market: InstrumentMarket): number {
	return order.limitPrice ?? order.stopPrice ?? market.markPrice;
}

export function summarizeWallet(account: Account, key: string, lookup: MarketLookup): WalletSummary {
	const balance = key === 'flex' ? (account.flexCollateral.USD ?? 0) : (account.coinWallets[key] ?? 0);
	let pnl = 0;
	let unrealizedFunding = 0;
	let initialMargin = 0;
	let maintenanceMargin = 0;
	for (const position of account.positions.values()) {
		const market = lookup(position.symbol);
		if (marginAccountOf(market.spec) !== key) continue;
		pnl += pnlOf(market.spec.family, position.size, position.entryPrice, market.markPrice);
		unrealizedFunding += position.unrealizedFunding;
		initialMargin += initialMarginFor(account, market.spec, position.size, market.markPrice);
		maintenanceMargin += maintenanceMarginFor(market.spec, position.size, market.markPrice);
	}
	let orderMargin = 0;
	for (const order of account.orders.values()) {
		const market = lookup(order.symbol);
		if (marginAccountOf(market.spec) !== key || order.reduceOnly) continue;
		const remaining = order.quantity - order.filled;
		orderMargin += initialMarginFor(account, market.spec, remaining, orderReferencePrice(order, market));
	}
	const portfolioValue = balance + pnl + unrealizedFunding;
	const initialMarginWithOrders = initialMargin + orderMargin;
	return {
		key,
		balance,
		pnl,
		unrealizedFunding,
		initialMargin,
		initialMarginWithOrders,
		maintenanceMargin,
		available: portfolioValue - initialMarginWithOrders,
		portfolioValue,
	};
}
