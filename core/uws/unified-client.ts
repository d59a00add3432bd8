import { randomUUID } from 'node:crypto';
import type { KrakenFuturesTradingApi, OrderCallOptions, RequestOptions } from '../api';
import { KrakenTimeoutError, KrakenUnsupportedError, KrakenValidationError } from '../errors';
import { InstrumentCache } from '../instruments/cache';
import { checkEdit, checkOrderAgainstInstrument, checkOrderShape } from '../instruments/validate-order';
import { requireSymbol } from '../rest/request-params';
import type * as T from '../rest/types';
import { toAddOrderParams } from './methods/add-order';
import { toAmendOrderParams } from './methods/amend-order';
import { toBatchOrderResponse } from './methods/batch-result';
import { planBatch } from './methods/batch';
import {
	planCancels,
	toCancelAllParams,
	toCancelOrderParams,
	toDeadManParams,
	type UwsCall,
} from './methods/cancel';
import { outcomeUnknown, resolveLostOrder } from './methods/outcome';
import {
	toCancelAllResponse,
	toCancelOrderResponse,
	toDeadManResponse,
	toEditOrderResponse,
	toSendOrderResult,
	type AckLike,
} from './methods/results';
import { forbiddenByStatusError } from './status';
import { UwsReads, type UnifiedSession } from './unified-reads';

export type { UnifiedSession } from './unified-reads';

export interface UnifiedClientOptions {
	/** The Unified WebSocket session (public and private socket) the client trades over. */
	session: UnifiedSession;
	/** Close the session with the client (default true). */
	ownsSession?: boolean;
	/** Check orders against the `instrument` channel before sending (default true). */
	validateOrders?: boolean;
	/** Round price to the tick and size (toward zero) to the step instead of rejecting. */
	roundToGrid?: boolean;
	/** How long the instrument list is cached (default 5 minutes). */
	instrumentsTtlMs?: number;
	/** How long a read waits for its channel's snapshot (default 10 000 ms). */
	readTimeoutMs?: number;
	/** After an unanswered `add_order`, how long to wait for its executions event (default 3 000 ms). */
	lostOrderWaitMs?: number;
}

/** Orders acknowledged but not yet seen on the executions channel count as open for this long. */
const JUST_PLACED_MS = 10_000;

/**
 * `KrakenFuturesTradingApi` over Kraken's Unified WebSocket: every legacy order call mapped to its
 * UWS method (see core/uws/methods/), results in the legacy shapes with the UWS reply alongside,
 * reads kept from the private channels, and what UWS does not offer refused with
 * `KrakenUnsupportedError`. Nothing is sent for an order that fails a local check.
 */
export class KrakenUnifiedClient extends UwsReads implements KrakenFuturesTradingApi {
	readonly instruments: InstrumentCache;
	readonly #validateOrders: boolean;
	readonly #roundToGrid: boolean;
	readonly #ownsSession: boolean;
	readonly #lostOrderWaitMs: number;
	/** Acked orders by id, until the executions channel has shown them (per-symbol cancel-all). */
	readonly #justPlaced = new Map<string, { symbol: string; cliOrdId?: string; at: number }>();

	constructor(options: UnifiedClientOptions) {
		super(options.session, options.readTimeoutMs ?? 10_000);
		this.#validateOrders = options.validateOrders !== false;
		this.#roundToGrid = options.roundToGrid === true;
		this.#ownsSession = options.ownsSession !== false;
		this.#lostOrderWaitMs = options.lostOrderWaitMs ?? 3_000;
		this.instruments = new InstrumentCache(() => this.getInstruments(), options.instrumentsTtlMs);
	}

