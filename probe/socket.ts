import { WebSocket } from 'ws';
import type { SessionRecorder, Source } from './recorder';

type Message = Record<string, unknown>;

const OPEN_TIMEOUT_MS = 15_000;

/** One recorded Unified WebSocket connection: everything sent and received goes to the session file. */
export class ProbeSocket {
	readonly received: Message[] = [];
	#reqId = 0;
	#waiters: { match: (m: Message) => boolean; resolve: (m: Message | undefined) => void }[] = [];

	private constructor(
		private readonly socket: WebSocket,
		private readonly source: Source,
		private readonly recorder: SessionRecorder,
	) {
		socket.on('message', (data) => {
			const message = recorder.recordFrame(source, data.toString());
			if (typeof message !== 'object' || message === null) return;
			this.received.push(message as Message);
			for (const waiter of [...this.#waiters]) {
				if (!waiter.match(message as Message)) continue;
				this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
				waiter.resolve(message as Message);
			}
		});
		socket.on('close', (code, reason) =>
			recorder.record(source, 'note', { event: 'closed', code, reason: reason.toString() }),
		);
	}

	static open(url: string, source: Source, recorder: SessionRecorder): Promise<ProbeSocket> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url, { handshakeTimeout: OPEN_TIMEOUT_MS });
			const probe = new ProbeSocket(socket, source, recorder);
			socket.once('open', () => {
				recorder.record(source, 'note', { event: 'connected', url });
				resolve(probe);
			});
			socket.once('error', (error) => reject(new Error(`cannot connect to ${url}: ${error.message}`)));
		});
	}

	/** Sends a request with the next `req_id`; returns its first reply, or undefined after `timeoutMs`. */
	request(method: string, params: Message | undefined, timeoutMs: number): Promise<Message | undefined> {
		const reqId = ++this.#reqId;
		const message: Message =
			params === undefined ? { method, req_id: reqId } : { method, params, req_id: reqId };
		const reply = this.waitFor((m) => m.req_id === reqId, timeoutMs);
		this.recorder.record(this.source, 'out', message);
		this.socket.send(JSON.stringify(message));
		return reply;
	}

	/** The first message received so far or from now on that matches, or undefined after `timeoutMs`. */
	waitFor(match: (m: Message) => boolean, timeoutMs: number): Promise<Message | undefined> {
		const seen = this.received.find(match);
		if (seen !== undefined) return Promise.resolve(seen);
		return new Promise((resolve) => {
			const waiter = {
				match,
				resolve: (m: Message | undefined) => {
					clearTimeout(timer);
					resolve(m);
				},
			};
			const timer = setTimeout(() => {
				this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
				resolve(undefined);
			}, timeoutMs);
			this.#waiters.push(waiter);
		});
	}

	close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise((resolve) => {
			this.socket.once('close', () => resolve());
			this.socket.close(1000);
			setTimeout(() => {
				this.socket.terminate();
				resolve();
			}, 2_000).unref();
		});
	}
}
