import { marginAccountOf, roundToStep, settlementCurrency, sizeStep } from '../instruments';
import { takeLiquidity } from '../market/book';
import type { InstrumentMarket } from '../market/instrument-market';
import type { EngineContext } from './context';
import { marketOf } from './context';
import { historyOrder, orderEventElement } from './history';
import { appendLog, bookExecution, creditCollateral } from './ledger';
import { afterExecution, closeCancelled, rememberClosed, restOrder } from './order-book';
import { isTriggerType } from './order-params';
import { executeAsTaker, protectedMarketPrice, signalPrice, trailingStopPrice } from './placement';
import type { Account, Order } from './types';
import { triggerSide } from './views';

/** A resting limit order fills, as maker at its price, when the synthetic market trades through it. */
function fillResting(
	context: EngineContext,
	account: Account,
	order: Order,
	market: InstrumentMarket,
): boolean {
	const limit = order.limitPrice;
	if (limit === null) return false;
	const step = sizeStep(market.spec);
	const remaining = roundToStep(order.quantity - order.filled, step);
	const taken = takeLiquidity(market.book, order.side, remaining, limit, step);
	const qty = roundToStep(
		taken.reduce((sum, level) => sum + level.qty, 0),
		step,
	);
	if (qty <= 0) return false;
	bookExecution(context, account, order, qty, limit, 'maker');
	afterExecution(context, account, order, true);
	return true;
}

/** Moves a trailing stop's trigger price with the best signal price seen so far. */
function trailStop(order: Order, market: InstrumentMarket, signal: number): void {
	const trailing = order.trailing;
	if (!trailing) return;
	trailing.extreme =
		order.side === 'sell' ? Math.max(trailing.extreme, signal) : Math.min(trailing.extreme, signal);
	order.stopPrice = trailingStopPrice(order, market.spec.tickSize);
}

function triggered(order: Order, signal: number): boolean {
	if (order.stopPrice === null) return false;
	return triggerSide(order) === 'trigger_above' ? signal >= order.stopPrice : signal <= order.stopPrice;
}

/** A fired trigger leaves the book and comes back as a limit order (with a limit price) or a market order. */
function fireTrigger(context: EngineContext, account: Account, order: Order, market: InstrumentMarket): void {
	const time = context.now();
	account.orders.delete(order.orderId);
	context.emit('openOrder', account.id, {
		order_id: order.orderId,
		is_cancel: true,
		reason: 'stop_order_triggered',
	});
	account.orderHistory.push(
		orderEventElement(context.ids.uuid(), time, 'OrderTriggerActivated', { order: historyOrder(order) }),
	);
	if (order.reduceOnly) {
		const position = account.positions.get(order.symbol)?.size ?? 0;
		const reducible = position !== 0 && position > 0 === (order.side === 'sell') ? Math.abs(position) : 0;
		if (reducible === 0) {
			closeCancelled(context, account, order, 'would_not_reduce_position');
			return;
		}
		order.quantity = Math.min(order.quantity, order.filled + reducible);
	}
	order.orderType = order.limitPrice === null ? 'mkt' : 'lmt';
	order.lastUpdateTime = time;
	const worst = order.limitPrice ?? protectedMarketPrice(market, order.side);
	const executions = executeAsTaker(context, account, order, worst);
	if (executions.length > 0) afterExecution(context, account, order, false);
	if (order.state !== 'open') return;
	if (order.orderType === 'lmt') restOrder(context, account, order, 'limit_order_from_stop');
	else {
		order.state = 'cancelled';
		order.closedTime = time;
		rememberClosed(account, order);
	}
}

/** After each market step: triggers are checked, then resting limit orders the market reached are filled. */
export function matchAfterStep(context: EngineContext): void {
	for (const account of context.accounts.values()) {
		for (const order of [...account.orders.values()]) {
			if (!account.orders.has(order.orderId)) continue;
			const market = marketOf(context, order.symbol);
			if (market.suspended) continue;
			if (isTriggerType(order.orderType)) {
				const signal = signalPrice(market, order);
				trailStop(order, market, signal);
				if (triggered(order, signal)) fireTrigger(context, account, order, market);
			} else fillResting(context, account, order, market);
		}
	}
}

/**
 * Hourly funding: each perpetual position pays (long, positive rate) or receives the absolute
 * rate times its size, booked to its wallet with a `funding rate change` log row.
 */
export function chargeFunding(context: EngineContext): void {
	for (const account of context.accounts.values()) {
		let changed = false;
		for (const position of account.positions.values()) {
			const market = marketOf(context, position.symbol);
			if (!market.spec.perpetual) continue;
			const rate = market.fundingRate;
			const realized = -position.size * rate;
			const wallet = marginAccountOf(market.spec);
			const [oldBalance, newBalance] = creditCollateral(account, wallet, realized);
			appendLog(context, account, {
				asset: settlementCurrency(market.spec),
				info: 'funding rate change',
				booking_uid: context.ids.uuid(),
				margin_account: wallet,
				old_balance: oldBalance,
				new_balance: newBalance,
				mark_price: market.markPrice,
				funding_rate: rate,
				realized_funding: realized,
				contract: position.symbol.toLowerCase(),
				collateral: settlementCurrency(market.spec).toUpperCase(),
			});
			changed = true;
		}
		if (!changed) continue;
		context.dirty.add(account.id);
		context.emit('positions', account.id);
	}
}
