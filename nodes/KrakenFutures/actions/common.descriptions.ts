import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCollection } from '../helpers/params';

/** The contract to trade or query, loaded from Kraken's instrument list. */
export const symbolField: INodeProperties = {
	displayName: 'Symbol Name or ID',
	name: 'symbol',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSymbols' },
	required: true,
	default: '',
	description:
		'The contract, e.g. PF_XBTUSD (linear, size in coins) or PI_XBTUSD (inverse, size in USD contracts). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Limits the operator puts on order placement, e.g. before handing the node to an AI agent. */
export const guardsField: INodeProperties = {
	displayName: 'Safety Limits',
	name: 'guards',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	description:
		'Limits checked before an order is sent. An order that breaks one is refused and nothing reaches Kraken. Set them before using this node as an AI agent tool.',
	options: [
		{
			displayName: 'Allowed Symbols',
			name: 'allowedSymbols',
			type: 'string',
			default: '',
			placeholder: 'PF_XBTUSD, PF_ETHUSD',
			description: 'Comma-separated symbols this node may trade. Empty allows every symbol.',
		},
		{
			displayName: 'Maximum Notional (USD)',
			name: 'maxNotional',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Largest value of one order in USD: size × price for linear contracts (the mark price for market orders), size for inverse contracts. 0 means no limit.',
		},
		{
			displayName: 'Maximum Size',
			name: 'maxSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Largest size of one order in contract units. 0 means no limit.',
		},
		{
			displayName: 'Reduce-Only Orders Only',
			name: 'reduceOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to refuse every order that is not reduce-only, so the node can only close or shrink positions',
		},
	],
};

/** An optional "only this contract" filter for list operations. */
export function symbolFilterField(description: string): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'PF_XBTUSD',
				description,
			},
		],
	};
}

/** Keeps the rows of the contract chosen in `symbolFilterField`, or all of them when none is. */
export function filterBySymbol(
	context: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
): IDataObject[] {
	const symbol = String(readCollection(context, 'filters', itemIndex).symbol ?? '')
		.trim()
		.toUpperCase();
	return symbol === '' ? rows : rows.filter((row) => String(row.symbol).toUpperCase() === symbol);
}
