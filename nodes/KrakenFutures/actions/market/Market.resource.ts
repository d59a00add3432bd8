import { collectByTime, timePagingNote } from '../../helpers/time-listing';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { optionalIsoTime, readCollection, readString } from '../../helpers/params';
import { symbolField } from '../common.descriptions';
import { readLimit, returnAllFields } from '../get-many';
import { legacyOnlyNote } from '../../../../core';

const show = (operation: string) => ({ show: { resource: ['market'], operation: [operation] } });

export const getInstruments = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, client: KrakenFuturesTradingApi): Promise<IDataObject[]> {
		const { instruments } = await client.getInstruments();
		return instruments as unknown as IDataObject[];
	},
};

export const getTickers = {
	description: updateDisplayOptions(show('getTickers'), [
		{
			...symbolField,
			required: false,
			typeOptions: { loadOptionsMethod: 'getSymbolsOrAll' },
			description:
				'One contract, or All Contracts for the tickers of every contract. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const symbol = String(this.getNodeParameter('symbol', itemIndex, '') ?? '').trim();
		if (symbol !== '') {
			const { ticker } = await client.getTicker(symbol);
			return [ticker as IDataObject];
		}
		const { tickers } = await client.getTickers();
		return tickers as unknown as IDataObject[];
	},
};

export const getOrderBook = {
	description: updateDisplayOptions(show('getOrderBook'), [symbolField]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const { orderBook, serverTime } = await client.getOrderBook({ symbol });
		return { symbol, serverTime, ...orderBook } as IDataObject;
	},
};

export const getTrades = {
	description: updateDisplayOptions(show('getTrades'), [
		symbolField,
		...returnAllFields('market', 'getTrades'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Before',
					name: 'lastTime',
					type: 'dateTime',
					default: '',
					description: `Only trades before this time (lastTime). ${legacyOnlyNote('tradeHistoryBefore')} Leave it empty to start from the newest trade. ${timePagingNote('trades')}`,
				},
			],
		},
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const lastTime = optionalIsoTime(readCollection(this, 'options', itemIndex).lastTime, 'lastTime');
		return await collectByTime({
			node: this.getNode(),
			itemIndex,
			what: 'public trades',
			start: lastTime,
			fetch: async (before) =>
				(
					await client.getTradeHistory(before === undefined ? { symbol } : { symbol, lastTime: before })
				).history.map((trade) => ({ symbol, ...trade }) as IDataObject),
			timeOf: (trade) => trade.time,
			keyOf: (trade) => String(trade.uid ?? `${String(trade.time)}|${String(trade.trade_id)}`),
			keep: () => true,
			limit: readLimit(this, itemIndex),
		});
	},
};

export const getFundingRates = {
	description: updateDisplayOptions(show('getFundingRates'), [
		symbolField,
		...returnAllFields('market', 'getFundingRates'),
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const limit = readLimit(this, itemIndex);
		const { rates } = await client.getHistoricalFundingRates({ symbol });
		// Kraken sends the whole history oldest first; a limit keeps the most recent rates, in that order.
		const recent = limit === undefined ? rates : rates.slice(-limit);
		return recent.map((rate) => ({ symbol, ...rate }) as IDataObject);
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['market'] } },
		options: [
			{
				name: 'Get Instruments',
				value: 'getInstruments',
				description: 'Every contract with tick size, size step and margin levels',
				action: 'Get instruments',
			},
			{
				name: 'Get Many Funding Rates',
				value: 'getFundingRates',
				description: 'Hourly funding rates of a perpetual contract, oldest first',
				action: 'Get many funding rates',
			},
			{
				name: 'Get Many Public Trades',
				value: 'getTrades',
				description: 'Public trades of a contract, newest first',
				action: 'Get many public trades',
			},
			{
				name: 'Get Order Book',
				value: 'getOrderBook',
				description: 'The full order book of a contract',
				action: 'Get the order book',
			},
			{
				name: 'Get Tickers',
				value: 'getTickers',
				description: 'Last, bid, ask, mark price, volume and funding of contracts',
				action: 'Get tickers',
			},
		],
		default: 'getTickers',
	},
	...getTickers.description,
	...getOrderBook.description,
	...getTrades.description,
	...getFundingRates.description,
];
