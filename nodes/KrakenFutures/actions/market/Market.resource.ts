import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { optionalIsoTime, readCollection, readString } from '../../helpers/params';
import { symbolField } from '../common.descriptions';

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
			displayName: 'Symbol',
			name: 'tickerSymbol',
			type: 'string',
			default: '',
			placeholder: 'PF_XBTUSD',
			description: 'One contract, or empty for the tickers of every contract',
		},
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const symbol = String(this.getNodeParameter('tickerSymbol', itemIndex, '') ?? '').trim();
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
					description: 'Return the 100 trades before this time (lastTime) instead of the newest 100',
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
		const { history } = await client.getTradeHistory(
			lastTime === undefined ? { symbol } : { symbol, lastTime },
		);
		return history.map((trade) => ({ symbol, ...trade }) as IDataObject);
	},
};

export const getFundingRates = {
	description: updateDisplayOptions(show('getFundingRates'), [symbolField]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const { rates } = await client.getHistoricalFundingRates({ symbol });
		return rates.map((rate) => ({ symbol, ...rate }) as IDataObject);
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
				name: 'Get Funding Rate History',
				value: 'getFundingRates',
				description: 'Hourly funding rates of a perpetual contract, oldest first',
				action: 'Get funding rate history',
			},
			{
				name: 'Get Instruments',
				value: 'getInstruments',
				description: 'Every contract with tick size, size step and margin levels',
				action: 'Get instruments',
			},
			{
				name: 'Get Order Book',
				value: 'getOrderBook',
				description: 'The full order book of a contract',
				action: 'Get the order book',
			},
			{
				name: 'Get Public Trades',
				value: 'getTrades',
				description: 'The latest 100 public trades of a contract',
				action: 'Get public trades',
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
