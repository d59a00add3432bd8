import assert from 'node:assert/strict';
import { KrakenConfigError } from '../../core/errors';
import {
	apiChoiceOf,
	assertLegacyAvailable,
	KrakenLegacyRetiredError,
	LEGACY_CUTOFF_MS,
	legacyNotice,
	legacyStatusText,
	type Clock,
} from '../../core/legacy-cutoff';
import { KrakenFuturesRestClient } from '../../core/rest/client';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../core/rest/transport';
import { KrakenFuturesWsClient } from '../../core/ws/client';
import { startPaperExchange, type PaperExchangeServer } from '../../paper/server';

const BEFORE: Clock = () => LEGACY_CUTOFF_MS - 1;
const AT: Clock = () => LEGACY_CUTOFF_MS;
const LATER: Clock = () => Date.UTC(2027, 5, 1);
const PRODUCTION_REST = 'https://futures.kraken.com';
const PRODUCTION_WS = 'wss://futures.kraken.com/ws/v1';

/**
 * Stands in for futures.kraken.com, which no test may reach: it records what would have been sent
 * and answers like Kraken's public instruments endpoint.
 */
class RecordingTransport implements HttpTransport {
	readonly sent: HttpRequest[] = [];
	async request(request: HttpRequest): Promise<HttpResponse> {
		this.sent.push(request);
		return { status: 200, headers: {}, body: '{"result":"success","instruments":[]}' };
	}
	async close(): Promise<void> {}
}

function assertRetiredError(error: unknown): true {
	assert.ok(error instanceof KrakenLegacyRetiredError);
	assert.ok(error instanceof KrakenConfigError, 'a configuration error, so hosts show it as one');
	assert.equal(error.code, 'KRAKEN_CONFIG');
	assert.equal(error.field, 'api');
	assert.match(error.message, /1 March 2027/);
	assert.match(error.message, /api to "unified"/);
	assert.match(error.message, /futures\.kraken\.com/);
	return true;
}

describe('legacy API cut-off on 1 March 2027 (injected clock)', () => {
	it('the cut-off instant is 2027-03-01T00:00:00Z', () => {
		assert.equal(new Date(LEGACY_CUTOFF_MS).toISOString(), '2027-03-01T00:00:00.000Z');
	});

	it('a configuration without api stays on legacy; only "unified" selects the Unified WebSocket', () => {
		assert.equal(apiChoiceOf(undefined), 'legacy');
		assert.equal(apiChoiceOf(''), 'legacy');
		assert.equal(apiChoiceOf('legacy'), 'legacy');
		assert.equal(apiChoiceOf('unified'), 'unified');
	});

	it('warns before the date and says it is over after it', () => {
		assert.match(legacyNotice(BEFORE), /switches off .* on 1 March 2027/);
		assert.match(legacyNotice(BEFORE), /api to "unified"/);
		assert.match(legacyNotice(AT), /switched off .* on 1 March 2027/);
		assert.equal(legacyStatusText(BEFORE), 'legacy API ends 1 Mar 2027');
		assert.equal(legacyStatusText(AT), 'legacy API off since 1 Mar 2027');
		for (const clock of [BEFORE, AT]) assert.ok(legacyStatusText(clock).length <= 32, 'fits a status ring');
	});

	it('refuses Kraken legacy hosts from the cut-off on, and only them', () => {
		assert.doesNotThrow(() => assertLegacyAvailable(PRODUCTION_REST, BEFORE));
		assert.throws(() => assertLegacyAvailable(PRODUCTION_REST, AT), assertRetiredError);
		assert.throws(() => assertLegacyAvailable(PRODUCTION_WS, LATER), assertRetiredError);
		assert.doesNotThrow(() => assertLegacyAvailable('http://127.0.0.1:8080', LATER));
		assert.doesNotThrow(() => assertLegacyAvailable('https://futures.example.com', LATER));
	});

	it('REST client: a call after the cut-off fails at once and sends nothing', async () => {
		const transport = new RecordingTransport();
		const after = new KrakenFuturesRestClient({ restUrl: PRODUCTION_REST, transport, clock: AT });
		await assert.rejects(after.getInstruments(), assertRetiredError);
		assert.equal(transport.sent.length, 0, 'nothing reached the transport');

		const before = new KrakenFuturesRestClient({ restUrl: PRODUCTION_REST, transport, clock: BEFORE });
		await before.getInstruments();
		assert.equal(transport.sent.length, 1, 'the same call goes out one millisecond earlier');
		assert.ok(transport.sent[0]?.url.startsWith(PRODUCTION_REST));
	});

	it('WebSocket client: subscribing after the cut-off throws before any socket opens', async () => {
		const client = new KrakenFuturesWsClient({ wsUrl: PRODUCTION_WS, clock: LATER });
		try {
			assert.throws(() => client.subscribe('ticker', ['PF_XBTUSD'], () => undefined), assertRetiredError);
			assert.equal(client.state, 'idle', 'no connection was attempted');
		} finally {
			await client.close();
		}
	});

	describe('the paper exchange keeps serving legacy after the cut-off', () => {
		let paper: PaperExchangeServer;
		before(async () => {
			paper = await startPaperExchange({ port: 0, seed: 5, clock: false });
		});
		after(async () => {
			await paper.stop();
		});

		it('REST and WebSocket calls to a loopback paper exchange still work in June 2027', async () => {
			const rest = new KrakenFuturesRestClient({ restUrl: paper.restUrl, clock: LATER });
			const ws = new KrakenFuturesWsClient({ wsUrl: paper.wsUrl, clock: LATER });
			try {
				const { instruments } = await rest.getInstruments();
				assert.ok(instruments.length > 0);
				const message = await new Promise<Record<string, unknown>>((resolve) => {
					ws.subscribe('ticker', ['PF_XBTUSD'], (received) => resolve(received));
				});
				assert.equal(message.product_id, 'PF_XBTUSD');
			} finally {
				await ws.close();
				await rest.close();
			}
		});
	});
});
