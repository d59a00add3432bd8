import { EventEmitter } from 'node:events';
import {
	apiChoiceOf,
	KrakenConfigError,
	type KrakenFuturesTradingApi,
	type KrakenStreamClient,
	type KrakenTransport,
	type Logger,
	openTransport,
} from '../../../core';
import {
	resolveTransport,
	type TransportSettings,
	type TransportTarget,
} from '../../shared/transport-settings';

/** What a config node (or the editor's "Test connection" form) says about where and how to connect. */
export type ConnectionSettings = TransportSettings;

/**
 * The REST and WebSocket clients of one config node. Both are created on first use (the paper
 * exchange may have to start first) and closed together; after `close()` nothing is left open.
 */
export class KrakenConnection extends EventEmitter {
	#transport?: Promise<KrakenTransport>;
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
	sameTarget(
		other: Pick<
			ConnectionSettings,
			'environment' | 'restUrl' | 'wsUrl' | 'api' | 'uwsPublicUrl' | 'uwsPrivateUrl' | 'spotRestUrl'
		>,
	): boolean {
		if (other.environment !== this.settings.environment) return false;
		if (apiChoiceOf(other.api) !== apiChoiceOf(this.settings.api)) return false;
		if (other.environment !== 'custom') return true;
		const address = (url?: string) => (url ?? '').trim().replace(/\/+$/, '');
		const fields = ['restUrl', 'wsUrl', 'uwsPublicUrl', 'uwsPrivateUrl', 'spotRestUrl'] as const;
		return fields.every((field) => address(other[field]) === address(this.settings[field]));
	}

	get closed(): boolean {
		return this.#closed;
	}

	#open(): Promise<KrakenTransport> {
		this.#transport ??= resolveTransport(this.settings, { keysOptional: true }).then(
			(target: TransportTarget) => openTransport(target, { logger: this.logger }),
		);
		return this.#transport;
	}

	async rest(): Promise<KrakenFuturesTradingApi> {
		if (this.#closed) throw new KrakenConfigError('the configuration node was closed');
		return (await this.#open()).tradingApi;
	}

	ws(): Promise<KrakenStreamClient> {
		if (this.#closed) return Promise.reject(new KrakenConfigError('the configuration node was closed'));
		this.#ws ??= this.#open().then((transport) => {
			const client = transport.streamClient;
			client.on('state', (state: string) => this.emit('state', state));
			client.on('error', (error: Error) => this.emit('ws-error', error));
			client.on('alert', (error: Error) => this.emit('ws-error', error));
			return client;
		});
		return this.#ws;
	}

	async close(): Promise<void> {
		this.#closed = true;
		const transport = await this.#transport?.catch(() => undefined);
		await transport?.close();
		this.removeAllListeners();
	}
}
