import { initialMarginFor } from '../engine/margin';
import { pnlOf } from '../engine/pnl';
import type { Account, Fill, Order } from '../engine/types';
import type { EngineInspection } from '../exchange';
import type { Json } from './envelope';
import { BALANCE_ASSET_CLASS, WALLET_TYPES } from './unverified';

const iso = (ms: number): string => new Date(ms).toISOString();
const clean = (value: number): number => Number(value.toFixed(12));

/** The `add_order` order type of an engine order (the inverse of the request mapping). */
function wireOrderType(order: Order): string {
	const withLimit = order.limitPrice !== null;
	switch (order.orderType) {
		case 'mkt':
			return order.stopPrice === null ? 'market' : 'stop-loss';
		case 'stp':
			return withLimit ? 'stop-loss-limit' : 'stop-loss';
		case 'take_profit':
			return withLimit ? 'take-profit-limit' : 'take-profit';
		case 'trailing_stop':
			return withLimit ? 'trailing-stop-limit' : 'trailing-stop';
		default:
			return 'limit';
	}
}

function timeInForce(order: Order): string {
	if (order.orderType === 'ioc' || order.orderType === 'mkt') return 'ioc';
	return order.orderType === 'fok' ? 'fok' : 'gtc';
}

export function orderStatus(order: Order): string {
	if (order.state === 'filled') return 'filled';
	if (order.state === 'cancelled' || order.state === 'rejected') return 'canceled';
	return order.filled > 0 ? 'partially_filled' : 'new';
}

function triggersOf(order: Order, triggered: boolean): Json | undefined {
	if (order.stopPrice === null && !order.trailing) return undefined;
	const triggers: Json = { reference: order.triggerSignal, price: order.stopPrice, price_type: 'static' };
	if (order.trailing) {
		triggers.price = order.trailing.maxDeviation;
		triggers.price_type = order.trailing.unit === 'PERCENT' ? 'pct' : 'quote';
		triggers.actual_price = order.stopPrice;
	}
	triggers.status = triggered ? 'triggered' : 'untriggered';
	return triggers;
}

function averagePrice(account: Account, orderId: string): number | undefined {
	let qty = 0;
	let notional = 0;
	for (const fill of account.fills) {
		if (fill.orderId !== orderId) continue;
		qty += fill.size;
		notional += fill.size * fill.price;
	}
	return qty > 0 ? Number((notional / qty).toPrecision(12)) : undefined;
}

/** An `executions` item describing an order (any exec_type but `trade`). */
export function orderItem(
	account: Account,
	order: Order,
	execType: string,
	execId: string,
	time: number,
): Json {
	const item: Json = {
		order_id: order.orderId,
		exec_id: execId,
		exec_type: execType,
		symbol: order.symbol,
		side: order.side,
		order_type: wireOrderType(order),
		order_qty: order.quantity,
		time_in_force: timeInForce(order),
		post_only: order.orderType === 'post',
		reduce_only: order.reduceOnly,
		cum_qty: order.filled,
		order_status: orderStatus(order),
		timestamp: iso(time),
	};
	if (order.cliOrdId !== null) item.cl_ord_id = order.cliOrdId;
	if (order.limitPrice !== null) item.limit_price = order.limitPrice;
	const average = averagePrice(account, order.orderId);
	if (average !== undefined) item.avg_price = average;
	const triggers = triggersOf(order, execType === 'status');
	if (triggers !== undefined) item.triggers = triggers;
	return item;
}

/** An `executions` trade item: one fill, with the order's state after it when the order is still known. */
export function tradeItem(account: Account, fill: Fill, order: Order | undefined, inverse: boolean): Json {
	const item: Json = order
		? orderItem(account, order, 'trade', fill.fillId, fill.time)
		: {
				order_id: fill.orderId,
				exec_id: fill.fillId,
				exec_type: 'trade',
				symbol: fill.symbol,
				side: fill.side,
			};
	const cumQty = order ? clean(order.quantity - fill.remainingOrderQty) : undefined;
	Object.assign(item, {
		exec_type: 'trade',
		last_qty: fill.size,
		last_price: fill.price,
		liquidity_ind: fill.fillType === 'maker' ? 'm' : 't',
		cost: clean(inverse ? fill.size : fill.size * fill.price),
		fees: [{ asset: fill.feeCurrency, qty: fill.fee }],
		timestamp: iso(fill.time),
	});
	if (fill.cliOrdId !== null) item.cl_ord_id = fill.cliOrdId;
	if (cumQty !== undefined) {
		item.cum_qty = cumQty;
		item.order_status = fill.remainingOrderQty <= 1e-12 ? 'filled' : 'partially_filled';
	}
	return item;
}

