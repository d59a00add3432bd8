import './quiet-n8n';

import {
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	RoutingNode,
	TriggerContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { createPackageDir } from './package-dir';

export type CredentialData = ICredentialDataDecryptedObject;

/** The small ICredentialsHelper n8n's own node tests use: fixed data, the type's own authenticate(). */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, CredentialData>,
	) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: CredentialData,
		typeName: string,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		return typeof authenticate === 'function' ? await authenticate(credentials, request) : request;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<CredentialData> {
		return { ...(this.data[type] ?? {}) };
	}
	async getCredentials(): Promise<Credentials> {
		return new Credentials({ id: null, name: '' }, '', '');
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): [] {
		return [];
	}
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
}

export interface RunOptions {
	startNodeName?: string;
	/** Items the start node receives (a Manual Trigger passes them on). */
	startItems?: IDataObject[];
}

export interface Engine {
	packageName: string;
	nodeTypes: INodeTypes;
	credentialType: ICredentialType;
	nodeType(name: 'krakenFutures' | 'krakenFuturesTrigger'): INodeType;
	run(spec: WorkflowSpec, credentials: CredentialData, options?: RunOptions): Promise<IRun>;
	startTrigger(node: INode, credentials: CredentialData, mode: 'trigger' | 'manual'): Promise<TriggerHandle>;
	additionalData(credentials: CredentialData): IWorkflowExecuteAdditionalData;
	close(): void;
}

export interface TriggerHandle {
	response: ITriggerResponse;
	emitted: INodeExecutionData[][][];
	errors: Error[];
	/** Resolves once `count` emits have arrived (or rejects after `timeoutMs`). */
	waitForEmits(count: number, timeoutMs?: number): Promise<INodeExecutionData[][][]>;
}

/**
 * Loads the compiled package the way n8n loads a community package. Only this package's nodes run
 * here (this suite also runs on Node 20, where n8n's own nodes cannot load); workflows with n8n's
 * base nodes run in a real n8n server (test/n8n-server/).
 */
export async function loadEngine(extraTypes: Record<string, INodeType> = {}): Promise<Engine> {
	const pkg = createPackageDir();
	const loader = new PackageDirectoryLoader(pkg.dir);
	await loader.loadAll();
	const packageName = loader.packageName;
	const ours = (name: string): INodeType => loader.getNode(name).type as INodeType;
	const byName = (type: string): INodeType => {
		if (type.startsWith(`${packageName}.`)) return ours(type.slice(packageName.length + 1));
		const extra = extraTypes[type];
		if (extra === undefined)
			throw new Error(`node type ${type} is not loaded in-process; run it in test/n8n-server/`);
		return extra;
	};
	const nodeTypes: INodeTypes = {
		getByName: byName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => ({}),
	};
	const credentialType = loader.getCredential('krakenFuturesApi').type;
	const credentialTypes = { krakenFuturesApi: credentialType };

	function additionalData(
		credentials: CredentialData,
		hooks?: ExecutionLifecycleHooks,
	): IWorkflowExecuteAdditionalData {
		return {
			executionId: '1',
			hooks,
			credentialsHelper: new TestCredentialsHelper(credentialTypes, { krakenFuturesApi: credentials }),
			variables: {},
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost',
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	return {
		packageName,
		nodeTypes,
		credentialType,
		nodeType: ours,
		additionalData: (credentials) => additionalData(credentials),
		async run(spec, credentials, options = {}) {
			const workflowData = {
				id: 'w1',
				name: 'test',
				nodes: spec.nodes,
				connections: spec.connections,
				active: false,
				settings: {},
			};
			const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
			const hooks = new ExecutionLifecycleHooks('manual', '1', workflowData as never);
			const finished = new Promise<IRun>((resolve) =>
				hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
			);
			const targets = new Set(
				Object.values(spec.connections).flatMap((outputs) =>
					Object.values(outputs).flatMap((lists) => (lists ?? []).flat().map((c) => c?.node)),
				),
			);
			const start =
				spec.nodes.find((node) => node.name === options.startNodeName) ??
				spec.nodes.find((node) => !targets.has(node.name));
			if (start === undefined) throw new Error('the workflow has no start node');
			const runData = createRunExecutionData({
				executionData: {
					nodeExecutionStack: [
						{
							node: start,
							data: { main: [(options.startItems ?? [{}]).map((json) => ({ json }))] },
							source: null,
						},
					],
				},
				resultData: { runData: {}, ...(spec.pinData ? { pinData: spec.pinData } : {}) },
			} as never);
			await new WorkflowExecute(
				additionalData(credentials, hooks),
				'manual',
				runData,
			).processRunExecutionData(workflow);
			return await finished;
		},
		async startTrigger(node, credentials, mode) {
			const workflow = new Workflow({
				id: 'w1',
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes,
				staticData: {},
			});
			const emitted: INodeExecutionData[][][] = [];
			const errors: Error[] = [];
			const waiters: (() => void)[] = [];
			const emit: ITriggerFunctions['emit'] = (data) => {
				emitted.push(data);
				for (const wake of waiters.splice(0)) wake();
			};
			const emitError: ITriggerFunctions['emitError'] = (error) => {
				errors.push(error);
				for (const wake of waiters.splice(0)) wake();
			};
			const context = new TriggerContext(
				workflow,
				node,
				additionalData(credentials),
				mode,
				'activate',
				emit,
				emitError,
			);
			const response = (await ours('krakenFuturesTrigger').trigger!.call(context)) ?? {};
			const waitForEmits = async (count: number, timeoutMs = 8000): Promise<INodeExecutionData[][][]> => {
				const deadline = Date.now() + timeoutMs;
				while (emitted.length < count) {
					if (errors.length > 0) throw errors[0];
					const left = deadline - Date.now();
					if (left <= 0) throw new Error(`expected ${count} emits, got ${emitted.length}`);
					await new Promise<void>((resolve) => {
						const timer = setTimeout(resolve, left);
						waiters.push(() => {
							clearTimeout(timer);
							resolve();
						});
					});
				}
				return emitted;
			};
			return { response, emitted, errors, waitForEmits };
		},
		close: () => pkg.remove(),
	};
}

/** The JSON of every item a node produced on its first run, per output. */
export function nodeOutput(run: IRun, nodeName: string, output = 0): IDataObject[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[output] ?? []).map((item) => item.json);
}

export function nodeError(
	run: IRun,
	nodeName: string,
): (Error & { description?: string; context?: IDataObject }) | undefined {
	return run.data.resultData.runData[nodeName]?.[0]?.error as never;
}

/**
 * What n8n's CredentialsTester does with a credential's `test` request (packages/cli
 * credentials-tester.service.ts): a temporary node whose only property routes the request,
 * run by n8n-core's RoutingNode with the credential's authenticate() applied, then the rules.
 * The tester builds the temporary node type from n8n-nodes-base.noOp's description; only its
 * name, credentials and the routed property matter here. The real tester runs in test/n8n-server/.
 */
export async function testCredential(
	engine: Engine,
	data: CredentialData,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const testRequest = engine.credentialType.test!;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { krakenFuturesApi: { id: 'cred', name: 'Kraken' } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'krakenFuturesApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		engine.additionalData(data),
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: 'cred', name: 'Kraken', type: 'krakenFuturesApi', data };
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
			.cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: String((error as Error).message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json ?? {};
			if (json[rule.properties.key] === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
