import { nodeRedHost } from './node-red-host';
import { RateCounter, type IngestConsumer } from './ingest';

/**
 * A Node-RED ticker trigger (no throttle) wired to a function node that drops the message: the
 * count is taken where the message arrives at that next node, so Node-RED's delivery is included.
 */
export const nodeRedTickerConsumer: IngestConsumer = async (wsUrl, expected) => {
	const host = await nodeRedHost();
	const counter = new RateCounter(expected);
	await host.deploy([
		{ id: 'ingest', type: 'tab', label: 'ingest' },
		{
			id: 'cfg',
			type: 'kraken-futures-config',
			environment: 'custom',
			// Never called: a ticker needs only the WebSocket.
			restUrl: 'http://127.0.0.1:9',
			wsUrl,
		},
		{
			id: 'ticker',
			type: 'kraken-futures-ticker',
			z: 'ingest',
			account: 'cfg',
			symbols: 'PF_XBTUSD',
			feed: 'ticker',
			throttleMs: '0',
			x: 100,
			y: 100,
			wires: [['sink']],
		},
		{
			id: 'sink',
			type: 'function',
			z: 'ingest',
			func: 'return null;',
			outputs: 1,
			x: 300,
			y: 100,
			wires: [[]],
		},
	]);
	host.node('sink')?.on('input', () => counter.count());
	try {
		return await counter.done;
	} finally {
		await host.deploy([]);
	}
};
