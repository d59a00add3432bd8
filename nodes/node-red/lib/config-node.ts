import type { Node, NodeAPI, NodeDef } from 'node-red';
import { KrakenConfigError, type Logger } from '../../../core';
import type { KrakenConnection } from './connection';

/** How a node uses its config node: plain requests, or a live WebSocket feed. */
export type UserKind = 'request' | 'stream';

/** The runtime side of `kraken-futures-config` as the other nodes see it. */
export interface KrakenConfigNode extends Node {
	environment: string;
	connection: KrakenConnection;
	register(user: Node, kind: UserKind): void;
	deregister(user: Node): void;
}

/** The definition every node that talks to Kraken has: a reference to its config node. */
export interface KrakenUserDef extends NodeDef {
	account: string;
}

/** The config node a user node points at, or a config error naming the `account` field. */
export function findConfigNode(RED: NodeAPI, def: KrakenUserDef): KrakenConfigNode {
	const config = def.account ? (RED.nodes.getNode(def.account) as KrakenConfigNode | null) : null;
	if (config === null || typeof config.register !== 'function') {
		throw new KrakenConfigError('no Kraken Futures configuration node is selected', { field: 'account' });
	}
	return config;
}

/** Core log lines go to the node's log; errors as warnings so that they do not trigger Catch nodes. */
export function nodeLogger(node: Node): Logger {
	return {
		debug: (message) => node.debug(message),
		info: (message) => node.log(message),
		warn: (message) => node.warn(message),
		error: (message) => node.warn(message),
	};
}
