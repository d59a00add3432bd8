import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fill',
				value: 'fills',
				description: 'One of your orders was filled (each fill exactly once, also across reconnects)',
			},
			{
				name: 'Funding Rate Change',
				value: 'funding',
				description: 'The funding rate or the next funding time of a perpetual changed',
			},
			{
				name: 'Order Update',
				value: 'orderUpdates',
				description: 'One of your orders was placed, changed, filled or cancelled',
			},
			{
				name: 'Position Update',
				value: 'positionUpdates',
				description: 'Your open positions changed (size, PnL, margin)',
			},
			{ name: 'Ticker', value: 'ticker', description: 'Price, funding and volume update of a contract' },
		],
		default: 'ticker',
	},
	{
		displayName: 'Symbol Names or IDs',
		name: 'symbols',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSymbols' },
		required: true,
		default: [],
		description:
			'Contracts to listen to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['ticker', 'funding'] } },
	},
	{
		displayName: 'Symbol Names or IDs',
		name: 'symbols',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSymbols' },
		default: [],
		description:
			'Only events of these contracts; none means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['fills', 'orderUpdates'] } },
	},
	{
		// Same label and unit as the Node-RED ticker node's Throttle.
		displayName: 'Throttle',
		name: 'throttleMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10000,
		description:
			'At most one event per contract per this many milliseconds; events in between are skipped. Kraken sends a ticker about every second. 0 emits every update.',
		displayOptions: { show: { event: ['ticker'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { event: ['orderUpdates', 'positionUpdates'] } },
		options: [
			{
				displayName: 'Emit Snapshot',
				name: 'emitSnapshot',
				type: 'boolean',
				default: false,
				description:
					'Whether to also emit the current state Kraken sends when the feed starts (marked snapshot: true)',
			},
		],
	},
];
