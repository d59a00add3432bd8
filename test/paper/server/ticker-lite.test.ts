import assert from 'node:assert/strict';
import { startPaperExchange, type PaperExchangeServer } from '../../../paper/server';
import { WsProbe } from './support';

const SYMBOLS = ['PF_XBTUSD', 'PF_ETHUSD'];
const isData = (feed: string, symbol: string) => (m: Record<string, unknown>) =>
	m.feed === feed && m.event === undefined && m.product_id === symbol;

describe('paper exchange ticker_lite on a running market clock', () => {
	let server: PaperExchangeServer;
	let probe: WsProbe | undefined;

	// The real one-second market clock: the feed's rate is what is checked.
	before(async () => {
		server = await startPaperExchange({ seed: 5, heartbeatMs: 60_000 });
	});
	after(async () => {
		await probe?.close();
		await server.stop();
	});

	it('sends about one message per second per contract and keeps the ticker flowing', async () => {
		probe = await WsProbe.open(server.wsUrl);
		probe.send({ event: 'subscribe', feed: 'ticker_lite', product_ids: SYMBOLS });
		probe.send({ event: 'subscribe', feed: 'ticker', product_ids: [SYMBOLS[0]] });
		await probe.waitFor((m) => m.event === 'subscribed' && m.feed === 'ticker');
		const count = (feed: string, symbol: string): number =>
			probe!.messages.filter(isData(feed, symbol)).length;
		// Measured against the market's own clock (its ticker), not wall time, so a busy machine changes nothing.
		const startTickers = count('ticker', SYMBOLS[0]);
		const startLite = SYMBOLS.map((symbol) => count('ticker_lite', symbol));
		const ticks = 4;
		for (let seen = 0; seen < ticks; seen++) {
			await probe.next(isData('ticker', SYMBOLS[0]), 15_000);
		}
		const tickers = count('ticker', SYMBOLS[0]) - startTickers;
		SYMBOLS.forEach((symbol, index) => {
			const lite = count('ticker_lite', symbol) - startLite[index];
			assert.ok(
				lite >= tickers - 1 && lite <= tickers + 1,
				`${symbol}: ${lite} ticker_lite messages during ${tickers} ticker messages`,
			);
		});
		const lite = probe.messages.find(isData('ticker_lite', SYMBOLS[1]))!;
		assert.equal(typeof lite.bid, 'number');
		assert.equal(lite.product_id, SYMBOLS[1]);
		// The feeds keep going after all of that: the next ticker still comes.
		await probe.next(isData('ticker', SYMBOLS[0]), 15_000);
	});
});
