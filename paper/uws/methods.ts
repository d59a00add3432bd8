import type { Order } from '../engine/types';
import { PaperApiError, type EngineInspection, type PaperExchange, type Params } from '../exchange';
import { UwsRequestError, type Json } from './envelope';
import type { ExecutionsFeed } from './executions';
import { legacyAmendFields, legacyOrderFields, requireDerivatives } from './order-request';
import { dmsTime, ERRORS, orderRejection } from './unverified';

export type SystemStatus = 'online' | 'cancel_only' | 'post_only' | 'maintenance';

export interface MethodContext {
	exchange: PaperExchange;
	engine: EngineInspection;
	executions: ExecutionsFeed;
	system(): SystemStatus;
}

/** One reply of a method: most methods answer once, `cancel_order` once per order. */
export interface MethodReply {
	result?: unknown;
	error?: string;
}

type Handler = (ctx: MethodContext, accountId: string, params: Json) => MethodReply[];

const invalid = (detail: string): UwsRequestError => new UwsRequestError(ERRORS.invalidArguments(detail));

/** Engine refusals as UWS error strings. */
function engineCall<T>(symbol: unknown, call: () => T): T {
	try {
		return call();
	} catch (error) {
		if (!(error instanceof PaperApiError)) throw error;
		if (error.krakenError === 'contractNotFound')
			throw new UwsRequestError(ERRORS.currencyPairNotSupported(String(symbol)));
		const detail = (error.extra?.errors as unknown[] | undefined)?.[0];
		throw invalid(typeof detail === 'string' ? detail : error.krakenError);
	}
}

/** What the trading engine's state allows (Kraken's `status` semantics, verified). */
function gate(ctx: MethodContext, kind: 'new' | 'amend' | 'cancel', postOnly = false): void {
	const system = ctx.system();
	if (system === 'maintenance') throw new UwsRequestError(ERRORS.maintenance);
	if (system === 'cancel_only' && kind !== 'cancel') throw new UwsRequestError(ERRORS.cancelOnly);
	if (system === 'post_only' && kind === 'new' && !postOnly) throw new UwsRequestError(ERRORS.postOnly);
}

function isPostOnly(fields: Params): boolean {
	return fields.orderType === 'post';
}

/** Checks an order as the engine would place it; refusals are the same errors placing gives. */
function validateOrder(ctx: MethodContext, fields: Params): void {
	const rejection = engineCall(fields.symbol, () => ctx.engine.orderRejection(fields));
	if (rejection !== undefined) throw new UwsRequestError(orderRejection(rejection));
}

function orderResult(orderId: string, clOrdId: string | undefined): Json {
	return clOrdId === undefined ? { order_id: orderId } : { order_id: orderId, cl_ord_id: clOrdId };
}

/** Places one validated order: its result, or the engine's rejection as an error. */
function place(ctx: MethodContext, accountId: string, fields: Params): MethodReply {
	const { sendStatus } = engineCall(fields.symbol, () => ctx.exchange.sendOrder(accountId, fields)) as {
		sendStatus: Json;
	};
	const clOrdId = fields.cliOrdId as string | undefined;
	if (sendStatus.status !== 'placed') {
		return {
			error: orderRejection(String(sendStatus.status)),
			result: clOrdId === undefined ? undefined : { cl_ord_id: clOrdId },
		};
	}
	const orderId = String(sendStatus.order_id);
	ctx.executions.settle(accountId, orderId);
	return { result: orderResult(orderId, clOrdId) };
}

const addOrder: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	const fields = legacyOrderFields(params, params.symbol);
	gate(ctx, 'new', isPostOnly(fields));
	validateOrder(ctx, fields);
	// Kraken's dry run answers an empty order id (Kraken SDK wire notes).
	if (params.validate === true) return [{ result: orderResult('', fields.cliOrdId as string | undefined) }];
	return [place(ctx, accountId, fields)];
};