/** Finds an open or recently closed order. */
export function findOrder(account: Account, orderId: string): Order | undefined {
	return account.orders.get(orderId) ?? account.closedOrders.find((order) => order.orderId === orderId);
}

/**
 * `positions` futures items (`size` signed; 0 reports a closed position), all open positions unless `symbols`
 * names some; `withMargin` adds the margin figures (`with_margin: true`).
 */
export function positionItems(
	account: Account,
	engine: EngineInspection,
	options: { symbols?: Iterable<string>; withMargin?: boolean } = {},
): Json[] {
	const wanted = options.symbols === undefined ? [...account.positions.keys()] : [...options.symbols];
	return wanted.map((symbol) => {
		const position = account.positions.get(symbol);
		const market = engine.market(symbol);
		const size = position?.size ?? 0;
		const item: Json = {
			symbol,
			side: size > 0 ? 'long' : size < 0 ? 'short' : 'flat',
			size,
			entry_price: position?.entryPrice ?? 0,
			mark_price: market?.markPrice ?? 0,
			unrealized_pnl:
				position && market ? pnlOf(market.spec.family, size, position.entryPrice, market.markPrice) : 0,
			unrealized_funding: position?.unrealizedFunding ?? 0,
			timestamp: iso(position?.fillTime ?? engine.current()),
		};
		if (options.withMargin === true && market !== undefined) {
			const initial = initialMarginFor(account, market.spec, size, market.markPrice);
			// The paper engine's maintenance margin is half the initial one, as on its v1 feed.
			Object.assign(item, { initial_margin: initial, maintenance_margin: initial / 2 });
		}
		return item;
	});
}

/** `balances` snapshot items (Spot v2 shape): one per asset, with the wallets holding it. */
export function balanceItems(account: Account): Json[] {
	const assets = new Map<string, Json[]>();
	const add = (asset: string, wallet: Json): void => {
		assets.set(asset, [...(assets.get(asset) ?? []), wallet]);
	};
	add('USD', { type: WALLET_TYPES.flex, id: 'flex', balance: account.flexCollateral.USD ?? 0 });
	for (const [key, balance] of Object.entries(account.coinWallets)) {
		add(key.slice(3, -3).toUpperCase(), { type: WALLET_TYPES.single, id: key, balance });
	}
	for (const [coin, balance] of Object.entries(account.cash)) {
		if (balance !== 0) add(coin.toUpperCase(), { type: 'spot', id: 'main', balance });
	}
	return [...assets.entries()].map(([asset, wallets]) => ({
		asset,
		asset_class: BALANCE_ASSET_CLASS,
		balance: clean(wallets.reduce((sum, wallet) => sum + (wallet.balance as number), 0)),
		wallets,
	}));
}

/** A ledger entry (the engine's account-log row) as a `ledgers` item; derivatives detail kept under its own names. */
export function ledgerItem(entry: Json): Json {
	const isCurrency = isCurrencyEntry(entry);
	const wallet = String(entry.margin_account);
	const item: Json = {
		ledger_id: String(entry.booking_uid),
		ref_id: String(entry.execution ?? entry.booking_uid),
		timestamp: String(entry.date),
		type: entry.info === 'funding rate change' ? 'funding' : 'trade',
		asset: String(entry.asset).toUpperCase(),
		asset_class: isCurrency ? BALANCE_ASSET_CLASS : 'derivatives',
		wallet_type: wallet === 'flex' ? WALLET_TYPES.flex : WALLET_TYPES.single,
		wallet_id: wallet,
		amount: clean(Number(entry.new_balance) - Number(entry.old_balance)),
		fee: entry.fee ?? 0,
		balance: entry.new_balance,
	};
	for (const key of ['trade_price', 'mark_price', 'realized_pnl', 'realized_funding', 'funding_rate']) {
		if (entry[key] !== null && entry[key] !== undefined) item[key] = entry[key];
	}
	if (entry.contract !== null) item.symbol = String(entry.contract).toUpperCase();
	if (entry.new_average_entry_price !== null) {
		item.old_average_entry_price = entry.old_average_entry_price;
		item.new_average_entry_price = entry.new_average_entry_price;
	}
	return item;
}

/** Whether a ledger entry moves a currency balance (the `balances` channel), not a position size. */
export function isCurrencyEntry(entry: Json): boolean {
	return entry.contract === null || entry.asset !== entry.contract;
}

/** `margin` messages: legacy v1 `flex_futures` (multi_collateral) and `futures` (single_collateral) structures. */
export function marginSections(balances: Json): { multi: Json; single: Json } {
	return { multi: (balances.flex_futures as Json) ?? {}, single: (balances.futures as Json) ?? {} };
}
