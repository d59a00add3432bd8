import { randomUUID } from 'node:crypto';
import type { KrakenFuturesTradingApi, OrderCallOptions } from '../api';
import { assertOrderAccepted } from '../error-map';
import { KrakenUnsupportedError } from '../errors';
import { checkEdit, checkOrderShape, checkShapedOrderAgainstInstrument } from '../instruments/validate-order';
import { assertBatchAccepted, prepareBatch } from './batch';
import { RestClientBase, type RestClientOptions } from './client-base';
import { requireSymbol } from './request-params';
import { batchOrderCost, ENDPOINTS } from './endpoints';
import { encodeBatchBody, encodeForm } from './form';
import {
	assertCancelAllSucceeded,
	checkCancelRequest,
	checkDeadManTimeout,
	editOrderParams,
	sendOrderParams,
} from './order-params';
import {
	type FoundOrder,
	isOutcomeUncertain,
	orderIdOf,
	type OutcomeContext,
	resolveBatchOutcome,
	resolveByRepeating,
	resolveCancelAllOutcome,
	resolveCancelOutcome,
	resolveEditOutcome,
	resolveSendOutcome,
} from '../outcome';
import { restOutcomeLookups } from './order-recovery';
import type * as T from './types';

export type { RestClientOptions } from './client-base';

/** A status entry for a call whose effect a lookup confirmed. */
function settledStatus(
	status: string,
	entry: Record<string, unknown>,
	ref: { orderId?: string; cliOrdId?: string },
) {
	const orderId = orderIdOf(entry) ?? ref.orderId;
	return {
		status,
		...(orderId !== undefined ? { order_id: orderId, orderId } : {}),
		...(ref.cliOrdId !== undefined ? { cliOrdId: ref.cliOrdId } : {}),
		orderEvents: [],
	};
}

function recovered<R extends object>(response: R, found: FoundOrder): R & T.KrakenEnvelope {
	return { result: 'success', ...response, recoveredAfterTimeout: found } as R & T.KrakenEnvelope;
}

/** Derivatives REST v3 has no dry run: a call asking for one is refused, never sent for real. */
function refuseDryRun(options: OrderCallOptions | undefined): void {
	if (options?.validate === true) {
		throw new KrakenUnsupportedError('a dry run of an order call (validate)', { transport: 'legacy' });
	}
}

/** @see https://docs.kraken.com/api/docs/futures-api/trading/ */
export class KrakenFuturesRestClient extends RestClientBase implements KrakenFuturesTradingApi {
	readonly #validateOrders: boolean;
	readonly #roundToGrid: boolean;

	constructor(options: RestClientOptions) {
		super(options);
		this.#validateOrders = options.validateOrders !== false;
		this.#roundToGrid = options.roundToGrid === true;
	}

	/** The local checks sendOrder runs: shape, then symbol, tick size and size step. */
	async validateOrder(request: T.SendOrderRequest): Promise<T.SendOrderRequest> {
		const shaped = checkOrderShape(request);
		if (!this.#validateOrders) return shaped;
		return checkShapedOrderAgainstInstrument(
			shaped,
			await this.instruments.get(shaped.symbol),
			this.#roundToGrid,
		);
	}

	#outcome(): OutcomeContext {
		return { lookups: restOutcomeLookups(this), timeoutMs: this.outcomeLookupMs };
	}

