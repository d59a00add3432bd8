import type WebSocket from 'ws';

export interface HeartbeatOptions {
	pingIntervalMs: number;
	staleAfterMs: number;
	/** Called once when nothing (no message, no pong, no ping) arrived for `staleAfterMs`. */
	onStale: () => void;
	/** Called with each protocol ping, e.g. to write an application-level ping too. */
	onPing?: () => void;
}

export interface Heartbeat {
	/** Inbound traffic: the connection's message handler calls it for every message. */
	alive(): void;
	/** Removes every timer and listener the heartbeat added. */
	stop(): void;
}

/**
 * How many times per `staleAfterMs` the silence is checked: a dead socket is found within
 * `staleAfterMs` plus one eighth of it.
 */
const STALE_CHECKS = 8;

/**
 * Keeps an open socket honest: RFC 6455 ping frames every `pingIntervalMs` (Kraken's own sample
 * pings every 30 s and drops connections silent for 60 s), and a dead-socket check that any
 * inbound traffic postpones. A half-open TCP connection otherwise fires no event at all. Traffic
 * only sets a flag, which a periodic check reads: every message of a busy feed passes through
 * `alive`, and re-arming a timer per message would cost more than the message itself.
 */
export function startHeartbeat(socket: WebSocket, options: HeartbeatOptions): Heartbeat {
	let stopped = false;
	let heard = false;
	let quietSince = Date.now();
	const alive = (): void => {
		heard = true;
	};
	const staleCheck = setInterval(
		() => {
			const now = Date.now();
			if (heard) {
				heard = false;
				quietSince = now;
			} else if (now - quietSince >= options.staleAfterMs) {
				stop();
				options.onStale();
			}
		},
		Math.max(1, Math.floor(options.staleAfterMs / STALE_CHECKS)),
	);
	const pingTimer = setInterval(() => {
		if (socket.readyState !== socket.OPEN) return;
		socket.ping();
		options.onPing?.();
	}, options.pingIntervalMs);

	socket.on('pong', alive);
	socket.on('ping', alive);

	function stop(): void {
		if (stopped) return;
		stopped = true;
		clearInterval(staleCheck);
		clearInterval(pingTimer);
		socket.off('pong', alive);
		socket.off('ping', alive);
	}
	return { alive, stop };
}