const batchAdd: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	const orders = params.orders;
	if (!Array.isArray(orders) || orders.length < 2 || orders.length > 15)
		throw invalid('params.orders must hold 2 to 15 orders');
	// "Validation is performed on the whole batch prior to submission to the engine" (verified).
	const all = orders.map((order, index) => {
		if (typeof order !== 'object' || order === null)
			throw invalid(`params.orders[${index}] must be an order`);
		if ((order as Json).symbol !== undefined)
			throw invalid(`params.orders[${index}].symbol: the batch's symbol applies`);
		return legacyOrderFields(order as Json, params.symbol);
	});
	for (const fields of all) gate(ctx, 'new', isPostOnly(fields));
	for (const fields of all) validateOrder(ctx, fields);
	if (params.validate === true)
		return [{ result: all.map((fields) => orderResult('', fields.cliOrdId as string | undefined)) }];
	const results = all.map((fields) => {
		const reply = place(ctx, accountId, fields);
		return reply.error === undefined
			? reply.result
			: { ...(reply.result as Json | undefined), error: reply.error };
	});
	return [{ result: results }];
};

/** The open order an amend names, by Kraken id or client id. */
function openOrderOf(ctx: MethodContext, accountId: string, fields: Params): Order | undefined {
	const account = ctx.engine.account(accountId);
	if (account === undefined) return undefined;
	if (fields.orderId !== undefined) return account.orders.get(String(fields.orderId));
	return [...account.orders.values()].find((order) => order.cliOrdId === fields.cliOrdId);
}

/** Whether a limit price would take liquidity now (an amend with `post_only: true` must not). */
function wouldTake(ctx: MethodContext, order: Order, price: number): boolean {
	const market = ctx.engine.market(order.symbol);
	const book = market === undefined ? undefined : ctx.engine.displayedBook(market);
	const best = order.side === 'buy' ? book?.asks[0]?.price : book?.bids[0]?.price;
	return best !== undefined && (order.side === 'buy' ? price >= best : price <= best);
}

const amendOrder: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	const fields = legacyAmendFields(params);
	gate(ctx, 'amend');
	const result: Json = { amend_id: '' };
	if (fields.orderId !== undefined) result.order_id = fields.orderId;
	else result.cl_ord_id = fields.cliOrdId;
	const order = openOrderOf(ctx, accountId, fields);
	if (order === undefined) throw new UwsRequestError(ERRORS.invalidOrder);
	if (
		params.post_only === true &&
		fields.limitPrice !== undefined &&
		wouldTake(ctx, order, Number(fields.limitPrice))
	) {
		throw new UwsRequestError(orderRejection('postWouldExecute'));
	}
	// Verified: "If an amend request will reduce the order quantity below the existing filled quantity, the
	// remaining quantity will be cancelled."
	if (fields.size !== undefined && Number(fields.size) <= order.filled) {
		ctx.exchange.cancelOrder(accountId, { order_id: order.orderId });
		return [{ result }];
	}
	const { editStatus } = engineCall(undefined, () => ctx.exchange.editOrder(accountId, fields)) as {
		editStatus: Json;
	};
	if (editStatus.status === 'orderForEditNotFound') throw new UwsRequestError(ERRORS.invalidOrder);
	if (editStatus.status !== 'edited') throw new UwsRequestError(orderRejection(String(editStatus.status)));
	return [{ result }];
};

function idList(params: Json, name: string): string[] | undefined {
	const value = params[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id !== '')) {
		throw invalid(`params.${name} must be a list of ids`);
	}
	return value as string[];
}

/** Cancels one order by Kraken id or client id; the reply Kraken streams for it. */
function cancelOne(ctx: MethodContext, accountId: string, byClient: boolean, id: string): MethodReply {
	const { cancelStatus } = ctx.exchange.cancelOrder(
		accountId,
		byClient ? { cliOrdId: id } : { order_id: id },
	) as {
		cancelStatus: Json;
	};
	if (cancelStatus.status !== 'cancelled') return { error: ERRORS.invalidOrder };
	return { result: orderResult(String(cancelStatus.order_id), byClient ? id : undefined) };
}

