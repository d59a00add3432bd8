import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import type { KrakenStreamClient } from '../../core/stream';
import { openTransport, type KrakenTransport } from '../../core/transport';
import type { WsSubscription } from '../../core/ws';
import { transportNotice } from '../KrakenFutures/helpers/api-choice.properties';
import { krakenFuturesApiTest } from '../KrakenFutures/methods/credentialTest';
import { getSymbols } from '../KrakenFutures/methods/loadOptions';
import { resolveTarget } from '../KrakenFutures/transport/connection';
import { CREDENTIAL_TYPE, N8nHttpTransport } from '../KrakenFutures/transport/n8n-transport';
import { triggerProperties } from './description';
import { isPrivateEvent, subscribeEvent, type EventSettings, type TriggerEvent } from './events';

/** The subtitle under the node on the canvas, e.g. "on order updates". */
const EVENT_WORDS: Record<TriggerEvent, string> = {
	fills: 'fills',
	funding: 'funding rate changes',
	orderUpdates: 'order updates',
	positionUpdates: 'position updates',
	ticker: 'tickers',
};

function readSettings(context: ITriggerFunctions, event: TriggerEvent): EventSettings {
	const raw = context.getNodeParameter('symbols', []) as unknown;
	const symbols = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((symbol) => String(symbol).trim().toUpperCase())
		.filter((symbol) => symbol !== '');
	if ((event === 'ticker' || event === 'funding') && symbols.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Symbols: choose at least one contract for this event');
	}
	const throttleMs = event === 'ticker' ? Number(context.getNodeParameter('throttleMs', 10000)) : 0;
	if (!Number.isFinite(throttleMs) || throttleMs < 0) {
		throw new NodeOperationError(context.getNode(), 'Throttle must be 0 or more milliseconds');
	}
	const options = context.getNodeParameter('options', {}) as { emitSnapshot?: boolean };
	return { symbols, throttleMs, emitSnapshot: options.emitSnapshot === true };
}

export class KrakenFuturesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kraken Futures Trigger',
		name: 'krakenFuturesTrigger',
		icon: { light: 'file:../../icons/kraken.svg', dark: 'file:../../icons/kraken.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ "on " + (${JSON.stringify(EVENT_WORDS)}[$parameter["event"]] || $parameter["event"]) }}`,
		description:
			'Starts the workflow on live Kraken Futures events: tickers, fills, funding, orders, positions',
		defaults: { name: 'Kraken Futures Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krakenFuturesApi', required: true, testedBy: 'krakenFuturesApiTest' }],
		properties: [transportNotice, ...triggerProperties],
	};

	methods = { loadOptions: { getSymbols }, credentialTest: { krakenFuturesApiTest } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const settings = readSettings(this, event);
		const isPrivate = isPrivateEvent(event);
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const target = await resolveTarget(credentials, { keysOptional: !isPrivate }).catch((error: Error) => {
			throw new NodeOperationError(this.getNode(), error.message);
		});
		// A market-data event connects without keys, so nothing private is opened for it.
		const { credentials: keys, ...withoutKeys } = target;
		const config = isPrivate && keys ? { ...withoutKeys, credentials: keys } : withoutKeys;
		let transport: KrakenTransport | undefined;
		let ws: KrakenStreamClient;
		try {
			// On legacy, fills missed while the socket was down are fetched again through n8n's HTTP helper.
			transport = openTransport(config, {
				logger: this.logger,
				httpTransport: new N8nHttpTransport(this),
				signedByHost: true,
				shareInstruments: true,
			});
			ws = transport.streamClient;
		} catch (error) {
			await transport?.close();
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		const opened = transport;
		let subscription: WsSubscription | undefined;
		let firstEvent: { resolve: () => void; reject: (error: Error) => void } | undefined;
		// A contract whose ticker has no funding fields: a manual test stops with the sentence, an
		// active workflow logs it once per contract instead of staying silent.
		settings.onNoFunding = (notice) => {
			if (firstEvent !== undefined) firstEvent.reject(new NodeOperationError(this.getNode(), notice));
			else this.logger.warn(notice);
		};
		ws.on('error', (error: Error) => {
			const failure = new NodeOperationError(this.getNode(), error.message);
			if (firstEvent !== undefined) firstEvent.reject(failure);
			else this.emitError(failure);
		});
		const start = (): void => {
			subscription = subscribeEvent(event, ws, settings, (json) => {
				this.emit([this.helpers.returnJsonArray([json])]);
				firstEvent?.resolve();
			});
		};
		const closeFunction = async (): Promise<void> => {
			subscription?.unsubscribe();
			await opened.close();
		};
		if (this.getMode() !== 'manual') {
			start();
			return { closeFunction };
		}
		// In a manual test the workflow waits for the first real event, then n8n closes the trigger.
		const manualTriggerFunction = async (): Promise<void> => {
			await new Promise<void>((resolve, reject) => {
				firstEvent = { resolve, reject };
				start();
			});
		};
		return { closeFunction, manualTriggerFunction };
	}
}
