import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../core/logger';
import type { Order } from '../engine/types';
import type { PaperExchange, Payload } from '../exchange';
import { isCurrencyEntry, ledgerItem, marginSections, positionItems } from './account-views';
import { failure, push, UwsRequestError, type Json } from './envelope';
import { ExecutionsFeed, OPEN_CLOSE_TYPES } from './executions';
import { BookFeed } from './book-feed';
import { tickerData, tradeData } from './market-views';
import type { SystemStatus } from './methods';
import { receive, type RequestContext, type RequestFault } from './requests';
import { UwsSession, type Endpoint } from './session';
import type { TokenRegistry } from './tokens';
import {
	ERRORS,
	HEARTBEAT_MS,
	STATUS_API_VERSION,
	STATUS_VERSION,
	UNSUBSCRIBED_PRIVATE_CLOSE_CODE,
	UNSUBSCRIBED_PRIVATE_CLOSE_MS,
	UNSUBSCRIBED_PRIVATE_CLOSE_REASON,
} from './unverified';

export const UWS_PUBLIC_PATH = '/v2/public';
export const UWS_PRIVATE_PATH = '/v2/private';
const MAX_FRAME_BYTES = 256 * 1024;

export interface UwsServerOptions {
	exchange: PaperExchange;
	tokens: TokenRegistry;
	logger: Logger;
	/** The fault planned for the next request of a method (see PaperFaults). */
	planFault: (method: string) => RequestFault;
	heartbeatMs?: number;
	/** How long a private socket may stay open without a subscription. */
	unsubscribedCloseMs?: number;
	/** Whether `ticker` carries the derivatives funding fields. */
	tickerFunding?: boolean;
}

// Exchange events carry different arguments per event name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/**
 * The Unified WebSocket endpoints (`/v2/public`, `/v2/private`) on the paper exchange's engine: every engine
 * event, whichever protocol caused it, reaches the subscribers of the matching channel.
 */
export class PaperUwsServer {
	readonly #wss = new WebSocketServer({ noServer: true, autoPong: false, maxPayload: MAX_FRAME_BYTES });
	readonly #sessions = new Set<UwsSession>();
	readonly #listeners: [string, Listener][] = [];
	readonly #heartbeat: NodeJS.Timeout;
	readonly #executions: ExecutionsFeed;
	readonly #books: BookFeed;
	readonly #context: RequestContext;
	#system: SystemStatus = 'online';
	#tickerFunding: boolean;
	#unsubscribedCloseMs: number;

