/**
 * Every wire name of Kraken's Unified WebSocket (UWS) that this client relies on without a Kraken
 * page confirming it for `asset_class: "derivatives"`. The channel parsers read names only from
 * here, so a field that turns out to have another name live is a one-line change in this file.
 *
 * Evidence tags: `verified` (a UWS page shows it), `spot-v2` (taken from the Spot WebSocket v2 page
 * of the same name, which Kraken says UWS shares its format with), `gap` (nothing found; our choice).
 */

export type Evidence = 'verified' | 'spot-v2' | 'gap';

export interface WireName {
	readonly name: string;
	readonly evidence: Evidence;
}

const verified = (name: string): WireName => ({ name, evidence: 'verified' });
const spotV2 = (name: string): WireName => ({ name, evidence: 'spot-v2' });
const gap = (name: string): WireName => ({ name, evidence: 'gap' });

/** Channel names. The channels themselves are listed on UWS pages; their payloads mostly are not. */
export const UWS_CHANNEL = {
	ticker: verified('ticker'),
	book: verified('book'),
	trade: verified('trade'),
	instrument: verified('instrument'),
	executions: verified('executions'),
	status: verified('status'),
	heartbeat: verified('heartbeat'),
} as const;

/** `ticker` data items: Spot v2 fields, plus derivatives extras nobody has seen on the wire yet. */
export const TICKER_FIELD = {
	symbol: spotV2('symbol'),
	bid: spotV2('bid'),
	bidQty: spotV2('bid_qty'),
	ask: spotV2('ask'),
	askQty: spotV2('ask_qty'),
	last: spotV2('last'),
	volume: spotV2('volume'),
	vwap: spotV2('vwap'),
	low: spotV2('low'),
	high: spotV2('high'),
	change: spotV2('change'),
	changePct: spotV2('change_pct'),
	timestamp: spotV2('timestamp'),
	markPrice: gap('mark_price'),
	indexPrice: gap('index_price'),
	openInterest: gap('open_interest'),
	fundingRate: gap('funding_rate'),
	fundingRatePrediction: gap('funding_rate_prediction'),
	/** An RFC 3339 time (our choice; legacy v1 sends epoch ms under another name). */
	nextFundingTime: gap('next_funding_time'),
} as const;

/** `book` data items and their price levels (Spot v2 book). */
export const BOOK_FIELD = {
	symbol: spotV2('symbol'),
	bids: spotV2('bids'),
	asks: spotV2('asks'),
	price: spotV2('price'),
	qty: spotV2('qty'),
	checksum: spotV2('checksum'),
	timestamp: spotV2('timestamp'),
} as const;

/** `trade` data items (Spot v2 trade; the UWS page confirms only the channel and the 50-trade snapshot). */
export const TRADE_FIELD = {
	symbol: verified('symbol'),
	side: spotV2('side'),
	price: spotV2('price'),
	qty: spotV2('qty'),
	ordType: spotV2('ord_type'),
	tradeId: spotV2('trade_id'),
	timestamp: spotV2('timestamp'),
} as const;

/** `instrument` data: three fields are verified; the rest is a guess kept optional. */
export const INSTRUMENT_FIELD = {
	symbol: spotV2('symbol'),
	priceIncrement: verified('price_increment'),
	qtyIncrement: verified('qty_increment'),
	qtyMin: verified('qty_min'),
	status: gap('status'),
	tradeable: gap('tradeable'),
	contractType: gap('contract_type'),
	maxLeverage: gap('max_leverage'),
	/** Spot v2 instrument snapshots nest instruments under `data.pairs`; derivatives: unknown. */
	pairs: spotV2('pairs'),
} as const;