	/**
	 * Sends an order-changing call. When its answer is unclear (timeout, lost connection, 5xx,
	 * truncated body) the outcome is resolved by `resolve` before the caller hears anything.
	 */
	async #changeOrders<R>(
		endpoint: string,
		send: () => Promise<R>,
		resolve: (cause: unknown) => Promise<R>,
	): Promise<R> {
		try {
			return await send();
		} catch (error) {
			if (!isOutcomeUncertain(error)) throw error;
			this.logger.warn(`${endpoint}: no clear answer; looking up what happened instead of re-sending`);
			return resolve(error);
		}
	}

	/**
	 * Places an order. Throws KrakenOrderRejectedError when Kraken answers success but did not place
	 * it, and KrakenOrderOutcomeUnknownError when neither the answer nor a lookup can tell.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/send-order
	 */
	async sendOrder(request: T.SendOrderRequest, options?: OrderCallOptions): Promise<T.SendOrderResult> {
		refuseDryRun(options);
		const validated = await this.validateOrder(request);
		const order = { ...validated, cliOrdId: validated.cliOrdId ?? randomUUID() };
		const response = await this.#changeOrders<T.SendOrderResult>(
			ENDPOINTS.sendorder.path,
			() => this.callPost(ENDPOINTS.sendorder, encodeForm(sendOrderParams(order)), options),
			async (cause) => {
				const found = await resolveSendOutcome(this.#outcome(), order.cliOrdId, cause);
				const orderId = orderIdOf(found.entry);
				return {
					result: 'success',
					sendStatus: {
						status: 'placed',
						cliOrdId: order.cliOrdId,
						...(orderId !== undefined ? { order_id: orderId } : {}),
						orderEvents: [],
					},
					recoveredAfterTimeout: found,
				};
			},
		);
		assertOrderAccepted('send', response.sendStatus, ENDPOINTS.sendorder.path);
		return response;
	}

	/**
	 * Amends an open order (by orderId or cliOrdId). Throws KrakenOrderRejectedError unless edited.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/edit-order-spring
	 */
	async editOrder(request: T.EditOrderRequest, options?: OrderCallOptions): Promise<T.EditOrderResponse> {
		refuseDryRun(options);
		const ref = await checkEdit(
			request,
			this.#validateOrders ? this.instruments : undefined,
			this.#roundToGrid,
		);
		const response = await this.#changeOrders<T.EditOrderResponse>(
			ENDPOINTS.editorder.path,
			() => this.callPost(ENDPOINTS.editorder, encodeForm(editOrderParams(ref)), options),
			async (cause) => {
				const found = await resolveEditOutcome(this.#outcome(), ref, cause);
				return recovered({ editStatus: settledStatus('edited', found.entry, ref) }, found);
			},
		);
		assertOrderAccepted('edit', response.editStatus, ENDPOINTS.editorder.path);
		return response;
	}

	/**
	 * `filled` and `notFound` are rejections: the order was not cancelled by this call.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/cancel-order
	 */
	async cancelOrder(
		request: T.CancelOrderRequest,
		options?: OrderCallOptions,
	): Promise<T.CancelOrderResponse> {
		refuseDryRun(options);
		const params = checkCancelRequest(request);
		const ref =
			typeof params.order_id === 'string'
				? { orderId: params.order_id }
				: { cliOrdId: String(params.cliOrdId) };
		const response = await this.#changeOrders<T.CancelOrderResponse>(
			ENDPOINTS.cancelorder.path,
			() => this.callPost(ENDPOINTS.cancelorder, encodeForm(params), options),
			async (cause) => {
				const found = await resolveCancelOutcome(this.#outcome(), ref, cause);
				return recovered({ cancelStatus: settledStatus('cancelled', found.entry, ref) }, found);
			},
		);
		assertOrderAccepted('cancel', response.cancelStatus, ENDPOINTS.cancelorder.path);
		return response;
	}

	/**
	 * Cancels every open order, or those of one symbol.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/cancel-all-orders
	 */
	async cancelAllOrders(
		request: { symbol?: string } = {},
		options?: OrderCallOptions,
	): Promise<T.CancelAllOrdersResponse> {
		refuseDryRun(options);
		const symbol = request.symbol === undefined ? undefined : requireSymbol(request.symbol);
		const response = await this.#changeOrders<T.CancelAllOrdersResponse>(
			ENDPOINTS.cancelallorders.path,
			() => this.callPost(ENDPOINTS.cancelallorders, encodeForm({ symbol }), options),
			async (cause) => {
				await resolveCancelAllOutcome(this.#outcome(), symbol, cause);
				return {
					result: 'success',
					cancelStatus: { status: 'cancelled', cancelledOrders: [], orderEvents: [] },
				};
			},
		);
		assertCancelAllSucceeded(response, ENDPOINTS.cancelallorders.path);
		return response;
	}

	/**
	 * Dead man's switch: cancel everything after `timeout` seconds unless called again; 0 turns it off.
	 * @see https://docs.kraken.com/api-reference/order-management/dead-mans-switch
	 */
	async cancelAllOrdersAfter(
		request: { timeout: number },
		options?: OrderCallOptions,
	): Promise<T.CancelAllOrdersAfterResponse> {
		refuseDryRun(options);
		const timeout = checkDeadManTimeout(request?.timeout);
		const body = encodeForm({ timeout });
		return this.#changeOrders<T.CancelAllOrdersAfterResponse>(
			ENDPOINTS.cancelallordersafter.path,
			() => this.callPost(ENDPOINTS.cancelallordersafter, body, options),
			(cause) =>
				resolveByRepeating(
					this.#outcome(),
					'deadManSwitch',
					`the dead man's switch (${timeout} s)`,
					cause,
					(signal) => this.callPost(ENDPOINTS.cancelallordersafter, body, { signal, priority: true }),
				),
		);
	}

	/**
	 * Sends, edits and cancels in one call. Throws on the first element that did not succeed.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/send-batch-order
	 */
	async batchOrder(
		instructions: T.BatchInstruction[],
		options?: OrderCallOptions & { processBefore?: string },
	): Promise<T.BatchOrderResponse> {
		refuseDryRun(options);
		const elements = await prepareBatch(instructions, (order) => this.validateOrder(order));
		const body = encodeBatchBody(elements, options?.processBefore);
		const cost = batchOrderCost(elements.length);
		const response = await this.#changeOrders<T.BatchOrderResponse>(
			ENDPOINTS.batchorder.path,
			() => this.callPost(ENDPOINTS.batchorder, body, options, cost),
			async (cause) => ({
				result: 'success',
				batchStatus: (await resolveBatchOutcome(
					this.#outcome(),
					elements,
					cause,
				)) as T.BatchOrderResponse['batchStatus'],
			}),
		);
		assertBatchAccepted(response, ENDPOINTS.batchorder.path);
		return response;
	}

	async close(): Promise<void> {
		this.instruments.clear();
		if (this.ownsTransport) await this.transport.close();
	}
}
