import { KrakenUnsupportedError } from '../../errors';

/**
 * What the legacy API offers and Kraken's Unified WebSocket does not (reference §4), by the
 * trading API method that offered it, with the substitute where UWS has one.
 */
export const UWS_UNSUPPORTED = {
	getHistoricalFundingRates: {
		feature: 'historical funding rates',
		substitute: 'the funding paid or received on your own positions arrives live on the ledgers channel',
	},
	getInstrumentStatus: { feature: 'instrument status (price dislocation, volatility)' },
	getOrderStatus: {
		feature: 'order status by id',
		substitute: 'getOpenOrders (the executions channel snapshot) and the executions stream',
	},
	getLeveragePreferences: {
		feature: 'reading back leverage preferences',
		substitute: 'setLeveragePreference still sets them (set_preference)',
	},
	getPnlPreferences: { feature: 'PnL currency preferences' },
	setPnlPreference: { feature: 'PnL currency preferences' },
	getAccountLog: {
		feature: 'account log history',
		substitute: 'new ledger entries (trades, funding, realised PnL) arrive live on the ledgers channel',
	},
	getExecutionHistory: {
		feature: 'execution history',
		substitute: 'getFills returns the last 50 fills (the executions snapshot)',
	},
	getOrderHistory: { feature: 'order history' },
	fillsBefore: {
		feature: 'fills before a given time (lastFillTime)',
		substitute: 'getFills without lastFillTime returns the last 50 fills',
	},
	tradeHistoryBefore: {
		feature: 'public trades before a given time (lastTime)',
		substitute: 'getTradeHistory without lastTime returns the last 50 trades',
	},
} as const satisfies Record<string, { feature: string; substitute?: string }>;

export type UwsUnsupportedName = keyof typeof UWS_UNSUPPORTED;

export function uwsUnsupported(name: UwsUnsupportedName): KrakenUnsupportedError {
	const row: { feature: string; substitute?: string } = UWS_UNSUPPORTED[name];
	return new KrakenUnsupportedError(row.feature, {
		transport: 'unified',
		...(row.substitute !== undefined ? { substitute: row.substitute } : {}),
	});
}

/** Whether a trading API call, by its method name, is one Kraken's Unified WebSocket does not offer. */
export function isLegacyOnly(method: string): method is UwsUnsupportedName {
	return Object.hasOwn(UWS_UNSUPPORTED, method);
}

/** The note an editor shows next to an operation that makes such a call. */
export function legacyOnlyNote(method: UwsUnsupportedName): string {
	return `Needs the Legacy API: Kraken's Unified WebSocket does not offer ${UWS_UNSUPPORTED[method].feature}.`;
}
