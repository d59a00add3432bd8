import { randomUUID } from 'node:crypto';
import type { KrakenFuturesTradingApi, OrderCallOptions } from '../api';
import { assertOrderAccepted } from '../error-map';
import { KrakenTimeoutError, KrakenUnsupportedError } from '../errors';
import { checkEdit, checkOrderAgainstInstrument, checkOrderShape } from '../instruments/validate-order';
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
import { recoverTimedOutOrder } from './order-recovery';
import type * as T from './types';

export type { RestClientOptions } from './client-base';

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
		return checkOrderAgainstInstrument(shaped, await this.instruments.get(shaped.symbol), this.#roundToGrid);
	}

	/**
	 * Places an order. Throws KrakenOrderRejectedError when Kraken answers success but did not place it.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/send-order
	 */
	async sendOrder(request: T.SendOrderRequest, options?: OrderCallOptions): Promise<T.SendOrderResult> {
		refuseDryRun(options);
		const validated = await this.validateOrder(request);
		const order = { ...validated, cliOrdId: validated.cliOrdId ?? randomUUID() };
		let response: T.SendOrderResponse;
		try {
			response = await this.callPost(ENDPOINTS.sendorder, encodeForm(sendOrderParams(order)), options);
		} catch (error) {
			if (error instanceof KrakenTimeoutError) {
				this.logger.warn(`sendorder timed out; looking up cliOrdId ${order.cliOrdId} instead of re-sending`);
				return recoverTimedOutOrder(this, order, error);
			}
			throw error;
		}
		assertOrderAccepted('send', response.sendStatus, ENDPOINTS.sendorder.path);
		return response;
	}

	/**
	 * Amends an open order (by orderId or cliOrdId). Throws KrakenOrderRejectedError unless edited.
	 * @see https://docs.kraken.com/api/docs/futures-api/trading/edit-order-spring
	 */
	async editOrder(request: T.EditOrderRequest, options?: OrderCallOptions): Promise<T.EditOrderResponse> {
		refuseDryRun(options);
		const edit = await checkEdit(
			request,
			this.#validateOrders ? this.instruments : undefined,
			this.#roundToGrid,
		);
		const response = await this.callPost<T.EditOrderResponse>(
			ENDPOINTS.editorder,
			encodeForm(editOrderParams(edit)),
			options,
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
		const response = await this.callPost<T.CancelOrderResponse>(
			ENDPOINTS.cancelorder,
			encodeForm(checkCancelRequest(request)),
			options,
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
		const response = await this.callPost<T.CancelAllOrdersResponse>(
			ENDPOINTS.cancelallorders,
			encodeForm({ symbol }),
			options,
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
		return this.callPost(ENDPOINTS.cancelallordersafter, encodeForm({ timeout }), options);
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
		const response = await this.callPost<T.BatchOrderResponse>(ENDPOINTS.batchorder, body, options, cost);
		assertBatchAccepted(response, ENDPOINTS.batchorder.path);
		return response;
	}

	async close(): Promise<void> {
		this.instruments.clear();
		if (this.ownsTransport) await this.transport.close();
	}
}
