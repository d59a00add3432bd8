import { EventEmitter } from 'node:events';
import {
	KrakenConfigError,
	KrakenFuturesRestClient,
	type KrakenFuturesTradingApi,
	KrakenFuturesWsClient,
	type KrakenStreamClient,
	resolveEndpoints,
	type Logger,
} from '../../../core';
import { getPaperExchange } from '../../shared/paper-environment';

/** What a config node (or the editor's "Test connection" form) says about where and how to connect. */
export interface ConnectionSettings {
	environment: string;
	restUrl?: string;
	wsUrl?: string;
	useNonce?: boolean;
	/** How long a call may wait for the rate budget before it fails unsent (core default when absent). */
	maxQueueWaitMs?: number;
	/** Silence after which the WebSocket counts as dead (core default when absent). */
	staleAfterMs?: number;
	apiKey?: string;
	apiSecret?: string;
	/** Node-RED's user folder: the paper account of this install is kept there. */
	userDir?: string;
}

interface ResolvedConnection {
	restUrl: string;
	wsUrl: string;
	credentials?: { apiKey: string; apiSecret: string };
}

/** Production and custom need the user's key pair; paper brings its own. */
export async function resolveConnection(settings: ConnectionSettings): Promise<ResolvedConnection> {
	if (settings.environment === 'paper') {
		const paper = await getPaperExchange(settings.userDir);
		return {
			restUrl: paper.restUrl,
			wsUrl: paper.wsUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
		};
	}
	const endpoints = resolveEndpoints(settings.environment, settings);
	const apiKey = settings.apiKey?.trim() ?? '';
	const apiSecret = settings.apiSecret?.trim() ?? '';
	if (apiKey === '' && apiSecret === '') return endpoints;
	if (apiKey === '')
		throw new KrakenConfigError('apiKey is missing while an API secret is set', { field: 'apiKey' });
	if (apiSecret === '')
		throw new KrakenConfigError('apiSecret is missing while an API key is set', { field: 'apiSecret' });
	return { ...endpoints, credentials: { apiKey, apiSecret } };
}

/**
 * The REST and WebSocket clients of one config node. Both are created on first use (the paper
 * exchange may have to start first) and closed together; after `close()` nothing is left open.
 */
export class KrakenConnection extends EventEmitter {
	#resolved?: Promise<ResolvedConnection>;
	#rest?: Promise<KrakenFuturesTradingApi>;
	#ws?: Promise<KrakenStreamClient>;
	#closed = false;

	constructor(
		private readonly settings: ConnectionSettings,
		private readonly logger: Logger,
	) {
		super();
	}

	/**
	 * Whether `other` points at the same exchange as this connection: the same environment and, for
	 * custom, the same addresses. The admin endpoints use a stored secret only for that target.
	 */
	sameTarget(other: Pick<ConnectionSettings, 'environment' | 'restUrl' | 'wsUrl'>): boolean {
		if (other.environment !== this.settings.environment) return false;
		if (other.environment !== 'custom') return true;
		const address = (url?: string) => (url ?? '').trim().replace(/\/+$/, '');
		return (
			address(other.restUrl) === address(this.settings.restUrl) &&
			address(other.wsUrl) === address(this.settings.wsUrl)
		);
	}

	get closed(): boolean {
		return this.#closed;
	}

	#resolve(): Promise<ResolvedConnection> {
		this.#resolved ??= resolveConnection(this.settings);
		return this.#resolved;
	}

	rest(): Promise<KrakenFuturesTradingApi> {
		if (this.#closed) return Promise.reject(new KrakenConfigError('the configuration node was closed'));
		this.#rest ??= this.#resolve().then(
			({ restUrl, credentials }) =>
				new KrakenFuturesRestClient({
					restUrl,
					...(credentials ? { credentials } : {}),
					useNonce: this.settings.useNonce === true,
					...(this.settings.maxQueueWaitMs !== undefined
						? { maxQueueWaitMs: this.settings.maxQueueWaitMs }
						: {}),
					logger: this.logger,
				}),
		);
		return this.#rest;
	}

	ws(): Promise<KrakenStreamClient> {
		if (this.#closed) return Promise.reject(new KrakenConfigError('the configuration node was closed'));
		this.#ws ??= Promise.all([this.#resolve(), this.rest()]).then(([{ wsUrl, credentials }, restClient]) => {
			const client = new KrakenFuturesWsClient({
				wsUrl,
				...(credentials ? { credentials } : {}),
				restClient,
				...(this.settings.staleAfterMs !== undefined ? { staleAfterMs: this.settings.staleAfterMs } : {}),
				logger: this.logger,
			});
			client.on('state', (state: string) => this.emit('state', state));
			client.on('error', (error: Error) => this.emit('ws-error', error));
			client.on('alert', (error: Error) => this.emit('ws-error', error));
			return client;
		});
		return this.#ws;
	}

	async close(): Promise<void> {
		this.#closed = true;
		const [ws, rest] = await Promise.all([
			this.#ws?.catch(() => undefined),
			this.#rest?.catch(() => undefined),
		]);
		await ws?.close();
		await rest?.close();
		this.removeAllListeners();
	}
}
