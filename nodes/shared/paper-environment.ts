import { connectionInfo, type PaperConnectionInfo } from '../../paper/connection-info';
import { startPaperExchange } from '../../paper/server';

/** Where the bundled paper exchange listens, and the key pairs it accepts (Futures and Kraken/Spot, one account). */
export type PaperEndpoints = PaperConnectionInfo;

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
	return connectionInfo(server);
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
