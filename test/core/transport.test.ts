import { strict as assert } from 'node:assert';
import { KrakenConfigError } from '../../core/errors';
import { noopLogger } from '../../core/logger';
import { openTransport, type KrakenTransport } from '../../core/transport';
import type { KrakenFill, WsFeedMessage } from '../../core/ws/types';
import type { PaperExchangeServer } from '../../paper/server';
import {
	type CountingProxy,
	startPaperBehindProxy,
	stopPaperBehindProxy,
} from './shared-cases/counting-proxy';
import { waitFor } from './uws/support/scripted-uws';

describe('core/transport: one configuration, one trading API and one stream client', function () {
	this.timeout(30_000);
	let paper: PaperExchangeServer;
	let proxy: CountingProxy;
	let transport: KrakenTransport | undefined;

	before(async () => {
		({ paper, proxy } = await startPaperBehindProxy(7));
	});
	after(() => stopPaperBehindProxy({ paper, proxy }));
	beforeEach(() => {
		paper.reset();
		proxy.reset();
	});
	afterEach(async () => {
		await transport?.close();
		transport = undefined;
	});

	function unified(): KrakenTransport {
		return openTransport(
			{
				api: 'unified',
				publicUrl: paper.uwsPublicUrl,
				privateUrl: proxy.url,
				spotRestUrl: paper.spotRestUrl,
				credentials: { apiKey: paper.spotApiKey as string, apiSecret: paper.spotApiSecret as string },
			},
			{ logger: noopLogger },
		);
	}

	/** A market buy through the trading API, and the fill the stream client delivers for it. */
	async function tradeAndHear(opened: KrakenTransport): Promise<{ fills: KrakenFill[]; orderId: string }> {
		const fills: KrakenFill[] = [];
		opened.streamClient.onFill((fill) => fills.push(fill));
		await waitFor(() => opened.streamClient.state === 'open', 10_000, 'the stream open');
		const sent = await opened.tradingApi.sendOrder({
			orderType: 'mkt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: 0.01,
		});
		const orderId = sent.sendStatus.order_id as string;
		await waitFor(() => fills.some((fill) => fill.order_id === orderId), 10_000, 'the fill');
		return { fills, orderId };
	}

	it('unified: trading API and stream client share one session (one private socket)', async () => {
		transport = unified();
		assert.equal(transport.api, 'unified');
		const positions: WsFeedMessage[] = [];
		transport.streamClient.subscribe('open_positions', undefined, (message) => positions.push(message));
		await tradeAndHear(transport);
		const { openPositions } = await transport.tradingApi.getOpenPositions();
		assert.ok(openPositions.some((position) => position.symbol === 'PF_XBTUSD'));
		await waitFor(
			() =>
				positions.some((message) =>
					(message.positions as { instrument: string }[]).some((p) => p.instrument === 'PF_XBTUSD'),
				),
			10_000,
			'the position on the stream',
		);
		assert.equal(proxy.connections, 1, 'one private socket for both clients');
		assert.equal(transport.streamClient, transport.streamClient, 'the same stream client each time');
	});

	it('unified: close() closes both clients and the session; nothing can be opened after it', async () => {
		transport = unified();
		const stream = transport.streamClient;
		await tradeAndHear(transport);
		await transport.close();
		assert.equal(stream.state, 'closed');
		assert.throws(() => transport!.tradingApi, KrakenConfigError);
		assert.throws(() => transport!.streamClient, KrakenConfigError);
	});

	it('refuses an unknown api by name before opening anything', () => {
		assert.throws(
			() => openTransport({ api: 'demo' } as never, { logger: noopLogger }),
			(error: unknown) =>
				error instanceof KrakenConfigError &&
				error.field === 'api' &&
				/'legacy' or 'unified'/.test(error.message),
		);
	});

	it('legacy: the stream client delivers fills of orders sent through the trading API', async () => {
		transport = openTransport(
			{
				api: 'legacy',
				restUrl: paper.restUrl,
				wsUrl: paper.wsUrl,
				credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
				useNonce: true,
			},
			{ logger: noopLogger },
		);
		assert.equal(transport.api, 'legacy');
		const { fills, orderId } = await tradeAndHear(transport);
		assert.equal(fills.filter((fill) => fill.order_id === orderId).length, 1);
	});
});
