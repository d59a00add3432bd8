import type { EngineInspection, PaperExchange } from '../exchange';
import { balanceItems, marginSections, positionItems } from './account-views';
import type { BookFeed } from './book-feed';
import { failure, push, reqIdOf, success, UwsRequestError, type Json } from './envelope';
import type { ExecutionsFeed } from './executions';
import { requireDerivatives } from './order-request';
import { instrumentPair, tickerData, tradeSnapshot } from './market-views';
import type { UwsSession } from './session';
import { BOOK_DEFAULT_DEPTH, BOOK_DEPTHS, ERRORS, TRADE_SNAPSHOT } from './unverified';

/** What subscribing needs from the server. */
export interface SubscriptionContext {
	exchange: PaperExchange;
	engine: EngineInspection;
	executions: ExecutionsFeed;
	books: BookFeed;
	tickerFunding(): boolean;
	/** The account of the request's token, or a refusal. */
	accountOf(session: UwsSession, params: Json): string;
}

const MARKET_CHANNELS = ['ticker', 'book', 'trade', 'instrument'];
const ACCOUNT_CHANNELS = ['executions', 'positions', 'balances', 'margin', 'ledgers'];
/** Channels Kraken documents as accepting no `asset_class` (verified). */
const NO_ASSET_CLASS = ['balances', 'ledgers'];
/** Channels a connection may hold once (verified). */
const SINGLE_PER_CONNECTION = ['positions', 'margin'];

function flag(params: Json, name: string, fallback: boolean): boolean {
	const value = params[name];
	if (value === undefined) return fallback;
	if (typeof value !== 'boolean')
		throw new UwsRequestError(ERRORS.invalidArguments(`params.${name} must be a boolean`));
	return value;
}

function symbolsOf(params: Json): string[] {
	const symbols = params.symbol;
	if (!Array.isArray(symbols) || symbols.length === 0 || !symbols.every((s) => typeof s === 'string')) {
		throw new UwsRequestError(ERRORS.invalidArguments('params.symbol must be a list of symbols'));
	}
	return symbols as string[];
}

function marketOptions(channel: string, params: Json): Json {
	const options: Json = { snapshot: flag(params, 'snapshot', channel !== 'trade') };
	if (channel === 'book') {
		const depth = params.depth ?? BOOK_DEFAULT_DEPTH;
		if (typeof depth !== 'number' || !BOOK_DEPTHS.includes(depth)) {
			throw new UwsRequestError(
				ERRORS.invalidArguments(`params.depth must be one of ${BOOK_DEPTHS.join(', ')}`),
			);
		}
		options.depth = depth;
	}
	return options;
}

/** The snapshot a new market subscription starts with, if it asked for one; a book starts its updates here. */
function marketSnapshot(
	ctx: SubscriptionContext,
	session: UwsSession,
	request: { channel: string; symbol: string; options: Json },
): Json | undefined {
	const { channel, symbol, options } = request;
	const market = ctx.engine.market(symbol);
	if (market === undefined) return undefined;
	const book = channel === 'book' ? ctx.books.follow(session, symbol, options.depth as number) : undefined;
	if (options.snapshot !== true) return undefined;
	if (channel === 'ticker') {
		return push('ticker', 'snapshot', [tickerData(market, ctx.engine.current(), ctx.tickerFunding())]);
	}
	if (book !== undefined) return push('book', 'snapshot', [book]);
	return push('trade', 'snapshot', tradeSnapshot(market, TRADE_SNAPSHOT));
}

function instrumentSnapshot(ctx: SubscriptionContext): Json {
	const pairs = ctx.engine
		.markets()
		.map((market) => instrumentPair(market, ctx.exchange.isTradeable(market.spec.symbol)));
	return push('instrument', 'snapshot', { assets: [], pairs });
}

/** One subscribe or unsubscribe request, read once. */
interface SubscriptionRequest {
	method: string;
	reqId: number | undefined;
	channel: string;
	params: Json;
	timeIn: number;
}

/** Subscribes or unsubscribes a market channel: one reply per symbol, as Kraken acknowledges them. */
function market(ctx: SubscriptionContext, session: UwsSession, request: SubscriptionRequest): void {
	const { method, reqId, channel, params, timeIn } = request;
	requireDerivatives(params);
	if (channel === 'instrument') {
		const options = { snapshot: flag(params, 'snapshot', true) };
		const followed = session.markets.get(channel) ?? new Map<string, Json>();
		session.markets.set(channel, followed);
		if (method === 'subscribe' && followed.has('*')) {
			session.send(failure(method, reqId, ERRORS.alreadySubscribed(channel), timeIn));
			return;
		}
		if (method === 'unsubscribe') followed.delete('*');
		else followed.set('*', options);
		session.send(success(method, reqId, { channel, ...options }, timeIn));
		if (method === 'subscribe' && options.snapshot) session.send(instrumentSnapshot(ctx));
		return;
	}
	const symbols = symbolsOf(params);
	const options = method === 'subscribe' ? marketOptions(channel, params) : {};
	const followed = session.markets.get(channel) ?? new Map<string, Json>();
	session.markets.set(channel, followed);
	for (const symbol of symbols) {
		if (ctx.engine.market(symbol) === undefined) {
			session.send(failure(method, reqId, ERRORS.currencyPairNotSupported(symbol), timeIn));
			continue;
		}
		if (method === 'unsubscribe') {
			const known = followed.delete(symbol);
			session.send(
				known
					? success(method, reqId, { channel, symbol }, timeIn)
					: failure(method, reqId, ERRORS.notSubscribed(channel), timeIn),
			);
			continue;
		}
		if (followed.has(symbol)) {
			// One snapshot per subscription: a second subscribe gets none (inferred, see UNVERIFIED_CHOICES).
			session.send(failure(method, reqId, ERRORS.alreadySubscribed(channel), timeIn));
			continue;
		}
		followed.set(symbol, options);
		session.send(success(method, reqId, { channel, symbol, ...options }, timeIn));
		const snapshot = marketSnapshot(ctx, session, { channel, symbol, options });
		if (snapshot !== undefined) session.send(snapshot);
	}
}

