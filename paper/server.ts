import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger';
import { PaperExchange } from './exchange';
import { PaperFaults } from './faults';
import type { PaperConnectionInfo } from './connection-info';
import { createRestHandler } from './http/handler';
import { accountIdForKey, generateKeyPair, KeyRing, spotKeyPairFor, type PaperKeyPair } from './http/keyring';
import { DerivativesBudget, HistoryPool } from './http/rate-limit';
import { RequestLog } from './http/request-log';
import { createSpotHandler, SPOT_PATH_PREFIX } from './http/spot-token';
import type { SystemStatus } from './uws/methods';
import { PaperUwsServer, UWS_PRIVATE_PATH, UWS_PUBLIC_PATH } from './uws/server';
import { TokenRegistry } from './uws/tokens';
import { PaperWsServer, WS_PATH } from './ws/server';
import { handleControl, type PaperStatus } from './http/control';
import { accountControl } from './state/account-control';
import { openPaperState } from './state/open-state';
import type { PaperStateStore } from './state/store';

export interface PaperKeyOption {
	apiKey: string;
	apiSecret: string;
	/** The Kraken (Spot) key pair of the same account, for Unified WebSocket tokens; derived from the Futures pair when absent. */
	spotApiKey?: string;
	spotApiSecret?: string;
	/** The account this key trades on; derived from the key when absent. */
	accountId?: string;
}

export interface PaperExchangeServerOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Defaults to 127.0.0.1: the paper exchange is for this machine only. */
	host?: string;
	/** The first key pair; generated when absent. */
	apiKey?: string;
	apiSecret?: string;
	/** Further key pairs, each with its own account. */
	keys?: PaperKeyOption[];
	seed?: number;
	startingCollateralUsd?: number;
	/** Kraken's rate-limit window (10 s); the history pool refills over 60 windows (10 min). */
	rateLimitWindowMs?: number;
	/**
	 * The market clock, which steps and publishes the market every `tickMs`. `false` starts no such
	 * timer, so nothing is published unprompted; the market still catches up with `now` (one step a
	 * second) whenever the exchange is called. To hold it still, pass a fixed `now` as well.
	 */
	clock?: { tickMs?: number; speed?: number } | false;
	/**
	 * The exchange's millisecond clock (`Date.now` by default). A test that needs exact timestamps
	 * passes a fixed one with `clock: false`: then everything done at once shares one millisecond,
	 * and `exchange.advanceTime(ms)` moves the exchange on by exactly `ms`.
	 */
	now?: () => number;
	/** Interval of the WebSocket `heartbeat` feed. */
	heartbeatMs?: number;
	/** Unified WebSocket settings (Kraken's values when absent). */
	uws?: {
		/** Interval of the `heartbeat` channel (Kraken: about 1 s). */
		heartbeatMs?: number;
		/** How long a private socket may stay open without a subscription. */
		unsubscribedCloseMs?: number;
		/** How long a token may wait for its first use (Kraken: 15 minutes). */
		tokenTtlMs?: number;
		/** The clock tokens age by (real time by default), so tests can let 15 minutes pass at once. */
		tokenClock?: () => number;
		/** `false` leaves the funding fields out of `ticker`. */
		tickerFunding?: boolean;
	};
	logger?: Logger;
	/**
	 * Keeps the accounts (and the keys) in this file across restarts; only one exchange at a time may use
	 * it (a second one fails with `PaperStateLockedError`). Without it everything lives in memory.
	 */
	statePath?: string;
	/** With `statePath`: start with fresh accounts at `startingCollateralUsd` instead of the saved ones. */
	resetState?: boolean;
	/** With `statePath`: how long changes gather before they are written (default 250 ms). */
	stateSaveDelayMs?: number;
}

/** Test controls of the Unified WebSocket endpoints. */
export interface PaperUwsControl {
	/** Pushes a `status` update with this `system` value to every connection and enforces it on order calls. */
	setSystemStatus(system: SystemStatus): void;
	readonly systemStatus: SystemStatus;
	/** Whether `ticker` carries the funding fields from now on. */
	setTickerFunding(on: boolean): void;
	/** How long a private socket may stay open without a subscription, from now on. */
	setUnsubscribedCloseMs(ms: number): void;
	readonly connectionCount: number;
}

/**
 * A running paper exchange on one loopback port: REST under its Kraken paths, WebSocket v1 at `/ws/v1`, the
 * Unified WebSocket at `/v2/public` and `/v2/private`, and Spot REST `GetWebSocketsToken`.
 */