/** `executions` data items: the Spot v2 schema, which the UWS page says the channel shares. */
export const EXECUTION_FIELD = {
	execId: spotV2('exec_id'),
	execType: spotV2('exec_type'),
	orderId: spotV2('order_id'),
	clOrdId: spotV2('cl_ord_id'),
	symbol: spotV2('symbol'),
	side: spotV2('side'),
	orderType: spotV2('order_type'),
	orderQty: spotV2('order_qty'),
	limitPrice: spotV2('limit_price'),
	lastQty: spotV2('last_qty'),
	lastPrice: spotV2('last_price'),
	cumQty: spotV2('cum_qty'),
	avgPrice: spotV2('avg_price'),
	orderStatus: spotV2('order_status'),
	timestamp: spotV2('timestamp'),
	fees: spotV2('fees'),
	feeAsset: spotV2('asset'),
	feeQty: spotV2('qty'),
	liquidityInd: spotV2('liquidity_ind'),
	liquidated: spotV2('liquidated'),
	reduceOnly: spotV2('reduce_only'),
	postOnly: spotV2('post_only'),
	triggers: spotV2('triggers'),
} as const;

/** `exec_type` of a fill, and the `liquidity_ind` values for maker and taker (Spot v2). */
export const EXEC_TYPE_TRADE = spotV2('trade');
export const LIQUIDITY_MAKER = spotV2('m');
export const LIQUIDITY_TAKER = spotV2('t');

/** How many fills `snap_trades: true` returns ("the last 50 order fills", UWS executions page). */
export const SNAP_TRADES_LIMIT = 50;

/** How many trades the `trade` snapshot holds ("The snapshot reflects the most recent 50 trades", UWS trade page). */
export const TRADE_SNAPSHOT_LIMIT = 50;

/** `book` depth when the subscribe names none (`depth` "default `10`", UWS book page). */
export const BOOK_DEFAULT_DEPTH = 10;

/** `status` data items. `system` values are verified; the advisory arrays' key names are a gap. */
export const STATUS_FIELD = {
	system: verified('system'),
	apiVersion: verified('api_version'),
	connectionId: verified('connection_id'),
	version: verified('version'),
	upcomingMaintenance: verified('upcoming_maintenance'),
	emergency: verified('emergency'),
} as const;

/**
 * Kraken error strings this client recognises without a UWS page showing them: Spot v2 and Kraken
 * SDK strings assumed to carry over. Listed for the README; the table itself is in error-map.ts.
 */
export const INFERRED_ERROR_STRINGS: readonly WireName[] = [
	spotV2('EAPI:Invalid token'),
	spotV2('ESession:Invalid session'),
	spotV2('EAPI:Invalid key'),
	spotV2('EGeneral:Permission denied'),
	spotV2('EAPI:Rate limit exceeded'),
	spotV2('EOrder:Rate limit exceeded'),
	spotV2('EService:Unavailable'),
	spotV2('EOrder:Insufficient funds'),
	spotV2('EGeneral:Invalid arguments'),
];

/**
 * Longest free-text `cl_ord_id` (Spot v2 `add_order`: a UUID, or free text up to 18 characters;
 * legacy `cliOrdId` allowed 100). Trading code refuses longer ids before sending.
 */
export const CL_ORD_ID_FREE_TEXT_MAX = 18;

/** Account channel names (listed on UWS pages). */
export const ACCOUNT_CHANNEL = {
	positions: verified('positions'),
	balances: verified('balances'),
	margin: verified('margin'),
} as const;

/**
 * `positions` data: `{futures: [...], options: [...]}` (the lists are verified, the item fields are
 * not, apart from `size` and `entry_price`). `size` is signed, 0 for a closed position (verified).
 */
export const POSITION_FIELD = {
	futures: verified('futures'),
	symbol: gap('symbol'),
	side: gap('side'),
	size: verified('size'),
	entryPrice: verified('entry_price'),
	markPrice: gap('mark_price'),
	unrealizedPnl: gap('unrealized_pnl'),
	unrealizedFunding: gap('unrealized_funding'),
	pnlCurrency: gap('pnl_currency'),
	maxLeverage: gap('max_leverage'),
	timestamp: gap('timestamp'),
} as const;

/**
 * `margin` messages: `type` names the section; the data is the legacy WS v1 `balances` feed's
 * `flex_futures` (multi-collateral) and `futures` (single-collateral) structures (verified that it
 * carries them; their key names on UWS are a gap, so the v1 snake_case names are assumed).
 */
