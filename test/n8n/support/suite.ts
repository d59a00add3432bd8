import type { PaperExchangeServerOptions } from '../../../paper/server';
import type { TransportName } from '../../support/transports';
import { loadEngine, type Engine } from './engine';
import { startPaper, type Paper } from './paper';

/**
 * For the enclosing describe block: n8n's engine with this package loaded and a paper exchange whose
 * credential is on `api`, both ended after the block. Read them through the getters once it has started.
 */
export function engineAndPaper(
	api: TransportName,
	options: PaperExchangeServerOptions = {},
): { engine(): Engine; paper(): Paper } {
	let engine: Engine | undefined;
	let paper: Paper | undefined;
	before(async () => {
		engine = await loadEngine();
		paper = await startPaper(options, api);
	});
	after(async () => {
		await paper?.server.stop();
		engine?.close();
	});
	return { engine: () => engine!, paper: () => paper! };
}
