import { KrakenFuturesWsClient } from '../core/ws/client';
import { RateCounter, type IngestConsumer } from './ingest';

const PRODUCT = 'PF_XBTUSD';

/** The core WebSocket client with one `book` and one `ticker` subscription. */
export const coreWsConsumer: IngestConsumer = async (wsUrl, expected) => {
	const counter = new RateCounter(expected);
	const client = new KrakenFuturesWsClient({ wsUrl });
	const onMessage = (message: { feed: string }): void => {
		if (message.feed === 'book' || message.feed === 'ticker') counter.count();
	};
	client.subscribe('book', [PRODUCT], onMessage);
	client.subscribe('ticker', [PRODUCT], onMessage);
	try {
		return await counter.done;
	} finally {
		await client.close();
	}
};
