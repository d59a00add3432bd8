import type { Node, NodeStatus } from 'node-red';

/** Status rings every Kraken Futures node uses. Texts stay short so the label fits under the node. */
export const statusFor = {
	connecting: (): NodeStatus => ({ fill: 'yellow', shape: 'ring', text: 'connecting' }),
	connected: (): NodeStatus => ({ fill: 'green', shape: 'dot', text: 'connected' }),
	reconnecting: (): NodeStatus => ({ fill: 'yellow', shape: 'ring', text: 'reconnecting' }),
	disconnected: (): NodeStatus => ({ fill: 'grey', shape: 'ring', text: 'disconnected' }),
	busy: (text: string): NodeStatus => ({ fill: 'blue', shape: 'ring', text: shorten(text) }),
	done: (text: string): NodeStatus => ({ fill: 'green', shape: 'dot', text: shorten(text) }),
	error: (text: string): NodeStatus => ({ fill: 'red', shape: 'ring', text: shorten(text) }),
};

// Long enough for an actionable error such as "authentication failed: check the API secret".
const MAX_STATUS_LENGTH = 48;

function shorten(text: string): string {
	return text.length <= MAX_STATUS_LENGTH ? text : `${text.slice(0, MAX_STATUS_LENGTH - 1)}…`;
}

/** The local time of day, for "placed at 12:03:04"-style last-action texts. */
export function clock(date = new Date()): string {
	return date.toTimeString().slice(0, 8);
}

/** Sets the same status on several nodes (connection state fans out from the config node). */
export function fanOut(nodes: Iterable<Node>, status: NodeStatus): void {
	for (const node of nodes) node.status(status);
}
