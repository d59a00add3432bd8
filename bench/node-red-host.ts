import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type FlowNode = Record<string, unknown>;

interface NodeRedRuntime {
	init(server: unknown, settings: Record<string, unknown>): void;
	start(): Promise<void>;
	runtime: { events: { once(event: string, listener: () => void): void } };
	stop(): Promise<void>;
	nodes: {
		setFlows(flows: FlowNode[], credentials: undefined, type: string): Promise<unknown>;
		getNode(id: string): { on(event: string, listener: (...args: unknown[]) => void): void } | null;
	};
}

/**
 * A real Node-RED runtime embedded in the benchmark process, loading this package's compiled
 * Node-RED nodes from their folder (each .js beside its .html, as Node-RED requires). No editor,
 * no HTTP endpoints, warnings only in the log. Node-RED can be started once per process.
 */
export class NodeRedHost {
	private constructor(
		private readonly red: NodeRedRuntime,
		private readonly userDir: string,
	) {}

	static async start(): Promise<NodeRedHost> {
		const major = Number(process.versions.node.split('.')[0]);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const red = require(major >= 22 ? 'node-red-5' : 'node-red') as NodeRedRuntime;
		const userDir = mkdtempSync(join(tmpdir(), 'kraken-bench-nr-'));
		red.init(createServer(), {
			userDir,
			nodesDir: [join(__dirname, '..', 'nodes', 'node-red')],
			httpAdminRoot: false,
			httpNodeRoot: false,
			credentialSecret: false,
			logging: { console: { level: 'error', metrics: false, audit: false } },
			telemetry: { enabled: false },
			externalModules: { autoInstall: false, palette: { allowInstall: false } },
		});
		// start() resolves before the (empty) stored flows and credentials are loaded; a deploy made
		// before that finishes would have its credentials wiped by the late load.
		const loaded = new Promise<void>((resolve) => red.runtime.events.once('flows:started', resolve));
		await red.start();
		await loaded;
		return new NodeRedHost(red, userDir);
	}

	/** Replaces the running flows, as a full deploy from the editor does; resolves once they run. */
	async deploy(flows: FlowNode[]): Promise<void> {
		const started = new Promise<void>((resolve) => this.red.runtime.events.once('flows:started', resolve));
		await this.red.nodes.setFlows(flows, undefined, 'full');
		await started;
	}

	node(id: string): { on(event: string, listener: (...args: unknown[]) => void): void } | null {
		return this.red.nodes.getNode(id);
	}

	async stop(): Promise<void> {
		await this.deploy([]);
		await this.red.stop();
		rmSync(this.userDir, { recursive: true, force: true });
	}
}

let shared: Promise<NodeRedHost> | undefined;

/** The benchmark's one Node-RED runtime, started on first use. */
export function nodeRedHost(): Promise<NodeRedHost> {
	shared ??= NodeRedHost.start();
	return shared;
}

export async function stopNodeRedHost(): Promise<void> {
	const host = shared;
	shared = undefined;
	if (host !== undefined) await (await host).stop();
}