function accountOptions(channel: string, params: Json): Json {
	if (NO_ASSET_CLASS.includes(channel)) {
		if (params.asset_class !== undefined) throw new UwsRequestError(ERRORS.assetClassNotValid(channel));
	} else requireDerivatives(params);
	if (channel === 'executions') {
		return {
			snap_orders: flag(params, 'snap_orders', true),
			snap_trades: flag(params, 'snap_trades', flag(params, 'snapshot_trades', false)),
			order_status: flag(params, 'order_status', true),
			ratecounter: flag(params, 'ratecounter', false),
		};
	}
	if (channel === 'margin') {
		if (params.snapshot !== undefined) throw new UwsRequestError(ERRORS.snapshotNotValid(channel));
		return {};
	}
	if (channel === 'ledgers') return {};
	if (channel === 'positions') {
		const withMargin = flag(params, 'with_margin', false);
		if (withMargin && params.snapshot !== undefined) {
			throw new UwsRequestError(
				ERRORS.invalidArguments('params.snapshot is not valid together with params.with_margin'),
			);
		}
		return { snapshot: flag(params, 'snapshot', true), with_margin: withMargin };
	}
	return { snapshot: flag(params, 'snapshot', true) };
}

/** The messages a new account subscription starts with. */
function accountSnapshot(
	ctx: SubscriptionContext,
	session: UwsSession,
	channel: string,
	accountId: string,
	options: Json,
): Json[] {
	const account = ctx.engine.account(accountId);
	if (account === undefined) return [];
	switch (channel) {
		case 'executions':
			return [
				push(
					'executions',
					'snapshot',
					ctx.executions.snapshot(account, options),
					session.nextSequence(channel),
				),
			];
		case 'positions':
			session.positionSymbols(account);
			if (options.snapshot !== true) return [];
			return [
				push(
					'positions',
					'snapshot',
					{
						futures: positionItems(account, ctx.engine, { withMargin: options.with_margin === true }),
						options: [],
					},
					session.nextSequence(channel),
				),
			];
		case 'balances':
			if (options.snapshot !== true) return [];
			return [push('balances', 'snapshot', balanceItems(account), session.nextSequence(channel))];
		case 'margin': {
			const { multi, single } = marginSections(ctx.exchange.wsBalancesSnapshot(accountId));
			return [push('margin', 'multi_collateral', multi), push('margin', 'single_collateral', single)];
		}
		default:
			return [];
	}
}

function account(ctx: SubscriptionContext, session: UwsSession, request: SubscriptionRequest): void {
	const { method, reqId, channel, params, timeIn } = request;
	if (session.endpoint !== 'private') throw new UwsRequestError(ERRORS.privateOnPublic);
	const accountId = ctx.accountOf(session, params);
	if (method === 'unsubscribe') {
		const known = session.accounts.delete(channel);
		session.send(
			known
				? success(method, reqId, { channel }, timeIn)
				: failure(method, reqId, ERRORS.notSubscribed(channel), timeIn),
		);
		return;
	}
	const options = accountOptions(channel, params);
	if (SINGLE_PER_CONNECTION.includes(channel) && session.accounts.has(channel)) {
		throw new UwsRequestError(ERRORS.alreadySubscribed(channel));
	}
	session.accounts.set(channel, { accountId, options });
	session.send(success(method, reqId, { channel, ...options }, timeIn));
	for (const message of accountSnapshot(ctx, session, channel, accountId, options)) session.send(message);
}

/** `subscribe` / `unsubscribe` on any channel. */
export function handleSubscription(
	ctx: SubscriptionContext,
	session: UwsSession,
	request: Json,
	timeIn: number,
): void {
	const params = (request.params ?? {}) as Json;
	const { channel } = params;
	if (typeof channel !== 'string') throw new UwsRequestError(ERRORS.subscriptionNameInvalid);
	const read = { method: request.method as string, reqId: reqIdOf(request), channel, params, timeIn };
	if (MARKET_CHANNELS.includes(channel)) return market(ctx, session, read);
	if (ACCOUNT_CHANNELS.includes(channel)) return account(ctx, session, read);
	throw new UwsRequestError(ERRORS.subscriptionNameInvalid);
}
