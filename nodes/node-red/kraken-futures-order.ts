import type { Node, NodeAPI } from 'node-red';
import {
	checkOrderGuards,
	isInverseSymbol,
	KrakenValidationError,
	toNumber,
	type KrakenFuturesTradingApi,
	type OrderGuards,
	type SendOrderRequest,
} from '../../core';
import { mergeInput, readChoice, type RawInput } from '../shared/input';
import { fillOf } from '../shared/order-fill';
import {
	EDIT_ORDER_FIELDS,
	readOrderType,
	toEditOrderRequest,
	toSendOrderRequest,
} from '../shared/order-input';
import { editOrderInput, sendOrderInput } from '../shared/payload-rule';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests, type RequestOutcome } from './lib/request-node';
import { namingSources, readFieldValues, withSourced } from './lib/typed-fields';

interface OrderDef extends KrakenUserDef, RawInput {
	action?: string;
	maxSize?: string;
	maxNotional?: string;
	guardReduceOnly?: boolean;
}

function guardsOf(def: OrderDef): OrderGuards {
	return {
		maxSize: toNumber(def.maxSize),
		maxNotional: toNumber(def.maxNotional),
		reduceOnly: def.guardReduceOnly === true,
	};
}

/** Market, trailing and offset orders carry no price of their own: the notional guard uses the mark. */
async function referencePrice(
	client: KrakenFuturesTradingApi,
	order: SendOrderRequest,
	guards: OrderGuards,
): Promise<number | undefined> {
	const needsPrice =
		guards.maxNotional !== undefined &&
		!isInverseSymbol(order.symbol) &&
		order.limitPrice === undefined &&
		order.stopPrice === undefined;
	if (!needsPrice) return undefined;
	const { ticker } = await client.getTicker(order.symbol);
	return toNumber(ticker.markPrice) ?? toNumber(ticker.last);
}

async function sendOrder(client: KrakenFuturesTradingApi, input: RawInput, guards: OrderGuards) {
	const order = toSendOrderRequest(input);
	checkOrderGuards(order, guards, await referencePrice(client, order, guards));
	const result = await client.sendOrder(order);
	const placed = result.sendStatus;
	const fill = fillOf(placed.orderEvents, placed.receivedTime);
	return {
		// The fill first: after a market order it is what the trader looks for.
		payload: { ...fill, ...placed, cliOrdId: placed.cliOrdId ?? order.cliOrdId ?? null, order },
		status:
			fill.fillPrice === null
				? `${order.side} ${order.size} ${order.symbol}`
				: `${order.side === 'buy' ? 'bought' : 'sold'} ${fill.filledSize} @ ${fill.fillPrice}`,
	};
}

async function editOrder(client: KrakenFuturesTradingApi, input: RawInput, guards: OrderGuards) {
	const edit = toEditOrderRequest(input);
	if (guards.maxSize !== undefined && edit.size !== undefined && edit.size > guards.maxSize) {
		throw new KrakenValidationError(
			'size',
			`${edit.size} is above this node's maximum size of ${guards.maxSize}`,
		);
	}
	const result = await client.editOrder(edit);
	return { payload: { ...result.editStatus, edit }, status: `edited ${edit.orderId ?? edit.cliOrdId}` };
}

/** The price fields each order type uses: only these are read from a source (the dialog gets this table). */
const PRICE_FIELDS: Record<string, readonly string[]> = {
	lmt: ['limitPrice'],
	post: ['limitPrice'],
	ioc: ['limitPrice'],
	fok: ['limitPrice'],
	mkt: [],
	stp: ['limitPrice', 'stopPrice', 'limitPriceOffsetValue'],
	take_profit: ['limitPrice', 'stopPrice', 'limitPriceOffsetValue'],
	trailing_stop: ['trailingStopMaxDeviation', 'limitPriceOffsetValue'],
};
/** The two ways to name an order to edit. */
const ORDER_IDS = ['orderId', 'cliOrdId'];
/** The fields the edit part of the dialog shows as typed inputs. */
const EDIT_TYPED_FIELDS = EDIT_ORDER_FIELDS.filter(
	(field) => !['trailingStopDeviationUnit', 'qtyMode', 'processBefore'].includes(field),
);

/** The typed-input fields a new order reads, for the order type the message ends up with. */
function sendTypedFields(def: OrderDef, payload: unknown): string[] {
	const orderType = readOrderType(sendOrderInput(def, payload));
	return ['symbol', 'side', 'size', 'cliOrdId', ...(PRICE_FIELDS[orderType ?? ''] ?? [])];
}

export = function (RED: NodeAPI): void {
	function KrakenFuturesOrder(this: Node, def: OrderDef): void {
		RED.nodes.createNode(this, def);
		const guards = guardsOf(def);
		serveRequests(RED, this, def, 'sending', async (msg, client) => {
			const action =
				readChoice(mergeInput(def, msg.payload, ['action']), 'action', ['send', 'edit'] as const) ?? 'send';
			const fields = action === 'edit' ? EDIT_TYPED_FIELDS : sendTypedFields(def, msg.payload);
			const { literals, sourced, origins } = await readFieldValues(RED, this, def, msg, fields);
			return namingSources<RequestOutcome>(origins, () =>
				action === 'edit'
					? editOrder(client, withSourced(editOrderInput(literals, msg.payload), sourced, ORDER_IDS), guards)
					: sendOrder(client, withSourced(sendOrderInput(literals, msg.payload), sourced), guards),
			);
		});
	}
	RED.nodes.registerType('kraken-futures-order', KrakenFuturesOrder, {
		// The dialog shows, hides and checks the same price fields per order type.
		settings: { krakenFuturesOrderPriceFields: { value: PRICE_FIELDS, exportable: true } },
	});
};