	constructor(private readonly options: UwsServerOptions) {
		const { exchange, tokens } = options;
		const engine = exchange.inspect();
		this.#tickerFunding = options.tickerFunding ?? true;
		this.#unsubscribedCloseMs = options.unsubscribedCloseMs ?? UNSUBSCRIBED_PRIVATE_CLOSE_MS;
		this.#executions = new ExecutionsFeed(engine, (accountId, item, execType) =>
			this.#deliverExecution(accountId, item, execType),
		);
		this.#books = new BookFeed(engine, () => this.#sessions);
		this.#context = {
			exchange,
			engine,
			executions: this.#executions,
			books: this.#books,
			system: () => this.#system,
			tickerFunding: () => this.#tickerFunding,
			planFault: options.planFault,
			accountOf: (session, params) => {
				const check = tokens.use(params.token);
				if (!check.ok) throw new UwsRequestError(ERRORS.invalidToken);
				session.tokensUsed.add(params.token as string);
				return check.accountId;
			},
			subscriptionsChanged: (session) => this.#watchIdle(session),
		};
		this.#wss.on('connection', (socket, req: IncomingMessage) => this.#open(socket, req));
		this.#subscribeToExchange();
		const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
		this.#heartbeat = setInterval(() => this.#beat(heartbeatMs), heartbeatMs);
	}

	/** Whether this server takes the upgrade request (its two paths). */
	accepts(req: IncomingMessage): boolean {
		const path = (req.url ?? '').split('?')[0];
		return path === UWS_PUBLIC_PATH || path === UWS_PRIVATE_PATH;
	}

	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => undefined);
		this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit('connection', ws, req));
	}

	get connectionCount(): number {
		return this.#sessions.size;
	}

	/** Connections subscribed to the account `channel`; each has been sent its snapshot. */
	accountSubscriberCount(channel: string): number {
		return [...this.#sessions].filter((session) => session.accounts.has(channel)).length;
	}

	get systemStatus(): SystemStatus {
		return this.#system;
	}

	/** Changes the trading engine's state and pushes the `status` update to every connection, as Kraken does. */
	setSystemStatus(system: SystemStatus): void {
		this.#system = system;
		for (const session of this.#sessions) session.send(this.#status(session));
	}

	setTickerFunding(on: boolean): void {
		this.#tickerFunding = on;
	}

	setUnsubscribedCloseMs(ms: number): void {
		this.#unsubscribedCloseMs = ms;
		for (const session of this.#sessions) this.#watchIdle(session);
	}

	dropConnections(): void {
		for (const session of this.#sessions) session.socket.terminate();
	}

	silenceConnections(on: boolean): void {
		for (const session of this.#sessions) session.silent = on;
	}

	reset(): void {
		this.#executions.reset();
		this.#system = 'online';
		this.#tickerFunding = this.options.tickerFunding ?? true;
		this.#unsubscribedCloseMs = this.options.unsubscribedCloseMs ?? UNSUBSCRIBED_PRIVATE_CLOSE_MS;
	}

	close(): Promise<void> {
		clearInterval(this.#heartbeat);
		for (const [event, listener] of this.#listeners) this.options.exchange.off(event, listener);
		this.#listeners.length = 0;
		this.dropConnections();
		return new Promise((resolve) => this.#wss.close(() => resolve()));
	}

	#open(socket: import('ws').WebSocket, req: IncomingMessage): void {
		const endpoint: Endpoint = (req.url ?? '').startsWith(UWS_PRIVATE_PATH) ? 'private' : 'public';
		const session = new UwsSession(socket, endpoint, (s, text) => this.#receive(s, text));
		this.#sessions.add(session);
		socket.on('close', () => {
			this.#sessions.delete(session);
			session.dispose();
			for (const token of session.tokensUsed) this.options.tokens.release(token);
		});
		session.send(this.#status(session));
		this.#watchIdle(session);
	}

	#receive(session: UwsSession, text: string | undefined): void {
		try {
			receive(this.#context, session, text);
		} catch (error) {
			this.options.logger.error('paper unified websocket request failed', { error: String(error) });
			session.send(failure('', undefined, ERRORS.internal, Date.now()));
		}
	}

	#status(session: UwsSession): Json {
		return push('status', 'update', [
			{
				api_version: STATUS_API_VERSION,
				connection_id: session.connectionId,
				system: this.#system,
				version: STATUS_VERSION,
				upcoming_maintenance: [],
				emergency: [],
			},
		]);
	}

	#watchIdle(session: UwsSession): void {
		session.watchIdle(
			this.#unsubscribedCloseMs,
			UNSUBSCRIBED_PRIVATE_CLOSE_CODE,
			UNSUBSCRIBED_PRIVATE_CLOSE_REASON,
		);
	}

	/** A heartbeat to every subscribed connection that sent nothing during the last interval. */
	#beat(intervalMs: number): void {
		const now = Date.now();
		for (const session of this.#sessions) {
			if (session.subscriptionCount > 0 && session.idleFor(now) >= intervalMs * 0.9)
				session.send({ channel: 'heartbeat' });
		}
	}

	#on(event: string, listener: Listener): void {
		const guarded: Listener = (...args) => {
			try {
				listener(...args);
			} catch (error) {
				this.options.logger.warn('paper unified websocket update failed', { event, error: String(error) });
			}
		};
		this.#listeners.push([event, guarded]);
		this.options.exchange.on(event, guarded);
	}

	#follows(channel: string, symbol: string): boolean {
		for (const session of this.#sessions) if (session.markets.get(channel)?.has(symbol)) return true;
		return false;
	}

	/** Sends to every connection following `channel` for `symbol`; the message is built only when someone does. */
	#toMarket(channel: string, symbol: string, build: () => Json): void {
		let message: Json | undefined;
		for (const session of this.#sessions) {
			if (!session.markets.get(channel)?.has(symbol)) continue;
			message ??= build();
			session.send(message);
		}
	}

	/** Sends to every connection following `channel` for `accountId`, each with its own sequence number. */
	#toAccount(channel: string, accountId: string, build: (session: UwsSession) => Json | undefined): void {
		for (const session of this.#sessions) {
			if (session.accounts.get(channel)?.accountId !== accountId) continue;
			const message = build(session);
			if (message !== undefined) session.send(message);
		}
	}

	#deliverExecution(accountId: string, item: Json, execType: string): void {
		this.#toAccount('executions', accountId, (session) => {
			const { options } = session.accounts.get('executions')!;
			if (options.order_status === false && !OPEN_CLOSE_TYPES.includes(execType)) return undefined;
			return push('executions', 'update', [item], session.nextSequence('executions'));
		});
	}

	#subscribeToExchange(): void {
		const { exchange } = this.options;
		const engine = exchange.inspect();
		this.#on('ticker', (symbol: string) => {
			const market = engine.market(symbol);
			if (market === undefined) return;
			this.#toMarket('ticker', symbol, () =>
				push('ticker', 'update', [tickerData(market, engine.current(), this.#tickerFunding)]),
			);
		});
		this.#on('book', (symbol: string) => {
			if (this.#follows('book', symbol)) this.#books.changed(symbol);
		});
		this.#on('trade', (symbol: string, trade: Payload) =>
			this.#toMarket('trade', symbol, () => push('trade', 'update', [tradeData(symbol, trade as never)])),
		);
		this.#on('openOrder', (accountId: string, update: Payload) =>
			this.#executions.onOpenOrder(accountId, update),
		);
		this.#on('fill', (accountId: string, fill: Payload, order?: Order) =>
			this.#executions.onFill(accountId, fill, order),
		);
		this.#on('positions', (accountId: string) => {
			const account = engine.account(accountId);
			if (account === undefined) return;
			this.#toAccount('positions', accountId, (session) => {
				const withMargin = session.accounts.get('positions')?.options.with_margin === true;
				const items = positionItems(account, engine, {
					symbols: session.positionSymbols(account),
					withMargin,
				});
				if (items.length === 0) return undefined;
				return push(
					'positions',
					'update',
					{ futures: items, options: [] },
					session.nextSequence('positions'),
				);
			});
		});
		this.#on('balances', (accountId: string, balances: Payload) => {
			const { multi, single } = marginSections(balances);
			this.#toAccount('margin', accountId, () => push('margin', 'multi_collateral', multi));
			this.#toAccount('margin', accountId, () => push('margin', 'single_collateral', single));
		});
		this.#on('accountLog', (accountId: string, entry: Payload) => {
			const item = ledgerItem(entry);
			this.#toAccount('ledgers', accountId, (session) =>
				push('ledgers', 'update', [item], session.nextSequence('ledgers')),
			);
			if (!isCurrencyEntry(entry)) return;
			this.#toAccount('balances', accountId, (session) =>
				push('balances', 'update', [item], session.nextSequence('balances')),
			);
		});
	}
}
