import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { KrakenFuturesRestClient, KrakenFuturesWsClient } from '../core';
import { cliOrdIdFor, ORDER, orderFor, QUALIFYING_BELOW, SYMBOL, type TickBotFactory } from './tick-driver';

interface Ticker {
	feed?: string;
	time?: number;
	last?: number;
}

/** The baseline: a hand-written bot with `ws`, `undici` and node:crypto, no library in between. */
export const bareBot: TickBotFactory = async (server) => {
	const secret = Buffer.from(server.apiSecret, 'base64');
	const pool = new Pool(server.restUrl, { connections: 8 });
	const socket = new WebSocket(server.wsUrl);
	const path = '/derivatives/api/v3/sendorder';
	let subscribed!: () => void;
	const ready = new Promise<void>((resolve) => (subscribed = resolve));
	socket.on('open', () =>
		socket.send(JSON.stringify({ event: 'subscribe', feed: 'ticker', product_ids: [SYMBOL] })),
	);
	socket.on('message', (data) => {
		const message = JSON.parse(String(data)) as Ticker & { event?: string };
		if (message.event === 'subscribed') subscribed();
		if (message.feed !== 'ticker' || message.last === undefined || message.last >= QUALIFYING_BELOW) return;
		const body =
			`orderType=${ORDER.orderType}&symbol=${ORDER.symbol}&side=${ORDER.side}&size=${ORDER.size}` +
			`&limitPrice=${ORDER.limitPrice}&cliOrdId=${cliOrdIdFor(message.time as number)}`;
		const digest = createHash('sha256').update(`${body}/api/v3/sendorder`).digest();
		const authent = createHmac('sha512', secret).update(digest).digest('base64');
		pool
			.request({
				method: 'POST',
				path,
				headers: {
					APIKey: server.apiKey,
					Authent: authent,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body,
			})
			.then((response) => response.body.text())
			.catch(() => undefined);
	});
	return {
		ready,
		stop: async () => {
			socket.terminate();
			await pool.destroy();
		},
	};
};

/** The same bot on the core clients: what every host node builds on. */
export const coreBot: TickBotFactory = async (server) => {
	const credentials = { apiKey: server.apiKey, apiSecret: server.apiSecret };
	const rest = new KrakenFuturesRestClient({ restUrl: server.restUrl, credentials, rateLimit: false });
	await rest.instruments.refresh();
	const ws = new KrakenFuturesWsClient({ wsUrl: server.wsUrl });
	ws.subscribe('ticker', [SYMBOL], (message) => {
		const ticker = message as Ticker;
		if (ticker.last === undefined || ticker.last >= QUALIFYING_BELOW) return;
		rest.sendOrder(orderFor(cliOrdIdFor(ticker.time as number))).catch(() => undefined);
	});
	return {
		ready: once(ws, 'open').then(() => undefined),
		stop: async () => {
			await ws.close();
			await rest.close();
		},
	};
};
