import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

/**
 * n8n's If node (n8n-nodes-base.if 2.2) for the in-process benchmark, which also runs on Node 20
 * where n8n 2's own nodes cannot load. Same type name and parameters; the conditions are evaluated
 * by n8n-workflow's own filter engine through getNodeParameter. The real node runs in the n8n
 * server suite (test/n8n-server/).
 */
export const ifNode: INodeType = {
	description: {
		displayName: 'If',
		name: 'n8n-nodes-base.if',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Route items to different branches (true/false)',
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				type: 'filter',
				default: {},
				typeOptions: {
					filter: {
						caseSensitive: '={{!$parameter.options.ignoreCase}}',
						typeValidation: 'strict',
						version: 2,
					},
				},
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: true }],
			},
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			item.pairedItem ??= { item: itemIndex };
			(pass ? trueItems : falseItems).push(item);
		});
		return [trueItems, falseItems];
	},
};
