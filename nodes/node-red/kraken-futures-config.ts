import type { Node, NodeAPI, NodeDef, NodeStatus } from 'node-red';
import { isKrakenError } from '../../core';
import { registerAdminEndpoints } from './lib/admin';
import { registerPaperAdminEndpoints } from './lib/paper-admin';
import { nodeLogger, type KrakenConfigNode, type UserKind } from './lib/config-node';
import { KrakenConnection } from './lib/connection';
import { describePaperPlace, getPaperExchange } from '../shared/paper-environment';
import { legacyMigration, transportSettingsOf, UNIFIED_CREDENTIALS } from './lib/transport-choice';
import { streamStatusTextFor } from './lib/errors';
import { fanOut, statusFor } from './lib/status';

interface ConfigDef extends NodeDef {
	environment: string;
	restUrl?: string;
	wsUrl?: string;
	useNonce?: boolean;
	// Transport choice (see lib/transport-choice.ts); absent on a config saved before it existed.
	api?: string;
	uwsPublicUrl?: string;
	uwsPrivateUrl?: string;
	spotRestUrl?: string;
	/** Advanced: blank means the core's default. */
	maxQueueWaitSec?: string | number;
	staleAfterSec?: string | number;
}

/** A seconds field of the form in ms; blank is unset, anything else is checked by the core. */
function secondsToMs(value: string | number | undefined): number | undefined {
	if (value === undefined || String(value).trim() === '') return undefined;
	return Number(value) * 1000;
}

interface ConfigCredentials {
	apiKey?: string;
	apiSecret?: string;
	unifiedApiKey?: string;
	unifiedApiSecret?: string;
}

const WS_STATUS = {
	connecting: statusFor.connecting,
	open: statusFor.connected,
	reconnecting: statusFor.reconnecting,
	closed: statusFor.disconnected,
} as const;

export = function (RED: NodeAPI): void {
	function KrakenFuturesConfig(this: Node<ConfigCredentials>, def: ConfigDef): void {
		RED.nodes.createNode(this, def);
		const self = this as KrakenConfigNode & Node<ConfigCredentials>;
		const users = new Map<string, { node: Node; kind: UserKind }>();
		const streamUsers = (): Node[] =>
			[...users.values()].filter((user) => user.kind === 'stream').map((user) => user.node);
		let lastStreamStatus = statusFor.connecting();
		let configStatus: NodeStatus | undefined;

		self.environment = def.environment;
		const migration = legacyMigration(def, self);
		self.connection = new KrakenConnection(
			{
				environment: def.environment,
				restUrl: def.restUrl,
				wsUrl: def.wsUrl,
				useNonce: def.useNonce === true,
				maxQueueWaitMs: secondsToMs(def.maxQueueWaitSec),
				staleAfterMs: secondsToMs(def.staleAfterSec),
				apiKey: self.credentials?.apiKey,
				apiSecret: self.credentials?.apiSecret,
				userDir: RED.settings.userDir,
				...transportSettingsOf(def, self.credentials),
			},
			nodeLogger(this),
		);
		self.connection.on('state', (state: string) => {
			const status = WS_STATUS[state as keyof typeof WS_STATUS];
			if (status === undefined) return;
			lastStreamStatus = status();
			fanOut(streamUsers(), lastStreamStatus);
		});
		self.connection.on('ws-error', (error: Error) => {
			lastStreamStatus = statusFor.error(streamStatusTextFor(error));
			fanOut(streamUsers(), lastStreamStatus);
			self.warn(error.message);
		});
		// A configuration mistake (retired demo, missing URL, bad secret) shows on every user at once.
		self.connection.rest().catch((error: unknown) => {
			const text = isKrakenError(error) && error.field ? `invalid ${error.field}` : 'configuration error';
			configStatus = statusFor.error(text);
			fanOut(
				[...users.values()].map((user) => user.node),
				configStatus,
			);
			self.warn(error instanceof Error ? error.message : String(error));
		});

		if (def.environment === 'paper') {
			// A start failure is reported by the rest() call above; this only says where the account is kept.
			getPaperExchange(RED.settings.userDir).then(
				(place) => self.log(describePaperPlace(place)),
				() => undefined,
			);
		}

		self.register = (user: Node, kind: UserKind): void => {
			users.set(user.id, { node: user, kind });
			if (configStatus !== undefined) user.status(configStatus);
			else if (kind === 'stream') user.status(lastStreamStatus);
			migration.register(user, configStatus === undefined);
		};
		self.deregister = (user: Node): void => {
			users.delete(user.id);
		};
		self.on('close', (_removed: boolean, done: () => void) => {
			users.clear();
			self.connection.close().then(done, done);
		});
	}

	RED.nodes.registerType<Node<ConfigCredentials>, ConfigDef, object, ConfigCredentials>(
		'kraken-futures-config',
		KrakenFuturesConfig,
		{
			credentials: { apiKey: { type: 'text' }, apiSecret: { type: 'password' }, ...UNIFIED_CREDENTIALS },
		},
	);
	registerAdminEndpoints(RED);
	registerPaperAdminEndpoints(RED);
};
