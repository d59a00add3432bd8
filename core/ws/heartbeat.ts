import type WebSocket from 'ws';

export interface HeartbeatOptions {
	pingIntervalMs: number;
	staleAfterMs: number;
	/** Called once when nothing (no message, no pong, no ping) arrived for `staleAfterMs`. */
	onStale: () => void;
	/** Called with each protocol ping, e.g. to write an application-level ping too. */
	onPing?: () => void;
}

/**
 * Keeps an open socket honest: RFC 6455 ping frames every `pingIntervalMs` (Kraken's own sample
 * pings every 30 s and drops connections silent for 60 s), and a dead-socket timer that any
 * inbound traffic resets. A half-open TCP connection otherwise fires no event at all.
 * Returns `stop()`, which removes every timer and listener it added.
 */
export function startHeartbeat(socket: WebSocket, options: HeartbeatOptions): () => void {
	let stopped = false;
	const markAlive = (): void => {
		staleTimer.refresh();
	};
	const staleTimer = setTimeout(() => {
		stop();
		options.onStale();
	}, options.staleAfterMs);
	const pingTimer = setInterval(() => {
		if (socket.readyState !== socket.OPEN) return;
		socket.ping();
		options.onPing?.();
	}, options.pingIntervalMs);

	socket.on('message', markAlive);
	socket.on('pong', markAlive);
	socket.on('ping', markAlive);

	function stop(): void {
		if (stopped) return;
		stopped = true;
		clearTimeout(staleTimer);
		clearInterval(pingTimer);
		socket.off('message', markAlive);
		socket.off('pong', markAlive);
		socket.off('ping', markAlive);
	}
	return stop;
}
