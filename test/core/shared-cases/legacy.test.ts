import { strict as assert } from 'node:assert';
import { KrakenUnsupportedError } from '../../../core/errors';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { type PaperExchangeServer, startPaperExchange } from '../../../paper/server';
import { tradingCases } from './trading.cases';
import { legacyTransport } from './transports';

tradingCases(legacyTransport);

const SYMBOL = 'PF_XBTUSD';

describe('what only the legacy REST v3 client offers, against the paper exchange', function () {
	this.timeout(20_000);
	let paper: PaperExchangeServer;
	let client: KrakenFuturesRestClient;

	before(async () => {
		paper = await startPaperExchange({ port: 0, seed: 7, clock: false });
	});
	after(() => paper.stop());
	beforeEach(() => {
		paper.reset();
		client = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
		});
	});
	afterEach(() => client.close());

	it('reads order status, funding history, preferences and history', async () => {
		await client.sendOrder({
			orderType: 'post',
			symbol: SYMBOL,
			side: 'buy',
			size: 0.01,
			limitPrice: 30000,
			cliOrdId: 'st-1',
		});
		assert.equal((await client.getOrderStatus({ cliOrdIds: ['st-1'] })).orders.length, 1);
		assert.ok((await client.getHistoricalFundingRates({ symbol: SYMBOL })).rates.length > 0);
		await client.setLeveragePreference({ symbol: SYMBOL, maxLeverage: 5 });
		const prefs = await client.getLeveragePreferences();
		assert.ok(prefs.leveragePreferences.some((p) => p.symbol === SYMBOL && Number(p.maxLeverage) === 5));
		await client.setLeveragePreference({ symbol: SYMBOL });
		assert.equal(
			(await client.getLeveragePreferences()).leveragePreferences.length,
			0,
			'back to cross margin',
		);
		await client.setPnlPreference({ symbol: SYMBOL, pnlPreference: 'USDC' });
		const pnl = await client.getPnlPreferences();
		assert.ok(pnl.preferences.some((p) => p.symbol === SYMBOL && p.pnlCurrency === 'USDC'));
		assert.equal((await client.getInstrumentStatus(SYMBOL)).tradeable, SYMBOL);
		await client.sendOrder({ orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: 0.01 });
		assert.ok((await client.getAccountLog({ count: 10 })).logs.length > 0);
		assert.ok((await client.getExecutionHistory()).elements.length > 0);
		assert.ok((await client.getOrderHistory()).elements.length > 0);
	});

	it('has no dry run: validate is refused and nothing is sent', async () => {
		const before = paper.requests.forPath('/sendorder').length;
		await assert.rejects(
			client.sendOrder({ orderType: 'mkt', symbol: SYMBOL, side: 'buy', size: 0.01 }, { validate: true }),
			(e: unknown) =>
				e instanceof KrakenUnsupportedError && /Derivatives REST v3 API does not offer it/.test(e.message),
		);
		await assert.rejects(client.cancelAllOrders({}, { validate: true }), KrakenUnsupportedError);
		assert.equal(paper.requests.forPath('/sendorder').length, before);
		assert.equal(paper.requests.forPath('/cancelallorders').length, 0);
	});
});
