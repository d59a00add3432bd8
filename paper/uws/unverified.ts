/**
 * Every wire fact the paper exchange's Unified WebSocket uses that Kraken's documentation does not confirm for
 * `asset_class: derivatives` (see the project's UWS reference: GAP or inferred from Spot WebSocket v2). Where
 * Spot v2 has nothing either, these are the project's choices, shared with the client's `core/uws/unverified.ts`.
 * A name that turns out different on live Kraken is a one-line change here.
 */

/** Kraken: "The token should be used within 15 minutes of creation" (verified); `expires` in the reply is 900. */
export const TOKEN_TTL_SECONDS = 900;

/** Heartbeat cadence: "approximately once every second in the absence of any other channel updates" (verified). */
export const HEARTBEAT_MS = 1_000;

/**
 * GAP: how long Kraken keeps a private socket open without a subscription ("At least one private message should
 * be subscribed to keep the authenticated client connection open"; no delay published). The paper exchange
 * closes such a socket after this delay, with this close code (1000: a normal close the client may reconnect
 * from; 1008 is reserved for policy violations, which clients treat as final).
 */
export const UNSUBSCRIBED_PRIVATE_CLOSE_MS = 60_000;
export const UNSUBSCRIBED_PRIVATE_CLOSE_CODE = 1000;
export const UNSUBSCRIBED_PRIVATE_CLOSE_REASON = 'no subscription';

/**
 * `status` push fields (Spot v2 example, verified for UWS by the page text); `version` is the paper's own.
 * `upcoming_maintenance` and `emergency` are verified names ("always appear together as JSON arrays … empty
 * when there is no maintenance"); the fields of their items are a GAP, so the paper exchange sends them empty.
 */
export const STATUS_API_VERSION = 'v2';
export const STATUS_VERSION = '2.0.0';

/** Error strings. Verified ones are quoted from the UWS pages; the rest follow Spot v2 (the contract's choice). */
export const ERRORS = {
	// Verified on UWS pages.
	assetClassNotValid: (channel: string) => `'params.asset_class' is not valid for the ${channel} channel`,
	snapshotNotValid: (channel: string) => `'params.snapshot' is not valid for the ${channel} channel`,
	alreadySubscribed: (channel: string) => `Already subscribed to ${channel} channel`,
	unknownLeverageSymbol: "Unknown 'params.leverage_mode.symbol'",
	leverageOutOfRange: 'Leverage is outside the permitted range for this market',
	// Spot v2 / Kraken SDK strings (GAP for derivatives).
	currencyPairNotSupported: (symbol: string) => `Currency pair not supported ${symbol}`,
	subscriptionNameInvalid: 'Subscription name invalid',
	invalidArguments: (detail: string) => `EGeneral:Invalid arguments:${detail}`,
	invalidToken: 'EAPI:Invalid token',
	invalidOrder: 'EOrder:Invalid order',
	insufficientFunds: 'EOrder:Insufficient funds',
	unknownMethod: 'EGeneral:Invalid arguments:unknown method',
	privateOnPublic: 'EGeneral:Permission denied',
	notSubscribed: (channel: string) => `Subscription not found ${channel}`,
	jsonError: 'EGeneral:Invalid arguments:malformed JSON request',
	cancelOnly: 'EService:Market in cancel_only mode',
	postOnly: 'EService:Market in post_only mode',
	maintenance: 'EService:Unavailable',
	internal: 'EGeneral:Internal error',
} as const;

/**
 * GAP: derivatives-engine rejections on UWS. The legacy `sendStatus.status` names are kept after `EOrder:` so
 * nothing is lost (`EOrder:postWouldExecute`); the one Spot v2 string with the same meaning is used instead.
 */
export function orderRejection(legacyStatus: string): string {
	if (legacyStatus === 'insufficientAvailableFunds') return ERRORS.insufficientFunds;
	return `EOrder:${legacyStatus}`;
}

