import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { isLegacyOnly, legacyOnlyNote } from '../../../core';
import type { KrakenFuturesTradingApi } from '../../../core/api';

type Method = keyof KrakenFuturesTradingApi;

/** The trading API call each operation makes, by resource and operation. */
export const OPERATION_CALLS: Readonly<Record<string, Readonly<Record<string, Method>>>> = {
	order: {
		batch: 'batchOrder',
		cancel: 'cancelOrder',
		cancelAll: 'cancelAllOrders',
		deadManSwitch: 'cancelAllOrdersAfter',
		edit: 'editOrder',
		getOpen: 'getOpenOrders',
		getStatus: 'getOrderStatus',
		send: 'sendOrder',
	},
	position: { getOpen: 'getOpenPositions' },
	account: {
		getBalances: 'getAccounts',
		getLeverage: 'getLeveragePreferences',
		getPnlCurrency: 'getPnlPreferences',
		setLeverage: 'setLeveragePreference',
		setPnlCurrency: 'setPnlPreference',
	},
	fill: { getMany: 'getFills' },
	market: {
		getFundingRates: 'getHistoricalFundingRates',
		getInstruments: 'getInstruments',
		getOrderBook: 'getOrderBook',
		getTickers: 'getTickers',
		getTrades: 'getTradeHistory',
	},
	accountLog: { getMany: 'getAccountLog' },
};

function withNote(option: INodePropertyOptions, method: Method | undefined): INodePropertyOptions {
	if (method === undefined || !isLegacyOnly(method)) return option;
	return { ...option, description: `${option.description ?? ''} ${legacyOnlyNote(method)}`.trim() };
}

/**
 * The node's properties with a note on each operation whose call core lists as one Kraken's Unified
 * WebSocket does not offer: the description says the operation needs the Legacy API.
 */
export function markLegacyOnly(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const resource = property.displayOptions?.show?.resource?.[0];
		if (property.name !== 'operation' || typeof resource !== 'string' || !property.options) return property;
		const calls = OPERATION_CALLS[resource] ?? {};
		const options = (property.options as INodePropertyOptions[]).map((option) =>
			withNote(option, calls[String(option.value)]),
		);
		return { ...property, options };
	});
}
