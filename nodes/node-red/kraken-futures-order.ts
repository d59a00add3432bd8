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
import { toEditOrderRequest, toSendOrderRequest } from '../shared/order-input';
import { editOrderInput, sendOrderInput } from '../shared/payload-rule';
import type { KrakenUserDef } from './lib/config-node';
import { serveRequests } from './lib/request-node';

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

export = function (RED: NodeAPI): void {
	function KrakenFuturesOrder(this: Node, def: OrderDef): void {
		RED.nodes.createNode(this, def);
		const guards = guardsOf(def);
		serveRequests(RED, this, def, 'sending', async (msg, client) => {
			const action =
				readChoice(mergeInput(def, msg.payload, ['action']), 'action', ['send', 'edit'] as const) ?? 'send';
			if (action === 'edit') return editOrder(client, editOrderInput(def, msg.payload), guards);
			return sendOrder(client, sendOrderInput(def, msg.payload), guards);
		});
	}
	RED.nodes.registerType('kraken-futures-order', KrakenFuturesOrder);
};