export const MARGIN_FIELD = {
	multiCollateral: verified('multi_collateral'),
	singleCollateral: verified('single_collateral'),
	currencies: gap('currencies'),
	initialMarginWithOrders: gap('initial_margin'),
	initialMarginWithoutOrders: gap('initial_margin_without_orders'),
	walletName: gap('name'),
	unit: gap('unit'),
	balance: gap('balance'),
	portfolioValue: gap('portfolio_value'),
	available: gap('available'),
	maintenanceMargin: gap('maintenance_margin'),
	pnl: gap('pnl'),
	unrealizedFunding: gap('unrealized_funding'),
} as const;

/** `balances` snapshot items (Spot v2): `{asset, asset_class, balance, wallets: [{type, id, balance}]}`. */
export const BALANCE_FIELD = {
	asset: spotV2('asset'),
	balance: spotV2('balance'),
	wallets: spotV2('wallets'),
	walletType: spotV2('type'),
	walletId: spotV2('id'),
	/** A ledger update names the wallet it changed here. */
	updateWalletType: spotV2('wallet_type'),
} as const;

/** The wallet `type` of the spot (cash) wallet in `balances` (Spot v2). */
export const CASH_WALLET_TYPE = spotV2('spot');

/** `executions` order states that end an order (Spot v2 `order_status` / `exec_type`). */
export const ORDER_CLOSED_STATES: readonly WireName[] = [
	spotV2('filled'),
	spotV2('canceled'),
	spotV2('expired'),
];

/**
 * The legacy WS v1 `open_orders` `reason` each `executions` event is delivered with (our choice:
 * UWS has no `reason` vocabulary of the legacy kind, and the derivatives event sequence is a gap in
 * the reference). An `exec_type` not listed here is passed through as the reason, unchanged.
 */
export const LEGACY_ORDER_REASON: Readonly<Record<string, WireName>> = {
	new: gap('new_placed_order_by_user'),
	amended: gap('edited_by_user'),
	trade: gap('partial_fill'),
	filled: gap('full_fill'),
	canceled: gap('cancelled_by_user'),
	expired: gap('contract_expired'),
	status: gap('stop_order_triggered'),
	restated: gap('restated'),
};

/** `executions` items: the time-in-force an order has (Spot v2; not in the shared list above). */
export const EXECUTION_TIME_IN_FORCE = spotV2('time_in_force');

/** `triggers` members in `executions` items (Spot v2). */
export const TRIGGER_FIELD = {
	reference: spotV2('reference'),
	price: spotV2('price'),
	priceType: spotV2('price_type'),
	actualPrice: spotV2('actual_price'),
} as const;

/** Every name above that is not verified, for documentation and for the probe's checklist. */
export function unverifiedNames(): { table: string; key: string; name: string; evidence: Evidence }[] {
	const tables: Record<string, Record<string, WireName>> = {
		channel: UWS_CHANNEL,
		ticker: TICKER_FIELD,
		book: BOOK_FIELD,
		trade: TRADE_FIELD,
		instrument: INSTRUMENT_FIELD,
		executions: EXECUTION_FIELD,
		status: STATUS_FIELD,
		accountChannel: ACCOUNT_CHANNEL,
		positions: POSITION_FIELD,
		margin: MARGIN_FIELD,
		balances: BALANCE_FIELD,
		triggers: TRIGGER_FIELD,
		legacyOrderReason: LEGACY_ORDER_REASON,
	};
	const rows: { table: string; key: string; name: string; evidence: Evidence }[] = [];
	for (const [table, names] of Object.entries(tables)) {
		for (const [key, wire] of Object.entries(names)) {
			if (wire.evidence !== 'verified') rows.push({ table, key, name: wire.name, evidence: wire.evidence });
		}
	}
	for (const wire of [
		EXEC_TYPE_TRADE,
		LIQUIDITY_MAKER,
		LIQUIDITY_TAKER,
		EXECUTION_TIME_IN_FORCE,
		CASH_WALLET_TYPE,
		...ORDER_CLOSED_STATES,
		...INFERRED_ERROR_STRINGS,
	]) {
		rows.push({ table: 'value', key: wire.name, name: wire.name, evidence: wire.evidence });
	}
	rows.push({
		table: 'value',
		key: 'cl_ord_id',
		name: `a UUID or free text of at most ${CL_ORD_ID_FREE_TEXT_MAX} characters`,
		evidence: 'spot-v2',
	});
	return rows;
}
