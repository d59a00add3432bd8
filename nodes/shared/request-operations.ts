import { KrakenValidationError, type KrakenFuturesTradingApi } from '../../core';
import { readChoice, readNumber, readString, readSymbols, readTime, type RawInput } from './input';

type Operation = (client: KrakenFuturesTradingApi, input: RawInput) => Promise<unknown>;

function symbolOf(input: RawInput, required: true): string;
function symbolOf(input: RawInput, required?: false): string | undefined;
function symbolOf(input: RawInput, required = false): string | undefined {
	const symbol = required ? readString(input, 'symbol', true) : readString(input, 'symbol');
	return symbol?.toUpperCase();
}

function optional<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

const SORT = ['asc', 'desc'] as const;

function paging(input: RawInput) {
	return optional({
		since: readNumber(input, 'since'),
		before: readNumber(input, 'before'),
		sort: readChoice(input, 'sort', SORT),
		count: readNumber(input, 'count'),
		continuation_token: readString(input, 'continuation_token'),
	});
}

/**
 * The read and preference calls without a node of their own, by name. Each takes Kraken's
 * parameter names from the input and resolves to Kraken's response.
 */
export const REQUEST_OPERATIONS: Readonly<Record<string, Operation>> = {
	getOpenOrders: async (client) => (await client.getOpenOrders()).openOrders,
	getOrderStatus: async (client, input) => {
		const orderIds = readSymbolsKeepCase(input.orderIds ?? input.orderId, 'orderIds');
		const cliOrdIds = readSymbolsKeepCase(input.cliOrdIds ?? input.cliOrdId, 'cliOrdIds');
		return (await client.getOrderStatus({ orderIds, cliOrdIds })).orders;
	},
	getFills: async (client, input) =>
		(await client.getFills(optional({ lastFillTime: readTime(input, 'lastFillTime') }))).fills,
	getInstruments: async (client) => (await client.getInstruments()).instruments,
	getInstrumentStatus: async (client, input) => client.getInstrumentStatus(symbolOf(input)),
	getTickers: async (client, input) => {
		const wanted = readSymbols(input.symbol ?? input.symbols, 'symbol');
		const { tickers } = await client.getTickers();
		return wanted.length === 0
			? tickers
			: tickers.filter((ticker) => wanted.includes(ticker.symbol.toUpperCase()));
	},
	getOrderBook: async (client, input) =>
		(await client.getOrderBook({ symbol: symbolOf(input, true) })).orderBook,
	getTradeHistory: async (client, input) =>
		(
			await client.getTradeHistory(
				optional({ symbol: symbolOf(input, true), lastTime: readTime(input, 'lastTime') }),
			)
		).history,
	getHistoricalFundingRates: async (client, input) =>
		(await client.getHistoricalFundingRates({ symbol: symbolOf(input, true) })).rates,
	getLeveragePreferences: async (client) => (await client.getLeveragePreferences()).leveragePreferences,
	setLeveragePreference: async (client, input) =>
		client.setLeveragePreference(
			optional({ symbol: symbolOf(input, true), maxLeverage: readNumber(input, 'maxLeverage') }),
		),
	getPnlPreferences: async (client) => (await client.getPnlPreferences()).preferences,
	setPnlPreference: async (client, input) =>
		client.setPnlPreference({
			symbol: symbolOf(input, true),
			pnlPreference: readString(input, 'pnlPreference', true).toUpperCase(),
		}),
	getAccountLog: async (client, input) =>
		client.getAccountLog(
			optional({
				...paging(input),
				from: readNumber(input, 'from'),
				to: readNumber(input, 'to'),
				info: readString(input, 'info'),
			}),
		),
	getExecutionHistory: async (client, input) => client.getExecutionHistory(paging(input)),
	getOrderHistory: async (client, input) => client.getOrderHistory(paging(input)),
};

export const REQUEST_OPERATION_NAMES = Object.keys(REQUEST_OPERATIONS);

/** Every parameter any operation reads, for merging form values with a msg or item. */
export const REQUEST_FIELDS = [
	'symbol',
	'symbols',
	'orderId',
	'orderIds',
	'cliOrdId',
	'cliOrdIds',
	'lastFillTime',
	'lastTime',
	'maxLeverage',
	'pnlPreference',
	'since',
	'before',
	'from',
	'to',
	'sort',
	'count',
	'info',
	'continuation_token',
];

/** Ids are case-sensitive, so they are split like symbols but not upper-cased. */
function readSymbolsKeepCase(value: unknown, field: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : undefined;
	if (items === undefined) throw new KrakenValidationError(field, 'must be a list of ids');
	return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

/** Runs one named operation, or throws naming the `operation` field when the name is unknown. */
export function runRequestOperation(
	client: KrakenFuturesTradingApi,
	operation: string | undefined,
	input: RawInput,
): Promise<unknown> {
	// Own properties only: "constructor" or "toString" must not reach Object.prototype.
	const run =
		operation !== undefined && Object.hasOwn(REQUEST_OPERATIONS, operation)
			? REQUEST_OPERATIONS[operation]
			: undefined;
	if (run === undefined) {
		throw new KrakenValidationError(
			'operation',
			`must be one of ${REQUEST_OPERATION_NAMES.join(', ')}, got "${String(operation)}"`,
		);
	}
	return run(client, input);
}