export interface PaperExchangeServer extends PaperConnectionInfo {
	keys: readonly PaperKeyPair[];
	uws: PaperUwsControl;
	exchange: PaperExchange;
	/** The state file in use, if any (absolute path). */
	statePath?: string;
	/** Closes every account; accounts reopen at `startingCollateralUsd` (default: the amount in use). Saved at once. */
	resetAccounts(startingCollateralUsd?: number): Promise<void>;
	/** Where the state lives, the starting balance and the last reset, as `GET /paper/v1/status` answers. */
	status(): PaperStatus;
	faults: PaperFaults;
	requests: RequestLog;
	/** WebSocket connections open right now, for tests that check nothing is left behind. */
	readonly wsConnectionCount: number;
	/**
	 * Connections, on either WebSocket API, subscribed to the account feed or channel of this name
	 * (`fills`, `open_orders`, `executions`, ...). Each has been sent its snapshot, so whatever the
	 * account does from now on reaches it as an update: a test acts once this is above zero.
	 */
	accountSubscriberCount(feed: string): number;
	/** Back to the starting state: market, accounts, nonces, rate limits, faults, the request log, UWS tokens and status. */
	reset(): void;
	/** Closes every socket and timer; the process can exit afterwards. */
	stop(): Promise<void>;
}

const DEFAULT_WINDOW_MS = 10_000;
/** Kraken's history pool refills 100 tokens per 10 minutes, i.e. 60 derivatives windows. */
const HISTORY_REFILL_WINDOWS = 60;
const DEFAULT_HEARTBEAT_MS = 5_000;

const ignore = (): void => undefined;
const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

function keyPairs(options: PaperExchangeServerOptions): PaperKeyPair[] {
	const first =
		options.apiKey !== undefined && options.apiSecret !== undefined
			? { apiKey: options.apiKey, apiSecret: options.apiSecret }
			: options.keys?.length
				? undefined
				: generateKeyPair();
	const all: PaperKeyOption[] = [...(first ? [first] : []), ...(options.keys ?? [])];
	return all.map((pair) => ({
		...pair,
		...(pair.spotApiKey !== undefined && pair.spotApiSecret !== undefined
			? { spotApiKey: pair.spotApiKey, spotApiSecret: pair.spotApiSecret }
			: spotKeyPairFor(pair.apiKey, pair.apiSecret)),
		accountId: pair.accountId ?? accountIdForKey(pair.apiKey),
	}));
}

/** The exchange's own clock when it keeps one, so `serverTime` follows simulated time. */
function clockOf(exchange: PaperExchange): () => number {
	const candidate = exchange as unknown as { now?: () => number };
	return typeof candidate.now === 'function' ? () => candidate.now!() : Date.now;
}

