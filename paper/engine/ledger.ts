import { marginAccountOf, roundToStep, settlementCurrency, sizeStep } from '../instruments';
import type { EngineContext } from './context';
import { MAKER_FEE, TAKER_FEE, marketOf } from './context';
import { historyOrder, orderEventElement, publicLogEntry } from './history';
import { applyToPosition } from './pnl';
import type { Account, AccountLogEntry, Fill, Order } from './types';
import { iso, wsFill } from './views';

const KEPT_FILLS = 1_000;

type LogFields = Omit<AccountLogEntry, 'id' | 'date' | 'time'>;

const EMPTY_LOG: Omit<
	LogFields,
	'asset' | 'info' | 'booking_uid' | 'margin_account' | 'old_balance' | 'new_balance'
> = {
	old_average_entry_price: null,
	new_average_entry_price: null,
	trade_price: null,
	mark_price: null,
	realized_pnl: null,
	fee: null,
	execution: null,
	collateral: null,
	funding_rate: null,
	realized_funding: null,
	conversion_spread_percentage: null,
	liquidation_fee: null,
	contract: null,
};

export function appendLog(
	context: EngineContext,
	account: Account,
	fields: Partial<LogFields> &
		Pick<LogFields, 'asset' | 'info' | 'booking_uid' | 'margin_account' | 'old_balance' | 'new_balance'>,
): AccountLogEntry {
	const time = context.now();
	const { asset, info, booking_uid, margin_account, old_balance, new_balance, ...rest } = fields;
	const head = {
		id: account.log.length + 1,
		date: iso(time),
		asset,
		info,
		booking_uid,
		margin_account,
		old_balance,
		new_balance,
	};
	const entry: AccountLogEntry = { ...head, ...EMPTY_LOG, ...rest, time };
	account.log.push(entry);
	context.emit('accountLog', account.id, publicLogEntry(entry));
	return entry;
}

/** Adds `amount` to the wallet that margins `symbol` and returns the balance before and after. */
export function creditCollateral(account: Account, wallet: string, amount: number): [number, number] {
	if (wallet === 'flex') {
		const before = account.flexCollateral.USD ?? 0;
		account.flexCollateral.USD = before + amount;
		return [before, before + amount];
	}
	const before = account.coinWallets[wallet] ?? 0;
	account.coinWallets[wallet] = before + amount;
	return [before, before + amount];
}

/**
 * Books one execution of `order`: position, realised PnL and fee into collateral, a fill, two account-log
 * rows (cash leg and position leg), an execution history element, and the matching events.
 */
export function bookExecution(
	context: EngineContext,
	account: Account,
	order: Order,
	qty: number,
	price: number,
	fillType: 'maker' | 'taker',
): Fill {
	const market = marketOf(context, order.symbol);
	const spec = market.spec;
	const step = sizeStep(spec);
	const time = context.now();
	const executionId = context.ids.uuid();
	const signedQty = order.side === 'buy' ? qty : -qty;
	const previous = account.positions.get(spec.symbol);
	const oldSize = previous?.size ?? 0;
	const oldEntry = previous?.entryPrice ?? 0;
	const change = applyToPosition(spec.family, oldSize, oldEntry, signedQty, price, step);
	const feeRate = fillType === 'taker' ? TAKER_FEE : MAKER_FEE;
	const fee = spec.family === 'inverse' ? (qty / price) * feeRate : qty * price * feeRate;
	const wallet = marginAccountOf(spec);
	const currency = settlementCurrency(spec);
	const [oldBalance, newBalance] = creditCollateral(account, wallet, change.realizedPnl - fee);
	if (change.newSize === 0) account.positions.delete(spec.symbol);
	else
		account.positions.set(spec.symbol, {
			symbol: spec.symbol,
			size: change.newSize,
			entryPrice: change.newEntry,
			fillTime: time,
			unrealizedFunding: previous?.unrealizedFunding ?? 0,
		});
	order.filled = roundToStep(order.filled + qty, step);
	order.lastUpdateTime = time;
	account.fillSeq += 1;
	const fill: Fill = {
		fillId: executionId,
		symbol: spec.symbol,
		side: order.side,
		orderId: order.orderId,
		cliOrdId: order.cliOrdId,
		size: qty,
		price,
		time,
		fillType,
		orderType: order.orderType,
		remainingOrderQty: roundToStep(order.quantity - order.filled, step),
		fee,
		feeCurrency: currency.toUpperCase(),
		seq: account.fillSeq,
	};
	account.fills.unshift(fill);
	if (account.fills.length > KEPT_FILLS) account.fills.length = KEPT_FILLS;
	const contract = spec.symbol.toLowerCase();
	const common = {
		info: 'futures trade',
		booking_uid: executionId,
		margin_account: wallet,
		trade_price: price,
		mark_price: market.markPrice,
		execution: executionId,
		contract,
	};
	appendLog(context, account, {
		...common,
		asset: currency,
		old_balance: oldBalance,
		new_balance: newBalance,
		realized_pnl: change.realizedPnl,
		fee,
		collateral: currency.toUpperCase(),
	});
	appendLog(context, account, {
		...common,
		asset: contract,
		old_balance: oldSize,
		new_balance: change.newSize,
		old_average_entry_price: oldEntry,
		new_average_entry_price: change.newEntry,
		realized_pnl: null,
		fee: 0,
	});
	const userOrder = historyOrder(order);
	const counterparty = {
		uid: context.ids.uuid(),
		tradeable: spec.symbol,
		direction: order.side === 'buy' ? 'Sell' : 'Buy',
	};
	account.executionHistory.push(
		orderEventElement(executionId, time, 'Execution', {
			execution: {
				uid: executionId,
				makerOrder: fillType === 'maker' ? userOrder : counterparty,
				takerOrder: fillType === 'taker' ? userOrder : counterparty,
				timestamp: String(time),
				quantity: String(qty),
				price: String(price),
				markPrice: String(market.markPrice),
				limitFilled: order.filled >= order.quantity,
				usdValue: String(spec.family === 'inverse' ? qty : qty * price),
			},
			takerReducedQuantity: '',
		}),
	);
	// The order rides along for protocols that report order state with each fill (an immediate order is in no list yet).
	context.emit('fill', account.id, wsFill(fill), order);
	context.dirty.add(account.id);
	context.emit('positions', account.id);
	return fill;
}