	/** The checks sendOrder runs: shape, instrument grid and minimum size, and what UWS can carry. */
	async validateOrder(request: T.SendOrderRequest): Promise<T.SendOrderRequest> {
		let order = checkOrderShape(request);
		if (this.#validateOrders) {
			const instrument = await this.instruments.get(order.symbol);
			order = checkOrderAgainstInstrument(order, instrument, this.#roundToGrid);
			const qtyMin = (instrument?.raw as { qtyMin?: unknown } | undefined)?.qtyMin;
			if (typeof qtyMin === 'number' && order.size < qtyMin) {
				throw new KrakenValidationError(
					'size',
					`${order.size} is below the minimum order size ${qtyMin} for ${order.symbol}`,
				);
			}
		}
		toAddOrderParams(order);
		return order;
	}

	/** `add_order`. With `validate: true` Kraken checks the order and does not place it. */
	async sendOrder(request: T.SendOrderRequest, options: OrderCallOptions = {}): Promise<T.SendOrderResult> {
		const validated = await this.validateOrder(request);
		const order = { ...validated, cliOrdId: validated.cliOrdId ?? randomUUID() };
		const params = toAddOrderParams(order, options.validate === true);
		this.feeds.orders.start();
		this.#refuseIfStatusForbids([{ method: 'add_order', params }]);
		let ack: AckLike;
		try {
			ack = await this.session.request('add_order', params, options);
		} catch (error) {
			if (!(error instanceof KrakenTimeoutError) || options.validate === true) throw error;
			return resolveLostOrder(this.feeds.orders.state, order, error, this.#lostOrderWaitMs);
		}
		const result = toSendOrderResult(ack, order, options.validate === true);
		if (result.sendStatus.order_id !== undefined && options.validate !== true) {
			this.#remember(result.sendStatus.order_id, order.symbol, order.cliOrdId);
		}
		return result;
	}

	/** `amend_order`: in place, keeping the order's ids (and, where Kraken can, its queue priority). */
	async editOrder(request: T.EditOrderRequest, options: OrderCallOptions = {}): Promise<T.EditOrderResponse> {
		this.#refuseDryRun('amend_order', options);
		const edit = await checkEdit(
			request,
			this.#validateOrders ? this.instruments : undefined,
			this.#roundToGrid,
		);
		const filled = await this.#filledQtyFor(edit, options.signal);
		const params = toAmendOrderParams(edit, filled);
		const ack = await this.#changeOrder('amend_order', params, options);
		return toEditOrderResponse(ack, edit);
	}

	/** `cancel_order` by `order_id` or `cl_ord_id`. */
	async cancelOrder(
		request: T.CancelOrderRequest,
		options: OrderCallOptions = {},
	): Promise<T.CancelOrderResponse> {
		this.#refuseDryRun('cancel_order', options);
		const params = toCancelOrderParams(request);
		const ack = await this.#changeOrder('cancel_order', params, options);
		return toCancelOrderResponse(ack, request);
	}

	/**
	 * `cancel_all`, or for one symbol (UWS has no per-symbol cancel-all) `batch_cancel` over the
	 * symbol's open orders as the executions channel and this client's own acks know them.
	 */
	async cancelAllOrders(
		request: { symbol?: string } = {},
		options: OrderCallOptions = {},
	): Promise<T.CancelAllOrdersResponse> {
		this.#refuseDryRun('cancel_all', options);
		if (request.symbol === undefined) {
			const ack = await this.#changeOrder('cancel_all', toCancelAllParams(), options);
			return toCancelAllResponse([ack]);
		}
		const symbol = requireSymbol(request.symbol).toUpperCase();
		const book = await this.feeds.read(this.feeds.orders, 'executions', options.signal);
		const targets = new Map<string, { order_id: string; cliOrdId?: string }>();
		for (const order of book.forSymbol(symbol)) {
			targets.set(order.order_id, {
				order_id: order.order_id,
				...(order.cliOrdId ? { cliOrdId: order.cliOrdId } : {}),
			});
		}
		for (const [orderId, placed] of this.#justPlaced) {
			const seen =
				book.findByCliOrdId(placed.cliOrdId ?? '') !== undefined || book.findOpen({ orderId }) !== undefined;
			if (placed.symbol === symbol && !seen && Date.now() - placed.at < JUST_PLACED_MS) {
				targets.set(orderId, {
					order_id: orderId,
					...(placed.cliOrdId ? { cliOrdId: placed.cliOrdId } : {}),
				});
			}
		}
		const calls = planCancels([...targets.values()].map(({ order_id }) => ({ order_id })));
		const acks = await this.#runSteps('cancel all orders', calls, options);
		return toCancelAllResponse(acks, [...targets.values()]);
	}

	/** `cancel_all_orders_after`: the dead man's switch; 0 disarms it. */
	async cancelAllOrdersAfter(
		request: { timeout: number },
		options: OrderCallOptions = {},
	): Promise<T.CancelAllOrdersAfterResponse> {
		this.#refuseDryRun('cancel_all_orders_after', options);
		const params = toDeadManParams(request?.timeout);
		return toDeadManResponse(await this.#changeOrder('cancel_all_orders_after', params, options));
	}

	/**
	 * A legacy batch split into UWS calls that keep its order (core/uws/methods/batch.ts). Unlike
	 * legacy `batchorder` the steps are separate calls: if one fails, the steps before it stand,
	 * and the error says which did.
	 */
	async batchOrder(
		instructions: T.BatchInstruction[],
		options: OrderCallOptions & { processBefore?: string } = {},
	): Promise<T.BatchOrderResponse> {
		const validate = options.validate === true;
		const hasEdits = Array.isArray(instructions) && instructions.some((i) => i?.order === 'edit');
		const book = hasEdits
			? await this.feeds.read(this.feeds.orders, 'executions', options.signal)
			: undefined;
		const steps = await planBatch(instructions, (order) => this.validateOrder(order), {
			validate,
			...(options.processBefore !== undefined ? { processBefore: options.processBefore } : {}),
			filledQtyOf: (edit) => book?.findOpen(edit)?.filledSize as number | undefined,
		});
		if (validate && steps.some((step) => step.kind !== 'send'))
			this.#refuseDryRun('batch_cancel and amend_order', options);
		this.feeds.orders.start();
		const acks = await this.#runSteps('batch order', steps, options);
		return toBatchOrderResponse(instructions, steps, acks, validate);
	}

	async close(): Promise<void> {
		this.instruments.clear();
		this.closeReads();
		if (this.#ownsSession) await this.session.close();
	}

	/** A call that changes orders: a lost answer is reported as an unknown outcome. */
	async #changeOrder(
		method: string,
		params: Record<string, unknown>,
		options: RequestOptions,
	): Promise<AckLike> {
		this.#refuseIfStatusForbids([{ method, params }]);
		try {
			return await this.session.request(method, params, options);
		} catch (error) {
			if (error instanceof KrakenTimeoutError) throw outcomeUnknown(method, error.message, error);
			throw error;
		}
	}

	/** Runs the calls in order; the status is checked for all before the first is sent. */
	async #runSteps(action: string, calls: readonly UwsCall[], options: RequestOptions): Promise<AckLike[]> {
		this.#refuseIfStatusForbids(calls);
		const acks: AckLike[] = [];
		for (const [index, call] of calls.entries()) {
			try {
				acks.push(await this.#changeOrder(call.method, call.params, options));
			} catch (error) {
				if (index === 0 || !(error instanceof Error)) throw error;
				error.message = `${error.message} (${action}: step ${index + 1} of ${calls.length}, ${call.method}; the ${index} step(s) before it were carried out)`;
				throw error;
			}
		}
		return acks;
	}

	#refuseIfStatusForbids(calls: readonly UwsCall[]): void {
		for (const call of calls) {
			const verdict = this.session.orderCallVerdict(call.method, call.params);
			if (!verdict.allowed)
				throw forbiddenByStatusError(call.method, verdict, this.session.status?.system ?? '');
		}
	}

	#refuseDryRun(method: string, options: OrderCallOptions): void {
		if (options.validate === true) {
			throw new KrakenUnsupportedError(`a dry run (validate) of ${method}`, {
				substitute: 'validate works on sendOrder and on batches of sends only',
			});
		}
	}

	async #filledQtyFor(edit: T.EditOrderRequest, signal?: AbortSignal): Promise<number | undefined> {
		if (edit.size === undefined || edit.qtyMode === 'ABSOLUTE') return undefined;
		const book = await this.feeds.read(this.feeds.orders, 'executions', signal);
		const filled = book.findOpen(edit)?.filledSize;
		return typeof filled === 'number' ? filled : undefined;
	}

	#remember(orderId: string, symbol: string, cliOrdId: string): void {
		const now = Date.now();
		for (const [id, placed] of this.#justPlaced)
			if (now - placed.at >= JUST_PLACED_MS) this.#justPlaced.delete(id);
		this.#justPlaced.set(orderId, { symbol, cliOrdId, at: now });
	}
}
