import type { Node, NodeAPI, NodeMessageInFlow } from 'node-red';
import type { KrakenFuturesTradingApi } from '../../../core';
import { findConfigNode, type KrakenConfigNode, type KrakenUserDef } from './config-node';
import { failMessage, statusTextFor } from './errors';
import { statusFor } from './status';

/** What one handled message produced: the new msg.payload and a short last-action text. */
export interface RequestOutcome {
	payload: unknown;
	status: string;
}

export type RequestHandler = (
	msg: NodeMessageInFlow,
	client: KrakenFuturesTradingApi,
) => Promise<RequestOutcome>;

/**
 * Wires an action node: msg in → one REST call → the same msg out with msg.payload replaced.
 * Failures go to `done(err)` with msg.error filled in, and the status ring says what happened.
 */
export function serveRequests(
	RED: NodeAPI,
	node: Node,
	def: KrakenUserDef,
	busyText: string,
	handle: RequestHandler,
): KrakenConfigNode | undefined {
	let config: KrakenConfigNode | undefined;
	try {
		config = findConfigNode(RED, def);
		config.register(node, 'request');
	} catch (error) {
		node.status(statusFor.error('no configuration'));
		node.on('input', (msg, _send, done) => done(failMessage(msg, error).reported));
		return undefined;
	}
	const owner = config;
	node.on('input', (msg, send, done) => {
		node.status(statusFor.busy(busyText));
		owner.connection
			.rest()
			.then((client) => handle(msg, client))
			.then(
				(outcome) => {
					msg.payload = outcome.payload;
					node.status(statusFor.done(outcome.status));
					send(msg);
					done();
				},
				(error: unknown) => {
					const { reported, details } = failMessage(msg, error);
					node.status(statusFor.error(statusTextFor(details)));
					done(reported);
				},
			);
	});
	node.on('close', (_removed: boolean, done: () => void) => {
		owner.deregister(node);
		done();
	});
	return owner;
}
