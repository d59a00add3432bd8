import type { Node, NodeAPI } from 'node-red';
import { KrakenValidationError, type KrakenFuturesTradingApi } from '../../core';
import { mergeInput, readChoice, readNumber, readString, type RawInput } from '../shared/input';
import { cancelInput } from '../shared/payload-rule';
import type { KrakenConfigNode, KrakenUserDef } from './lib/config-node';
import { failMessage, statusTextFor } from './lib/errors';
import { serveRequests } from './lib/request-node';
import { clock, statusFor } from './lib/status';
import { namingSources, readFieldValues, withSourced } from './lib/typed-fields';

const ACTIONS = ['cancel', 'cancelAll', 'arm', 'disarm'] as const;
type CancelAction = (typeof ACTIONS)[number];

interface CancelDef extends KrakenUserDef, RawInput {
	action?: CancelAction;
	timeout?: string;
	keepArmed?: boolean;
}

/** Re-arm four times per timeout, so that one or two lost calls never let the switch fire. */
const REARMS_PER_TIMEOUT = 4;

function readTimeout(input: RawInput): number {
	const timeout = readNumber(input, 'timeout', true);
	if (!Number.isInteger(timeout) || timeout < 0) {
		throw new KrakenValidationError(
			'timeout',
			`must be a whole number of seconds (0 disarms), got ${timeout}`,
		);
	}
	return timeout;
}

async function runAction(client: KrakenFuturesTradingApi, action: CancelAction, input: RawInput) {
	switch (action) {
		case 'cancel': {
			const orderId = readString(input, 'order_id');
			const cliOrdId = readString(input, 'cliOrdId');
			if (orderId === undefined && cliOrdId === undefined) {
				throw new KrakenValidationError('order_id', 'order_id or cliOrdId is required to cancel an order');
			}
			const result = await client.cancelOrder(
				orderId !== undefined ? { order_id: orderId } : { cliOrdId: cliOrdId! },
			);
			return { payload: result.cancelStatus, status: `cancelled ${clock()}` };
		}
		case 'cancelAll': {
			const symbol = readString(input, 'symbol')?.toUpperCase();
			const result = await client.cancelAllOrders(symbol !== undefined ? { symbol } : {});
			const count = result.cancelStatus.cancelledOrders?.length ?? 0;
			return { payload: result.cancelStatus, status: `cancelled ${count} ${clock()}` };
		}
		case 'arm': {
			const timeout = readTimeout(input);
			const result = await client.cancelAllOrdersAfter({ timeout });
			return { payload: result.status, status: timeout === 0 ? 'disarmed' : `armed ${timeout}s ${clock()}` };
		}
		case 'disarm': {
			const result = await client.cancelAllOrdersAfter({ timeout: 0 });
			return { payload: result.status, status: 'disarmed' };
		}
	}
}

const FIELDS = ['order_id', 'cliOrdId', 'symbol', 'timeout'];

/** The two ways to name the order to cancel. */
const ORDER_IDS = ['order_id', 'cliOrdId'];

/** The typed-input fields each action reads. */
const TYPED_FIELDS: Record<CancelAction, readonly string[]> = {
	cancel: ['order_id', 'cliOrdId'],
	cancelAll: ['symbol'],
	arm: [],
	disarm: [],
};

/**
 * Keeps the dead man's switch armed while the node is deployed. On redeploy or shutdown the switch
 * stays armed (the new node re-arms at once; a stopped Node-RED lets it fire, which is its purpose);
 * only removing the node disarms it. The disarm waits for a re-arm still on its way: sent on
 * another connection, that re-arm could otherwise reach Kraken after the disarm and arm it again.
 */
function keepArmed(node: Node, config: KrakenConfigNode, timeout: number): void {
	let lastArm: Promise<void> = Promise.resolve();
	const arm = (): void => {
		lastArm = config.connection
			.rest()
			.then((client) => client.cancelAllOrdersAfter({ timeout }))
			.then(
				() => node.status(statusFor.done(`armed ${timeout}s ${clock()}`)),
				(error: unknown) => {
					const msg = { payload: { action: 'arm', timeout } };
					const { reported, details } = failMessage(msg, error);
					node.status(statusFor.error(statusTextFor(details)));
					node.error(reported, msg);
				},
			);
	};
	arm();
	const timer = setInterval(arm, (timeout * 1000) / REARMS_PER_TIMEOUT);
	node.on('close', (removed: boolean, done: () => void) => {
		clearInterval(timer);
		if (!removed) return done();
		lastArm
			.then(() => config.connection.rest())
			.then((client) => client.cancelAllOrdersAfter({ timeout: 0 }))
			.then(
				() => done(),
				() => done(),
			);
	});
}

export = function (RED: NodeAPI): void {
	function KrakenFuturesCancel(this: Node, def: CancelDef): void {
		RED.nodes.createNode(this, def);
		const config = serveRequests(RED, this, def, 'cancelling', async (msg, client) => {
			const action = readChoice(mergeInput(def, msg.payload, ['action']), 'action', ACTIONS) ?? 'cancel';
			const { literals, sourced, origins } = await readFieldValues(RED, this, def, msg, TYPED_FIELDS[action]);
			return namingSources(origins, () =>
				runAction(
					client,
					action,
					withSourced(cancelInput(literals, msg.payload, FIELDS), sourced, ORDER_IDS),
				),
			);
		});
		if (config !== undefined && def.keepArmed === true) {
			try {
				const timeout = readTimeout(def);
				if (timeout === 0)
					throw new KrakenValidationError('timeout', 'must be above 0 to keep the switch armed');
				keepArmed(this, config, timeout);
			} catch (error) {
				this.status(statusFor.error(statusTextFor(failMessage({}, error).details)));
			}
		}
	}
	RED.nodes.registerType('kraken-futures-cancel', KrakenFuturesCancel);
};