/** Spot GetWebSocketsToken errors (verified strings from Kraken's SDK and the Spot REST pages). */
export const SPOT_REST_ERRORS = {
	invalidKey: 'EAPI:Invalid key',
	invalidSignature: 'EAPI:Invalid signature',
	invalidNonce: 'EAPI:Invalid nonce',
	unknownMethod: 'EGeneral:Unknown method',
	invalidArguments: 'EGeneral:Invalid arguments',
} as const;

/**
 * Executions (GAP for derivatives: Spot v2 names, the contract's choice). A trade event carries `order_status`
 * `partially_filled` or `filled`; a completed order also gets its own `exec_type: filled` event (Spot v2's
 * sequence); an activated trigger is `exec_type: status` with `triggers.status: triggered`. There is no
 * `pending_new` for derivatives (verified). `exec_id` of a trade is the fill id (a UUID, opaque to clients).
 */
export const EXEC_TYPES = {
	new: 'new',
	trade: 'trade',
	filled: 'filled',
	canceled: 'canceled',
	amended: 'amended',
	status: 'status',
} as const;

/** `snap_trades`: "the last 50 order fills" (verified). */
export const SNAP_TRADES = 50;
/** `trade` snapshot: "the most recent 50 trades" (verified). */
export const TRADE_SNAPSHOT = 50;
/** `book` depths (verified) and default. */
export const BOOK_DEPTHS = [10, 25, 100, 500, 1000];
export const BOOK_DEFAULT_DEPTH = 10;
/** Levels the book checksum covers (Spot v2 rule, GAP for derivatives). */
export const BOOK_CHECKSUM_LEVELS = 10;

/**
 * Ticker (GAP): Spot v2 fields plus these derivatives extras. The funding ones can be switched off to test
 * clients against a ticker that carries no funding.
 */
export const TICKER_FUNDING_FIELDS = [
	'funding_rate',
	'funding_rate_prediction',
	'next_funding_time',
] as const;

/**
 * `add_order` order types (verified list) → the engine's legacy type. A `trailing-stop-limit` trails like a
 * `trailing-stop` here: the legacy engine has no limit offset for trailing stops (a paper limitation).
 */
export const ORDER_TYPES: Record<string, string> = {
	limit: 'lmt',
	market: 'mkt',
	'stop-loss': 'stp',
	'stop-loss-limit': 'stp',
	'take-profit': 'take_profit',
	'take-profit-limit': 'take_profit',
	'trailing-stop': 'trailing_stop',
	'trailing-stop-limit': 'trailing_stop',
};

/** `triggers.reference` default (verified: "Default: last"). */
export const DEFAULT_TRIGGER_REFERENCE = 'last';

/** `add_order` fields "Not available for derivatives" (verified), refused rather than ignored. */
export const NOT_FOR_DERIVATIVES = [
	'display_qty',
	'expire_time',
	'fee_preference',
	'margin',
	'order_userref',
];

/** `cl_ord_id` limit (Spot v2: UUID or up to 18 characters free text; derivatives GAP, the engine takes 100). */
export const CL_ORD_ID_MAX = 100;

/**
 * Account channels (GAP for field names). `positions` data is `{ futures: [...], options: [] }`, each future
 * `{ symbol, side, size, entry_price, mark_price, unrealized_pnl, unrealized_funding, pnl_currency,
 * max_leverage (null = cross), timestamp }` with `size`
 * signed (negative = short; 0 = closed, verified; `side` is then `flat`); `with_margin` adds `initial_margin` and
 * `maintenance_margin`. `margin` carries the legacy v1 `flex_futures` (type
 * `multi_collateral`) and `futures` (type `single_collateral`) structures with their v1 snake_case names.
 * `balances` follows Spot v2: snapshot `[{ asset, asset_class, balance, wallets: [{ type, id, balance }] }]`,
 * updates are ledger transactions. Wallet types here: `flex` (multi-collateral) and `futures` (single-collateral).
 */
export const WALLET_TYPES = { flex: 'flex', single: 'futures' } as const;
export const BALANCE_ASSET_CLASS = 'currency';

