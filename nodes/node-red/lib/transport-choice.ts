import type { Node } from 'node-red';
import { apiChoiceOf, legacyNotice, legacyStatusText } from '../../../core';
import type { TransportSettings } from '../../shared/transport-settings';

/** The Kraken API key of the Unified WebSocket, stored with Node-RED's credentials like the Futures pair. */
export const UNIFIED_CREDENTIALS = {
	unifiedApiKey: { type: 'text' },
	unifiedApiSecret: { type: 'password' },
} as const;

/** The transport fields of a config node's definition and credentials. */
export interface TransportChoiceDef {
	api?: string;
	uwsPublicUrl?: string;
	uwsPrivateUrl?: string;
	spotRestUrl?: string;
}

export function transportSettingsOf(
	def: TransportChoiceDef,
	credentials: { unifiedApiKey?: string; unifiedApiSecret?: string } | undefined,
): Partial<TransportSettings> {
	return {
		api: apiChoiceOf(def.api),
		uwsPublicUrl: def.uwsPublicUrl,
		uwsPrivateUrl: def.uwsPrivateUrl,
		spotRestUrl: def.spotRestUrl,
		unifiedApiKey: credentials?.unifiedApiKey,
		unifiedApiSecret: credentials?.unifiedApiSecret,
	};
}

/** How a config node on `legacy` makes the 1 March 2027 switch-off visible, once per deploy. */
export interface LegacyMigration {
	/** Shows the switch-off on a node that starts using the config (its status, until it has news). */
	register(user: Node, showStatus: boolean): void;
}

/**
 * On `legacy` the config node writes one warning per deploy (Node-RED recreates nodes on every
 * deploy, so "once per instance" is once per deploy, never per message) and every node using it
 * starts with a status that names the date.
 */
export function legacyMigration(def: TransportChoiceDef, configNode: Node): LegacyMigration {
	if (apiChoiceOf(def.api) !== 'legacy') {
		return { register: () => undefined };
	}
	configNode.warn(legacyNotice());
	return {
		register(user, showStatus) {
			if (showStatus) user.status({ fill: 'yellow', shape: 'dot', text: legacyStatusText() });
		},
	};
}
