import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { type PaperExchangeServer, startPaperExchange } from '../../../paper/server';

/**
 * A loopback WebSocket proxy in front of the paper exchange's private Unified WebSocket that
 * counts the requests passing through it by `method`: what reached the exchange, seen on the wire.
 */
export class CountingProxy {
	readonly #counts = new Map<string, number>();
	/** Sockets opened through the proxy since the last reset. */
	connections = 0;

	private constructor(
		private readonly server: WebSocketServer,
		readonly url: string,
	) {}

	static async start(target: string): Promise<CountingProxy> {
		const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		const path = new URL(target).pathname;
		const proxy = new CountingProxy(server, `ws://127.0.0.1:${port}${path}`);
		server.on('connection', (client) => {
			proxy.connections += 1;
			proxy.#pipe(client, target);
		});
		return proxy;
	}

	/** Requests with this method (or any of these) that reached the exchange so far. */
	count(...methods: string[]): number {
		return methods.reduce((sum, method) => sum + (this.#counts.get(method) ?? 0), 0);
	}

	reset(): void {
		this.#counts.clear();
		this.connections = 0;
	}

	async stop(): Promise<void> {
		for (const client of this.server.clients) client.terminate();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	#pipe(client: WebSocket, target: string): void {
		const upstream = new WebSocket(target);
		const pending: string[] = [];
		upstream.on('open', () => {
			for (const text of pending.splice(0)) upstream.send(text);
		});
		client.on('message', (data) => {
			const text = String(data);
			this.#count(text);
			if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
			else pending.push(text);
		});
		upstream.on('message', (data) => {
			if (client.readyState === WebSocket.OPEN) client.send(String(data));
		});
		const closeBoth = (): void => {
			client.terminate();
			upstream.terminate();
		};
		client.on('close', closeBoth);
		upstream.on('close', closeBoth);
		client.on('error', closeBoth);
		upstream.on('error', closeBoth);
	}

	#count(text: string): void {
		try {
			const { method } = JSON.parse(text) as { method?: unknown };
			if (typeof method === 'string') this.#counts.set(method, (this.#counts.get(method) ?? 0) + 1);
		} catch {
			// Not JSON: not a request the exchange could act on.
		}
	}
}

/** A paper exchange (its clock stopped) with a counting proxy in front of its private Unified WebSocket. */
export async function startPaperBehindProxy(
	seed: number,
): Promise<{ paper: PaperExchangeServer; proxy: CountingProxy }> {
	const paper = await startPaperExchange({ port: 0, seed, clock: false });
	return { paper, proxy: await CountingProxy.start(paper.uwsPrivateUrl) };
}

export async function stopPaperBehindProxy(setup: { paper: PaperExchangeServer; proxy: CountingProxy }) {
	await setup.proxy.stop();
	await setup.paper.stop();
}
