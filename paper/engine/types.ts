/** The paper exchange's account-side records. Times are epoch ms. */

export type Side = 'buy' | 'sell';
export type OrderType = 'lmt' | 'post' | 'ioc' | 'mkt' | 'fok' | 'stp' | 'take_profit' | 'trailing_stop';
export type TriggerSignal = 'mark' | 'index' | 'last';
export type OrderState = 'open' | 'filled' | 'cancelled' | 'rejected';

export interface TrailingOptions {
	maxDeviation: number;
	unit: 'PERCENT' | 'QUOTE_CURRENCY';
	/** The best signal price seen since placement (the peak for a sell, the trough for a buy). */
	extreme: number;
}

export interface Order {
	orderId: string;
	cliOrdId: string | null;
	accountId: string;
	symbol: string;
	side: Side;
	orderType: OrderType;
	quantity: number;
	filled: number;
	limitPrice: number | null;
	stopPrice: number | null;
	triggerSignal: TriggerSignal;
	reduceOnly: boolean;
	receivedTime: number;
	lastUpdateTime: number;
	trailing?: TrailingOptions;
	state: OrderState;
	/** When the order left the book (for `orders/status`' five-second window). */
	closedTime?: number;
}

export interface Position {
	symbol: string;
	/** Signed: positive long, negative short. */
	size: number;
	entryPrice: number;
	fillTime: number;
	unrealizedFunding: number;
}

export interface Fill {
	fillId: string;
	symbol: string;
	side: Side;
	orderId: string;
	cliOrdId: string | null;
	size: number;
	price: number;
	time: number;
	fillType: 'maker' | 'taker';
	orderType: OrderType;
	remainingOrderQty: number;
	fee: number;
	feeCurrency: string;
	seq: number;
}

export interface AccountLogEntry {
	id: number;
	date: string;
	time: number;
	asset: string;
	info: string;
	booking_uid: string;
	margin_account: string;
	old_balance: number;
	new_balance: number;
	old_average_entry_price: number | null;
	new_average_entry_price: number | null;
	trade_price: number | null;
	mark_price: number | null;
	realized_pnl: number | null;
	fee: number | null;
	execution: string | null;
	collateral: string | null;
	funding_rate: number | null;
	realized_funding: number | null;
	conversion_spread_percentage: number | null;
	liquidation_fee: number | null;
	contract: string | null;
}

export interface HistoryElement {
	uid: string;
	timestamp: number;
	event: Record<string, unknown>;
}

export interface Account {
	id: string;
	/** Flex collateral by currency (USD only in the paper exchange), plus realised PnL and funding. */
	flexCollateral: Record<string, number>;
	/** Single-collateral wallets (`fi_xbtusd` → coin balance). */
	coinWallets: Record<string, number>;
	cash: Record<string, number>;
	positions: Map<string, Position>;
	orders: Map<string, Order>;
	/** Closed orders kept for `orders/status` and cliOrdId lookups. */
	closedOrders: Order[];
	fills: Fill[];
	log: AccountLogEntry[];
	executionHistory: HistoryElement[];
	orderHistory: HistoryElement[];
	leverage: Map<string, number>;
	pnlPreference: Map<string, string>;
	deadManDeadline: number | null;
	fillSeq: number;
	balanceSeq: number;
}

export function newAccount(id: string, collateralUsd: number, coins: Record<string, number>): Account {
	return {
		id,
		flexCollateral: { USD: collateralUsd },
		coinWallets: { ...coins },
		cash: { xbt: 0, eth: 0, usd: 0 },
		positions: new Map(),
		orders: new Map(),
		closedOrders: [],
		fills: [],
		log: [],
		executionHistory: [],
		orderHistory: [],
		leverage: new Map(),
		pnlPreference: new Map(),
		deadManDeadline: null,
		fillSeq: 0,
		balanceSeq: 0,
	};
}
