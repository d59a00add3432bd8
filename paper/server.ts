import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger';
import { PaperExchange } from './exchange';
import { PaperFaults } from './faults';
import { createRestHandler } from './http/handler';
import { accountIdForKey, generateKeyPair, KeyRing, type PaperKeyPair } from './http/keyring';
import { DerivativesBudget, HistoryPool } from './http/rate-limit';
import { RequestLog } from './http/request-log';
import { PaperWsServer, WS_PATH } from './ws/server';
import { handleControl, type PaperStatus } from './http/control';
import { accountControl } from './state/account-control';
import { openPaperState } from './state/open-state';
import type { PaperStateStore } from './state/store';

export interface PaperKeyOption {
	apiKey: string;
	apiSecret: string;
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
	/** The market clock; `false` leaves the market still until the exchange is driven by hand. */
	clock?: { tickMs?: number; speed?: number } | false;
	/** Interval of the WebSocket `heartbeat` feed. */
	heartbeatMs?: number;
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

/** A running paper exchange on one loopback port: REST under its Kraken paths, WebSocket at `/ws/v1`. */
export interface PaperExchangeServer {
	restUrl: string;
	wsUrl: string;
	apiKey: string;
	apiSecret: string;
	keys: readonly PaperKeyPair[];
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
	/** Back to the starting state: market, accounts, nonces, rate limits, faults and the request log. */
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
	return all.map((pair) => ({ ...pair, accountId: pair.accountId ?? accountIdForKey(pair.apiKey) }));
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
			idRun: state?.starts,
			startingCollateralUsd: state?.startingCollateralUsd ?? options.startingCollateralUsd,
		});
		store = state?.attach(
			exchange,
			pairs.map(({ apiKey, apiSecret }) => ({ apiKey, apiSecret })),
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
	const faults = new PaperFaults({
		dropConnections: () => ws.dropConnections(),
		silenceConnections: (on) => ws.silenceConnections(on),
		rejectNextOrder: (status) => exchange.rejectNextOrder(status),
	});
	const requests = new RequestLog();
	const budget = new DerivativesBudget(windowMs);
	const historyPool = new HistoryPool(windowMs * HISTORY_REFILL_WINDOWS);
	const control = accountControl(exchange, openAccounts, store);
	const restHandler = createRestHandler({
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
		if (!handleControl({ keys, ...control }, req, res)) restHandler(req, res);
	});
	http.on('upgrade', (req, socket, head: Buffer) => ws.handleUpgrade(req, socket, head));
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
		await ws.close();
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
	if (state && store) {
		store.setPort(address.port);
		await store.save();
		const [pair] = pairs;
		state.lock.publish({
			restUrl: `http://${origin}`,
			wsUrl: `ws://${origin}${WS_PATH}`,
			apiKey: pair.apiKey,
			apiSecret: pair.apiSecret,
		});
		process.on('exit', saveOnExit);
	}

	let stopped: Promise<void> | undefined;
	return {
		restUrl: `http://${origin}`,
		wsUrl: `ws://${origin}${WS_PATH}`,
		apiKey: pairs[0].apiKey,
		apiSecret: pairs[0].apiSecret,
		keys: pairs,
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
		reset() {
			// The exchange's reset stops its clock; a running market keeps running after a reset.
			exchange.reset();
			startClock();
			openAccounts();
			faults.reset();
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
				await ws.close();
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