const cancelOrder: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	gate(ctx, 'cancel');
	if (params.order_userref !== undefined)
		throw invalid('params.order_userref is not available for derivatives');
	const orderIds = idList(params, 'order_id');
	const clientIds = idList(params, 'cl_ord_id');
	if ((orderIds === undefined) === (clientIds === undefined))
		throw invalid('params.order_id or params.cl_ord_id is required, not both');
	const byClient = clientIds !== undefined;
	return (clientIds ?? orderIds ?? []).map((id) => cancelOne(ctx, accountId, byClient, id));
};

const batchCancel: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	gate(ctx, 'cancel');
	const orderIds = idList(params, 'orders') ?? [];
	const clientIds = idList(params, 'cl_ord_id') ?? [];
	const total = orderIds.length + clientIds.length;
	if (total < 2 || total > 50)
		throw invalid('params.orders and params.cl_ord_id must name 2 to 50 orders together');
	const replies = [
		...orderIds.map((id) => cancelOne(ctx, accountId, false, id)),
		...clientIds.map((id) => cancelOne(ctx, accountId, true, id)),
	];
	return [{ result: { count: replies.filter((reply) => reply.error === undefined).length } }];
};

const cancelAll: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	gate(ctx, 'cancel');
	const { cancelStatus } = ctx.exchange.cancelAllOrders(accountId, {}) as { cancelStatus: Json };
	return [{ result: { count: (cancelStatus.cancelledOrders as unknown[]).length } }];
};

const cancelAllOrdersAfter: Handler = (ctx, accountId, params) => {
	gate(ctx, 'cancel');
	const timeout = params.timeout;
	if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout >= 86_400) {
		throw invalid('params.timeout must be a whole number of seconds below 86400');
	}
	const { status } = ctx.exchange.cancelAllOrdersAfter(accountId, { timeout: String(timeout) }) as {
		status: Json;
	};
	const triggerTime = status.triggerTime === '0' ? '0' : dmsTime(Date.parse(String(status.triggerTime)));
	return [{ result: { currentTime: dmsTime(Date.parse(String(status.currentTime))), triggerTime } }];
};

const setPreference: Handler = (ctx, accountId, params) => {
	requireDerivatives(params);
	gate(ctx, 'amend');
	const mode = params.leverage_mode as Json | undefined;
	if (typeof mode !== 'object' || mode === null) throw invalid('params.leverage_mode is required');
	if (typeof mode.symbol !== 'string' || ctx.engine.market(mode.symbol) === undefined) {
		throw new UwsRequestError(ERRORS.unknownLeverageSymbol);
	}
	if (!('max_leverage' in mode))
		throw invalid('params.leverage_mode.max_leverage is required (null restores cross margin)');
	const leverage = mode.max_leverage;
	if (leverage !== null && (typeof leverage !== 'number' || !Number.isFinite(leverage))) {
		throw invalid('params.leverage_mode.max_leverage must be a number or null');
	}
	const fields: Params = { symbol: mode.symbol };
	if (leverage !== null) fields.maxLeverage = String(leverage);
	try {
		ctx.exchange.setLeveragePreference(accountId, fields);
	} catch (error) {
		if (error instanceof PaperApiError) throw new UwsRequestError(ERRORS.leverageOutOfRange);
		throw error;
	}
	return [{ result: { leverage_mode: { symbol: mode.symbol, max_leverage: leverage } } }];
};

/** The private socket's trading methods. */
export const METHODS: Readonly<Record<string, Handler>> = {
	add_order: addOrder,
	amend_order: amendOrder,
	cancel_order: cancelOrder,
	cancel_all: cancelAll,
	cancel_all_orders_after: cancelAllOrdersAfter,
	batch_add: batchAdd,
	batch_cancel: batchCancel,
	set_preference: setPreference,
};
