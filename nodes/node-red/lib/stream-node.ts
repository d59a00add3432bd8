import type { Node, NodeAPI } from 'node-red';
import type { KrakenStreamClient, WsSubscription } from '../../../core';
import { findConfigNode, type KrakenUserDef } from './config-node';
import { failMessage, statusTextFor } from './errors';
import { statusFor } from './status';

/**
 * Wires a trigger node to its config node's shared WebSocket: `start` subscribes once the client
 * exists, and the subscription is released when the node closes. Connection states (connecting,
 * connected, reconnecting) arrive from the config node.
 */
export function serveStream(
	RED: NodeAPI,
	node: Node,
	def: KrakenUserDef,
	start: (ws: KrakenStreamClient) => WsSubscription,
): void {
	let closed = false;
	let subscription: WsSubscription | undefined;
	const fail = (error: unknown): void => {
		const msg = {};
		const { reported, details } = failMessage(msg, error);
		node.status(statusFor.error(statusTextFor(details)));
		node.error(reported, msg);
	};
	let release = (): void => undefined;
	try {
		const config = findConfigNode(RED, def);
		config.register(node, 'stream');
		release = () => config.deregister(node);
		config.connection.ws().then((ws) => {
			if (closed) return;
			try {
				subscription = start(ws);
			} catch (error) {
				fail(error);
			}
		}, fail);
	} catch (error) {
		fail(error);
	}
	node.on('close', (_removed: boolean, done: () => void) => {
		closed = true;
		subscription?.unsubscribe();
		release();
		done();
	});
}
