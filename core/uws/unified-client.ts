import { randomUUID } from 'node:crypto';
import type { KrakenFuturesTradingApi, OrderCallOptions, RequestOptions } from '../api';
import { KrakenOrderOutcomeUnknownError, KrakenUnsupportedError, KrakenValidationError } from '../errors';
import { InstrumentCache, type InstrumentSpec } from '../instruments/cache';
import { checkEdit, checkOrderShape, checkShapedOrderAgainstInstrument } from '../instruments/validate-order';
import { assertBatchAccepted } from '../rest/batch';
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
import { withOrderFills } from './methods/order-fills';
import { resolveLostOrder } from './methods/outcome';
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

	/** The trading engine's mode as Kraken last reported it on the `status` channel (`online`, `cancel_only`, ...). */
	get systemStatus(): string | undefined {
		return this.session.status?.system;
	}

	/** The checks sendOrder runs: shape, instrument grid and minimum size, and what UWS can carry. */
	async validateOrder(request: T.SendOrderRequest): Promise<T.SendOrderRequest> {
		const order = await this.#checkedOrder(request);
		toAddOrderParams(order);
		return order;
	}

	/**
	 * The checked order: at once when the instrument list is cached (the usual case, and the one a
	 * bot reacting to a tick takes), after fetching it otherwise.
	 */
	#checkedOrder(request: T.SendOrderRequest): T.SendOrderRequest | Promise<T.SendOrderRequest> {
		const order = checkOrderShape(request);
		if (!this.#validateOrders) return order;
		const cached = this.instruments.peek(order.symbol);
		if (cached !== undefined) return this.#onInstrumentGrid(order, cached);
		return this.instruments.get(order.symbol).then((instrument) => this.#onInstrumentGrid(order, instrument));
	}

	#onInstrumentGrid(order: T.SendOrderRequest, instrument: InstrumentSpec | undefined): T.SendOrderRequest {
		const onGrid = checkShapedOrderAgainstInstrument(order, instrument, this.#roundToGrid);
		const qtyMin = (instrument?.raw as { qtyMin?: unknown } | undefined)?.qtyMin;
		if (typeof qtyMin === 'number' && onGrid.size < qtyMin) {
			throw new KrakenValidationError(
				'size',
				`${onGrid.size} is below the minimum order size ${qtyMin} for ${onGrid.symbol}`,
			);
		}
		return onGrid;
	}

	/** `add_order`. With `validate: true` Kraken checks the order and does not place it. */
	async sendOrder(request: T.SendOrderRequest, options: OrderCallOptions = {}): Promise<T.SendOrderResult> {
		const checking = this.#checkedOrder(request);
		// The checks made a copy of the request: the generated id goes on the copy.
		const order = (checking instanceof Promise ? await checking : checking) as T.SendOrderRequest & {
			cliOrdId: string;
		};
		order.cliOrdId ??= randomUUID();
		const params = toAddOrderParams(order, options.validate === true);
		this.feeds.orders.start();
		// The session refuses what the exchange's status forbids before writing it.
		let ack: AckLike;
		try {
			ack = await this.session.request('add_order', params, options);
		} catch (error) {
			if (!(error instanceof KrakenOrderOutcomeUnknownError)) throw error;
			return resolveLostOrder(this.feeds.orders.state, order, error, this.#lostOrderWaitMs);
		}
		const result = toSendOrderResult(ack, order, options.validate === true);
		if (result.sendStatus.order_id !== undefined && options.validate !== true) {
			this.#remember(result.sendStatus.order_id, order.symbol, order.cliOrdId);
		}
		return withOrderFills(result, order.orderType, this.feeds.fills, this.#lostOrderWaitMs);
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
	 * and the error says which did. An order Kraken rejects inside a batch (the rest of the batch
	 * still goes through, as Kraken documents) throws like the legacy batch, with every entry kept.
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
		const response = toBatchOrderResponse(instructions, steps, acks, validate);
		if (!validate) {
			response.batchStatus.forEach((entry, index) => {
				const instruction = instructions[index];
				if (instruction.order === 'send' && entry.status === 'placed' && entry.order_id !== undefined) {
					this.#remember(entry.order_id, instruction.symbol.toUpperCase(), entry.cliOrdId ?? undefined);
				}
			});
			assertBatchAccepted(response, 'batch_add/batch_cancel/amend_order');
		}
		return response;
	}

	async close(): Promise<void> {
		this.instruments.clear();
		this.closeReads();
		if (this.#ownsSession) await this.session.close();
	}

	/**
	 * A call that changes orders. The session refuses what the exchange status forbids before
	 * writing it, and reports a request written but never answered as an unknown outcome
	 * (KrakenOrderOutcomeUnknownError, as the legacy transport does).
	 */
	#changeOrder(method: string, params: Record<string, unknown>, options: RequestOptions): Promise<AckLike> {
		return this.session.request(method, params, options);
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

	/**
	 * The filled quantity of the order an edit names, for a RELATIVE size. An order this client has
	 * just placed may not be on the executions channel yet: it is waited for, briefly.
	 */
	async #filledQtyFor(edit: T.EditOrderRequest, signal?: AbortSignal): Promise<number | undefined> {
		if (edit.size === undefined || edit.qtyMode === 'ABSOLUTE') return undefined;
		const book = await this.feeds.read(this.feeds.orders, 'executions', signal);
		const justPlaced = [...this.#justPlaced].some(
			([orderId, placed]) =>
				orderId === edit.orderId || (edit.cliOrdId !== undefined && placed.cliOrdId === edit.cliOrdId),
		);
		const deadline = Date.now() + (justPlaced ? this.#lostOrderWaitMs : 0);
		for (;;) {
			const filled = book.findOpen(edit)?.filledSize;
			if (typeof filled === 'number') return filled;
			if (Date.now() >= deadline || signal?.aborted) return undefined;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	#remember(orderId: string, symbol: string, cliOrdId: string | undefined): void {
		const now = Date.now();
		// Oldest first (insertion order, each id added once): stop at the first still recent.
		for (const [id, placed] of this.#justPlaced) {
			if (now - placed.at < JUST_PLACED_MS) break;
			this.#justPlaced.delete(id);
		}
		// Literals, not a spread then `at`: under Node.js 20 that gives every entry its own hidden class.
		this.#justPlaced.set(
			orderId,
			cliOrdId === undefined ? { symbol, at: now } : { symbol, cliOrdId, at: now },
		);
	}
}
