import type { IDataObject } from 'n8n-workflow';

import { toNumber } from '../../core';
import { missingFundingFilter } from '../shared/funding';
import type { KrakenStreamClient } from '../../core/stream';
import type { WsFeedMessage, WsSubscription } from '../../core/ws';
import { TickerFilter } from '../shared/ticker-filter';

export type TriggerEvent = 'ticker' | 'fills' | 'funding' | 'orderUpdates' | 'positionUpdates';

export interface EventSettings {
	symbols: string[];
	/** Ticker only: at most one event per symbol per this many ms (0 = every message). */
	throttleMs: number;
	/** Order and position updates: also emit the state Kraken sends on subscribe. */
	emitSnapshot: boolean;
	/** Funding: told once per contract whose ticker carries no funding fields. */
	onNoFunding?: (notice: string) => void;
}

type Emit = (json: IDataObject) => void;

/** Funding is read from the ticker feed; an event fires when the rate or the next funding time moves. */
function fundingOf(message: WsFeedMessage): IDataObject {
	const next = toNumber(message.next_funding_rate_time);
	return {
		symbol: message.product_id,
		fundingRate: toNumber(message.funding_rate) ?? 0,
		relativeFundingRate: toNumber(message.relative_funding_rate) ?? 0,
		fundingRatePrediction: toNumber(message.funding_rate_prediction) ?? 0,
		relativeFundingRatePrediction: toNumber(message.relative_funding_rate_prediction) ?? 0,
		// Kraken documents this as a duration but sends an absolute epoch-ms timestamp.
		nextFundingTime: next === undefined ? null : new Date(next).toISOString(),
		markPrice: toNumber(message.markPrice) ?? null,
		time: toNumber(message.time) === undefined ? null : new Date(toNumber(message.time)!).toISOString(),
	};
}

function subscribeTicker(client: KrakenStreamClient, settings: EventSettings, emit: Emit): WsSubscription {
	const filter = new TickerFilter(settings.throttleMs, []);
	return client.subscribe('ticker', settings.symbols, (message) => {
		if (filter.accept(String(message.product_id), message)) emit({ ...message } as IDataObject);
	});
}

function subscribeFunding(client: KrakenStreamClient, settings: EventSettings, emit: Emit): WsSubscription {
	const lastKey = new Map<string, string>();
	const lacksFunding = missingFundingFilter((_symbol, notice) => settings.onNoFunding?.(notice));
	return client.subscribe('ticker', settings.symbols, (message) => {
		if (lacksFunding(message)) return;
		const funding = fundingOf(message);
		const key = `${String(funding.fundingRate)}|${String(funding.relativeFundingRate)}|${String(funding.nextFundingTime)}`;
		const symbol = String(funding.symbol);
		if (lastKey.get(symbol) === key) return;
		lastKey.set(symbol, key);
		emit(funding);
	});
}

function subscribeFills(client: KrakenStreamClient, settings: EventSettings, emit: Emit): WsSubscription {
	return client.onFill(
		(fill) => emit({ ...fill } as unknown as IDataObject),
		settings.symbols.length > 0 ? settings.symbols : undefined,
	);
}

function subscribeState(
	feed: 'open_orders' | 'open_positions',
	client: KrakenStreamClient,
	settings: EventSettings,
	emit: Emit,
): WsSubscription {
	// open_positions repeats its feed name for the snapshot, so the first message is the snapshot.
	let first = true;
	return client.subscribe(feed, undefined, (message) => {
		const isSnapshot = message.feed.endsWith('_snapshot') || (feed === 'open_positions' && first);
		first = false;
		if (isSnapshot && !settings.emitSnapshot) return;
		const symbols = settings.symbols.map((symbol) => symbol.toUpperCase());
		if (symbols.length > 0 && feed === 'open_orders' && !isSnapshot) {
			const instrument = (message.order as IDataObject | undefined)?.instrument;
			if (typeof instrument === 'string' && !symbols.includes(instrument.toUpperCase())) return;
		}
		emit({ ...message, snapshot: isSnapshot } as IDataObject);
	});
}

/** Starts the feed behind one trigger event; every event becomes one call of `emit`. */
export function subscribeEvent(
	event: TriggerEvent,
	client: KrakenStreamClient,
	settings: EventSettings,
	emit: Emit,
): WsSubscription {
	switch (event) {
		case 'ticker':
			return subscribeTicker(client, settings, emit);
		case 'funding':
			return subscribeFunding(client, settings, emit);
		case 'fills':
			return subscribeFills(client, settings, emit);
		case 'orderUpdates':
			return subscribeState('open_orders', client, settings, emit);
		case 'positionUpdates':
			return subscribeState('open_positions', client, settings, emit);
	}
}

export function isPrivateEvent(event: TriggerEvent): boolean {
	return event === 'fills' || event === 'orderUpdates' || event === 'positionUpdates';
}
