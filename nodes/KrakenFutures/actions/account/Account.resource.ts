import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { KrakenValidationError, toNumber } from '../../../../core';
import type { KrakenFuturesTradingApi } from '../../../../core/api';
import { readString } from '../../helpers/params';
import { symbolField } from '../common.descriptions';

const show = (operation: string) => ({ show: { resource: ['account'], operation: [operation] } });

const PNL_CURRENCIES = ['USD', 'EUR', 'GBP', 'USDC', 'USDT', 'BTC', 'ETH'];

export const getBalances = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, client: KrakenFuturesTradingApi): Promise<IDataObject[]> {
		const { accounts } = await client.getAccounts();
		return Object.entries(accounts).map(([account, wallet]) => ({ account, ...wallet }) as IDataObject);
	},
};

export const getLeverage = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, client: KrakenFuturesTradingApi): Promise<IDataObject[]> {
		const { leveragePreferences } = await client.getLeveragePreferences();
		return (leveragePreferences ?? []) as unknown as IDataObject[];
	},
};

export const setLeverage = {
	description: updateDisplayOptions(show('setLeverage'), [
		symbolField,
		{
			displayName: 'Margin Mode',
			name: 'marginMode',
			type: 'options',
			options: [
				{ name: 'Cross', value: 'cross', description: 'The position uses all available margin' },
				{
					name: 'Isolated',
					value: 'isolated',
					description: 'The position uses its own margin, capped by a maximum leverage',
				},
			],
			default: 'isolated',
		},
		{
			displayName: 'Max Leverage',
			name: 'maxLeverage',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'Maximum leverage of the isolated position (maxLeverage)',
			displayOptions: { show: { marginMode: ['isolated'] } },
		},
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const marginMode = this.getNodeParameter('marginMode', itemIndex) as string;
		if (marginMode === 'cross') {
			const response = await client.setLeveragePreference({ symbol });
			return { symbol, marginMode, result: response.result };
		}
		const raw = this.getNodeParameter('maxLeverage', itemIndex);
		const maxLeverage = toNumber(raw);
		if (maxLeverage === undefined || maxLeverage < 1) {
			throw new KrakenValidationError('maxLeverage', `must be a number of at least 1, not "${String(raw)}"`);
		}
		const response = await client.setLeveragePreference({ symbol, maxLeverage });
		return { symbol, marginMode, maxLeverage, result: response.result };
	},
};

export const getPnlCurrency = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, client: KrakenFuturesTradingApi): Promise<IDataObject[]> {
		const { preferences } = await client.getPnlPreferences();
		return (preferences ?? []) as unknown as IDataObject[];
	},
};

export const setPnlCurrency = {
	description: updateDisplayOptions(show('setPnlCurrency'), [
		symbolField,
		{
			displayName: 'PnL Currency',
			name: 'pnlPreference',
			type: 'options',
			options: PNL_CURRENCIES.map((currency) => ({ name: currency, value: currency })),
			default: 'USD',
			description: 'Currency profit and loss of this contract is realised in (pnlPreference)',
		},
	]),
	async execute(
		this: IExecuteFunctions,
		client: KrakenFuturesTradingApi,
		itemIndex: number,
	): Promise<IDataObject> {
		const symbol = readString(this, 'symbol', itemIndex, 'symbol');
		const pnlPreference = readString(this, 'pnlPreference', itemIndex, 'pnlPreference').toUpperCase();
		if (!PNL_CURRENCIES.includes(pnlPreference)) {
			throw new KrakenValidationError(
				'pnlPreference',
				`must be one of ${PNL_CURRENCIES.join(', ')}, not "${pnlPreference}"`,
			);
		}
		const response = await client.setPnlPreference({ symbol, pnlPreference });
		return { symbol, pnlPreference, result: response.result };
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Balances',
				value: 'getBalances',
				description: 'Balances and margin of every wallet (cash, flex and margin accounts)',
				action: 'Get balances',
			},
			{
				name: 'Get Leverage',
				value: 'getLeverage',
				description: 'Maximum leverage set per contract (isolated margin)',
				action: 'Get leverage settings',
			},
			{
				name: 'Get PnL Currency',
				value: 'getPnlCurrency',
				description: 'The PnL currency set per contract',
				action: 'Get the profit and loss currency settings',
			},
			{
				name: 'Set Leverage',
				value: 'setLeverage',
				description: 'Choose cross or isolated margin with a maximum leverage',
				action: 'Set leverage',
			},
			{
				name: 'Set PnL Currency',
				value: 'setPnlCurrency',
				description: 'Choose the currency PnL is realised in',
				action: 'Set the profit and loss currency',
			},
		],
		default: 'getBalances',
	},
	...setLeverage.description,
	...setPnlCurrency.description,
];