/** `cancel_all_orders_after` reply times: Spot v2 prints whole seconds (`2023-09-21T15:49:29Z`). */
export function dmsTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The shapes the paper exchange chose where Kraken shows none for derivatives, in one list (the code that
 * builds each shape names the same choice). Clients should treat every one of them as unconfirmed.
 */
export const UNVERIFIED_CHOICES: readonly { topic: string; choice: string }[] = [
	{ topic: 'ping', choice: 'the pong reply has no `success` field, as in the verified example' },
	{
		topic: 'subscribe acks',
		choice: 'one ack per symbol for ticker/book/trade (Spot v2); `result` echoes channel, symbol and options',
	},
	{
		topic: 'duplicate subscribe',
		choice:
			'a second subscribe of a public channel (and symbol) the connection already holds answers `Already subscribed to <channel> channel` and sends no snapshot: one snapshot per subscription, as verified for positions and margin',
	},
	{
		topic: 'ticker',
		choice:
			'Spot v2 fields + mark_price, index_price, open_interest, funding_rate, funding_rate_prediction, next_funding_time (RFC 3339)',
	},
	{
		topic: 'book',
		choice:
			'Spot v2 levels `{price, qty}`, CRC32 checksum of the top 10 levels by the Spot v2 rule; an update carries the levels within the subscribed depth that changed in one market step, those that entered it, and `qty: 0` for those that left it',
	},
	{
		topic: 'trade',
		choice:
			'Spot v2 items; `ord_type` is always `limit`; `trade_id` is the market sequence; the snapshot is oldest first',
	},
	{
		topic: 'instrument',
		choice:
			'Spot v2 `data: {assets: [], pairs: [...]}`; pairs add status, tradeable, contract_type, max_leverage, margin_levels',
	},
	{
		topic: 'executions snapshot',
		choice: 'open orders as `exec_type: new` items, then the last fills as `trade` items, oldest first',
	},
	{
		topic: 'executions events',
		choice:
			'new → trade (order_status partially_filled|filled) → filled; amended; canceled; trigger activation as `status`',
	},
	{
		topic: 'positions',
		choice:
			'`data: {futures, options}`; each future {symbol, side, size (signed), entry_price, mark_price, unrealized_pnl, unrealized_funding, pnl_currency, max_leverage (null = cross), timestamp}; with_margin adds initial_margin, maintenance_margin; updates carry changed symbols only',
	},
	{
		topic: 'balances',
		choice: 'Spot v2 snapshot per asset with wallets (flex, futures); updates are ledger transactions',
	},
	{
		topic: 'margin',
		choice:
			'legacy v1 `flex_futures` as `multi_collateral`, `futures` as `single_collateral`, sent on subscribe and on every balance change',
	},
	{
		topic: 'ledgers',
		choice:
			'Spot v2 ledger items plus symbol, trade_price, mark_price, realized_pnl, realized_funding, funding_rate, entry prices',
	},
	{
		topic: 'add_order',
		choice: '`validate: true` answers `order_id: ""`; engine rejections are `EOrder:<legacy status>`',
	},
	{
		topic: 'batch_add',
		choice: '`result` is one entry per order: `{order_id, cl_ord_id?}` or `{cl_ord_id?, error}`',
	},
	{
		topic: 'cancel_order',
		choice: 'one reply per id with the request’s req_id; unknown or closed ids answer `EOrder:Invalid order`',
	},
	{
		topic: 'amend_order',
		choice: '`result` is `{amend_id: "", order_id | cl_ord_id}` as sent (the verified derivatives example)',
	},
	{
		topic: 'cancel_all_orders_after',
		choice: 'times in whole seconds; `triggerTime: "0"` when disarmed; `asset_class` not required',
	},
	{ topic: 'set_preference', choice: '`result` echoes `leverage_mode`' },
	{
		topic: 'status',
		choice: '`connection_id` is a small integer; `upcoming_maintenance` and `emergency` are empty arrays',
	},
	{
		topic: 'not simulated',
		choice: 'the `ohlc` and `preferences` channels answer `Subscription name invalid`',
	},
];