function originOf(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

/** Listens on `port`; a remembered port that is taken now (`fallback`) gives way to a free one. */
async function listenPreferring(
	server: Server,
	port: number,
	fallback: boolean,
	host: string,
): Promise<AddressInfo> {
	try {
		return await listen(server, port, host);
	} catch (error) {
		if (!fallback || port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		return listen(server, 0, host);
	}
}

/** Starts a paper Kraken Futures exchange in this process. */
export async function startPaperExchange(
	options: PaperExchangeServerOptions = {},
): Promise<PaperExchangeServer> {
	const logger = options.logger ?? silentLogger;
	const host = options.host ?? '127.0.0.1';
	const windowMs = options.rateLimitWindowMs ?? DEFAULT_WINDOW_MS;
	const state =
		options.statePath === undefined
			? undefined
			: await openPaperState({
					statePath: options.statePath,
					resetState: options.resetState,
					startingCollateralUsd: options.startingCollateralUsd,
					saveDelayMs: options.stateSaveDelayMs,
				});
	const givenKeys = options.apiKey !== undefined || (options.keys?.length ?? 0) > 0;
	// A kept state file keeps its keys too, so clients configured with them keep working after a restart.
	const pairs = keyPairs(
		givenKeys || !state?.savedKeys.length ? options : { ...options, keys: state.savedKeys },
	);
	let store: PaperStateStore | undefined;
	let exchange: PaperExchange;
	let keys: KeyRing;
	try {
		keys = new KeyRing(pairs);
		exchange = new PaperExchange({
			seed: options.seed,
			now: options.now,
			idRun: state?.starts,
			startingCollateralUsd: state?.startingCollateralUsd ?? options.startingCollateralUsd,
		});
		store = state?.attach(
			exchange,
			pairs.map(({ apiKey, apiSecret, spotApiKey, spotApiSecret }) => ({
				apiKey,
				apiSecret,
				spotApiKey,
				spotApiSecret,
			})),
			logger,
		);
	} catch (error) {
		state?.abandon();
		throw error;
	}
	const now = clockOf(exchange);
	const openAccounts = (): void => pairs.forEach((pair) => exchange.ensureAccount(pair.accountId));
	openAccounts();

	const timers = new Set<NodeJS.Timeout>();
	const later = (ms: number, fn: () => void): void => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			fn();
		}, ms);
		timers.add(timer);
	};
	const ws = new PaperWsServer({
		exchange,
		keys,
		logger,
		now,
		heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
	});
	const tokens = new TokenRegistry(options.uws?.tokenTtlMs, options.uws?.tokenClock);
	const faults = new PaperFaults({
		dropConnections: () => {
			ws.dropConnections();
			uws.dropConnections();
		},
		silenceConnections: (on) => {
			ws.silenceConnections(on);
			uws.silenceConnections(on);
		},
		rejectNextOrder: (status) => exchange.rejectNextOrder(status),
		expireTokens: () => tokens.expireAll(),
	});
	const uws = new PaperUwsServer({
		exchange,
		tokens,
		logger,
		planFault: (method) => faults.planUws(method),
		heartbeatMs: options.uws?.heartbeatMs,
		unsubscribedCloseMs: options.uws?.unsubscribedCloseMs,
		tickerFunding: options.uws?.tickerFunding,
	});
	const requests = new RequestLog();
	const budget = new DerivativesBudget(windowMs);
	const historyPool = new HistoryPool(windowMs * HISTORY_REFILL_WINDOWS);
	const control = accountControl(exchange, openAccounts, store);
	const spot = createSpotHandler({ keys, tokens });
	const rest = createRestHandler({
		exchange,
		keys,
		budget,
		historyPool,
		faults,
		requests,
		logger,
		later,
		serverTime: () => new Date(now()).toISOString(),
	});
	const http = createServer((req, res) => {
		if (handleControl({ keys, ...control }, req, res)) return;
		if ((req.url ?? '').startsWith(SPOT_PATH_PREFIX)) spot(req, res);
		else rest(req, res);
	});
	http.on('upgrade', (req, socket, head: Buffer) =>
		uws.accepts(req) ? uws.handleUpgrade(req, socket, head) : ws.handleUpgrade(req, socket, head),
	);
	http.on('clientError', (_error, socket) => socket.destroy());

	let address: AddressInfo;
	try {
		address = await listenPreferring(
			http,
			options.port ?? state?.savedPort ?? 0,
			options.port === undefined,
			host,
		);
	} catch (error) {
		await Promise.all([ws.close(), uws.close()]);
		await store?.close();
		state?.abandon();
		throw error;
	}
	const startClock = (): void => {
		if (options.clock !== false) exchange.startClock(options.clock ?? {});
	};
	startClock();
	const origin = originOf(host, address.port);
	logger.info('paper exchange listening', { restUrl: `http://${origin}` });
	const saveOnExit = (): void => {
		store?.saveNow();
		state?.lock.release();
	};
	const connection: PaperConnectionInfo = {
		restUrl: `http://${origin}`,
		wsUrl: `ws://${origin}${WS_PATH}`,
		apiKey: pairs[0].apiKey,
		apiSecret: pairs[0].apiSecret,
		uwsPublicUrl: `ws://${origin}${UWS_PUBLIC_PATH}`,
		uwsPrivateUrl: `ws://${origin}${UWS_PRIVATE_PATH}`,
		spotRestUrl: `http://${origin}`,
		spotApiKey: pairs[0].spotApiKey,
		spotApiSecret: pairs[0].spotApiSecret,
	};
	if (state && store) {
		store.setPort(address.port);
		await store.save();
		state.lock.publish(connection);
		process.on('exit', saveOnExit);
	}

	let stopped: Promise<void> | undefined;
	return {
		...connection,
		keys: pairs,
		uws: {
			setSystemStatus: (system) => uws.setSystemStatus(system),
			get systemStatus() {
				return uws.systemStatus;
			},
			setTickerFunding: (on) => uws.setTickerFunding(on),
			setUnsubscribedCloseMs: (ms) => uws.setUnsubscribedCloseMs(ms),
			get connectionCount() {
				return uws.connectionCount;
			},
		},
		exchange,
		statePath: state?.path,
		async resetAccounts(startingCollateralUsd?: number) {
			await control.reset(startingCollateralUsd, undefined);
		},
		status: control.status,
		faults,
		requests,
		get wsConnectionCount() {
			return ws.connectionCount;
		},
		accountSubscriberCount: (feed) => ws.accountSubscriberCount(feed) + uws.accountSubscriberCount(feed),
		reset() {
			// The exchange's reset stops its clock; a running market keeps running after a reset.
			exchange.reset();
			startClock();
			openAccounts();
			faults.reset();
			uws.reset();
			tokens.reset();
			requests.clear();
			budget.reset();
			historyPool.reset();
			keys.resetNonces();
		},
		stop() {
			stopped ??= (async () => {
				exchange.stopClock();
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				await Promise.all([ws.close(), uws.close()]);
				await new Promise<void>((resolve) => {
					http.close(() => resolve());
					http.closeAllConnections();
				});
				process.off('exit', saveOnExit);
				await store?.close();
				state?.lock.release();
				logger.info('paper exchange stopped');
			})();
			return stopped;
		},
	};
}
