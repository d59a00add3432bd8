import assert from 'node:assert/strict';
import { KrakenFuturesRestClient } from '../../../core';
import type { PaperExchangeServer } from '../../../paper/server';
import { waitFor } from './capture';

/**
 * Places market orders on the paper exchange and drops every WebSocket `drops` times while fills
 * stream, then checks the consumer saw every fill the exchange made exactly once. `delivered`
 * returns the fill ids the consumer has seen so far, in delivery order.
 */
export async function streamFillsThroughDrops(
	server: PaperExchangeServer,
	drops: number,
	delivered: () => readonly string[],
	perStepTimeoutMs: number,
): Promise<void> {
	const truth: string[] = [];
	const onFill = (_account: string, fill: { fill_id: string }): void => {
		truth.push(fill.fill_id);
	};
	server.exchange.on('fill', onFill);
	const rest = new KrakenFuturesRestClient({
		restUrl: server.restUrl,
		credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
		rateLimit: false,
	});
	const seenAll = (): boolean => {
		const seen = new Set(delivered());
		return truth.every((id) => seen.has(id));
	};
	try {
		await rest.instruments.refresh();
		for (let drop = 0; drop < drops; drop++) {
			await rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001 });
			// Everything so far has arrived, so the consumer is connected and subscribed again.
			await waitFor(
				seenAll,
				perStepTimeoutMs,
				`fills before drop ${drop + 1} (${delivered().length}/${truth.length})`,
			);
			server.faults.dropConnections();
			// Made while the consumer is disconnected: only the REST gap fill can bring it back.
			await rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'sell', size: 0.001 });
		}
		await waitFor(seenAll, perStepTimeoutMs, `every fill (${delivered().length}/${truth.length})`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	} finally {
		server.exchange.off('fill', onFill);
		await rest.close();
	}
	const ids = delivered();
	assert.ok(truth.length >= drops * 2, `the exchange made ${truth.length} fills`);
	assert.equal(new Set(ids).size, ids.length, 'a fill was delivered twice');
	assert.deepEqual([...ids].sort(), [...truth].sort(), 'delivered fills differ from the exchange');
}
