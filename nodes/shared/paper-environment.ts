import { startPaperExchange } from '../../paper/server';

/** Where the bundled paper exchange listens, and the key pair it accepts. */
export interface PaperEndpoints {
	restUrl: string;
	wsUrl: string;
	apiKey: string;
	apiSecret: string;
	/** The Unified WebSocket endpoints and the paper account's Kraken (Spot) key, when served. */
	unified?: PaperUnifiedEndpoints;
}

export interface PaperUnifiedEndpoints {
	publicUrl: string;
	privateUrl: string;
	spotRestUrl: string;
	apiKey: string;
	apiSecret: string;
}

/** The fields the paper exchange reports for its Unified WebSocket layer (as on its CLI's JSON line). */
interface PaperUnifiedFields {
	uwsPublicUrl?: unknown;
	uwsPrivateUrl?: unknown;
	spotRestUrl?: unknown;
	spotApiKey?: unknown;
	spotApiSecret?: unknown;
}

function unifiedOf(server: PaperUnifiedFields): PaperUnifiedEndpoints | undefined {
	const { uwsPublicUrl, uwsPrivateUrl, spotRestUrl, spotApiKey, spotApiSecret } = server;
	const values = [uwsPublicUrl, uwsPrivateUrl, spotRestUrl, spotApiKey, spotApiSecret];
	if (!values.every((value) => typeof value === 'string' && value !== '')) return undefined;
	return {
		publicUrl: uwsPublicUrl as string,
		privateUrl: uwsPrivateUrl as string,
		spotRestUrl: spotRestUrl as string,
		apiKey: spotApiKey as string,
		apiSecret: spotApiSecret as string,
	};
}

type PaperServer = Awaited<ReturnType<typeof startPaperExchange>>;

/*
 * One paper exchange per process, shared by every node that picks the `paper` environment, so that
 * an order placed by one node shows up in the positions and fills of another. It starts on first
 * use, on loopback, on a free port.
 */
let running: Promise<PaperServer> | undefined;

function start(): Promise<PaperServer> {
	const starting = startPaperExchange({ port: 0 });
	// A failed start must not stick: the next use tries again.
	starting.catch(() => {
		if (running === starting) running = undefined;
	});
	return starting;
}

/** The shared paper exchange's URLs and keys; starts it on first call. */
export async function getPaperExchange(): Promise<PaperEndpoints> {
	running ??= start();
	const server = await running;
	const endpoints: PaperEndpoints = {
		restUrl: server.restUrl,
		wsUrl: server.wsUrl,
		apiKey: server.apiKey,
		apiSecret: server.apiSecret,
	};
	const unified = unifiedOf(server as PaperUnifiedFields);
	if (unified !== undefined) endpoints.unified = unified;
	return endpoints;
}

/** The running shared paper exchange itself (its faults and request log), for tests. */
export async function getPaperServer(): Promise<PaperServer> {
	running ??= start();
	return running;
}

/** Stops the shared paper exchange, if it runs. The next `getPaperExchange()` starts a fresh one. */
export async function stopPaperExchange(): Promise<void> {
	const current = running;
	running = undefined;
	if (current === undefined) return;
	const server = await current.catch(() => undefined);
	await server?.stop();
}
