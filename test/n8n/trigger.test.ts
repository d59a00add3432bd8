import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { KrakenFuturesRestClient } from '../../core/rest/client';
import { loadEngine, type CredentialData, type Engine, type TriggerHandle } from './support/engine';
import { TRANSPORTS } from '../support/transports';
import { accountFeedLive, accountFeedsIdle, FILL_FEEDS, ORDER_FEEDS } from '../support/account-feeds';
import { midHourClock } from '../support/paper-clocks';
import { keylessCredentialsFor, secretFieldFor, startPaper, type Paper } from './support/paper';
import { PACKAGE } from './support/workflow';

function triggerNode(parameters: INodeParameters): INode {
	return {
		id: 'trigger',
		name: 'Kraken Futures Trigger',
		type: `${PACKAGE}.krakenFuturesTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { krakenFuturesApi: { id: '1', name: 'Kraken Futures' } },
	};
}

const json = (handle: TriggerHandle): IDataObject[] => handle.emitted.map((data) => data[0][0].json);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const countBy = (items: IDataObject[], key: string) =>
	items.reduce<Record<string, number>>((counts, item) => {
		counts[String(item[key])] = (counts[String(item[key])] ?? 0) + 1;
		return counts;
	}, {});

for (const api of TRANSPORTS)
	describe(`n8n Kraken Futures Trigger through a real TriggerContext (${api})`, function () {
		this.timeout(30_000);
		let engine: Engine;
		let paper: Paper;
		const open: TriggerHandle[] = [];

		async function start(
			parameters: INodeParameters,
			mode: 'trigger' | 'manual' = 'trigger',
			credentials: CredentialData = paper.credentials,
		): Promise<TriggerHandle> {
			const handle = await engine.startTrigger(triggerNode(parameters), credentials, mode);
			open.push(handle);
			return handle;
		}

		before(async () => {
			engine = await loadEngine();
		});
		after(() => engine.close());
		afterEach(async () => {
			for (const handle of open.splice(0)) await handle.response.closeFunction?.();
		});

		describe('market events', () => {
			// One exchange for all of these and no reset: the market keeps publishing, as a live one does.
			before(async () => {
				paper = await startPaper({ clock: { tickMs: 50 }, now: midHourClock() }, api);
			});
			after(() => paper.server.stop());

			it('emits tickers of the chosen contract as they come (throttle 0)', async () => {
				const handle = await start({ event: 'ticker', symbols: ['PF_XBTUSD'], throttleMs: 0 });
				for (const data of await handle.waitForEmits(3)) {
					assert.equal(data[0][0].json.feed, 'ticker');
					assert.equal(data[0][0].json.product_id, 'PF_XBTUSD');
				}
			});

			it('lower-case symbols are normalised: a ticker for pf_xbtusd emits PF_XBTUSD', async () => {
				const handle = await start({ event: 'ticker', symbols: ['pf_xbtusd'], throttleMs: 0 });
				for (const data of await handle.waitForEmits(2)) {
					assert.equal(data[0][0].json.product_id, 'PF_XBTUSD');
				}
			});

			it('the credential\'s "silent socket after" replaces a silent socket, and events keep coming', async () => {
				const handle = await start({ event: 'ticker', symbols: ['PF_XBTUSD'], throttleMs: 0 }, 'trigger', {
					...paper.credentials,
					staleAfterSec: 1,
				});
				await handle.waitForEmits(1);
				paper.server.faults.stopAnsweringPings();
				// The default (30 s) would not notice within the wait below; the configured second does.
				await sleep(200);
				const before = handle.emitted.length;
				await handle.waitForEmits(before + 2);
				assert.deepEqual(handle.errors, []);
			});

			it('throttles tickers to one per contract per interval', async () => {
				const handle = await start({
					event: 'ticker',
					symbols: ['PF_XBTUSD', 'PF_ETHUSD'],
					throttleMs: 30000,
				});
				await handle.waitForEmits(2);
				await sleep(2500);
				assert.deepEqual(countBy(json(handle), 'product_id'), { PF_ETHUSD: 1, PF_XBTUSD: 1 });
			});

			it('resubscribes after the connection drops and keeps emitting', async () => {
				const handle = await start({ event: 'ticker', symbols: ['PF_XBTUSD'], throttleMs: 0 });
				await handle.waitForEmits(1);
				paper.server.faults.dropConnections();
				await handle.waitForEmits(handle.emitted.length + 2);
				assert.deepEqual(handle.errors, []);
			});

			it('emits funding once per change, with the next funding time as a date', async () => {
				const handle = await start({ event: 'funding', symbols: ['PF_XBTUSD'] });
				const [[[{ json: funding }]]] = await handle.waitForEmits(1);
				assert.equal(funding.symbol, 'PF_XBTUSD');
				assert.equal(typeof funding.fundingRate, 'number');
				assert.ok(Date.parse(String(funding.nextFundingTime)) > Date.now() - 3_600_000);
				await sleep(2200);
				// Tickers keep coming about once a second, but the rate only moves hourly.
				assert.equal(handle.emitted.length, 1);
			});

			it('waits for a real event in manual test mode', async () => {
				const handle = await start({ event: 'ticker', symbols: ['PF_ETHUSD'], throttleMs: 0 }, 'manual');
				assert.equal(handle.emitted.length, 0, 'nothing before the manual run starts');
				await handle.response.manualTriggerFunction!();
				assert.ok(handle.emitted.length >= 1);
				assert.equal(json(handle)[0].product_id, 'PF_ETHUSD');
			});

			it('works without keys for market events', async () => {
				const keyless = keylessCredentialsFor(paper.server, api);
				const handle = await start(
					{ event: 'ticker', symbols: ['PF_XBTUSD'], throttleMs: 0 },
					'trigger',
					keyless,
				);
				await handle.waitForEmits(1);
			});

			it('stops emitting once closed', async () => {
				const handle = await start({ event: 'ticker', symbols: ['PF_XBTUSD'], throttleMs: 0 });
				await handle.waitForEmits(1);
				await handle.response.closeFunction!();
				const count = handle.emitted.length;
				await sleep(1500);
				assert.equal(handle.emitted.length, count);
			});

			it('funding: a ticker without funding fields stops a manual test with a plain sentence', async () => {
				paper.server.uws.setTickerFunding(false);
				try {
					const handle = await start({ event: 'funding', symbols: ['PF_XBTUSD'] }, 'manual');
					if (api === 'legacy') {
						// WebSocket v1 always carries funding on a perpetual's ticker.
						await handle.response.manualTriggerFunction!();
						assert.equal(json(handle)[0].symbol, 'PF_XBTUSD');
						return;
					}
					await assert.rejects(
						handle.response.manualTriggerFunction!(),
						/Kraken's Unified WebSocket sends no funding rate for PF_XBTUSD/,
					);
					assert.equal(handle.emitted.length, 0);
				} finally {
					paper.server.uws.setTickerFunding(true);
				}
			});

			it('refuses a ticker trigger without symbols before connecting', async () => {
				await assert.rejects(
					start({ event: 'ticker', symbols: [], throttleMs: 0 }),
					/Symbols: choose at least one contract/,
				);
			});
		});

		describe('account events', () => {
			let rest: KrakenFuturesRestClient;

			before(async () => {
				paper = await startPaper({ clock: { tickMs: 50 } }, api);
				rest = new KrakenFuturesRestClient({
					restUrl: paper.server.restUrl,
					credentials: { apiKey: paper.server.apiKey, apiSecret: paper.server.apiSecret },
				});
			});
			after(async () => {
				await rest.close();
				await paper.server.stop();
			});
			afterEach(() => paper.server.reset());

			/** An event this version's Unified WebSocket stream client does not carry yet: refused before connecting, in words. */
			it('emits each fill exactly once, also across a dropped connection', async () => {
				await accountFeedsIdle(paper.server, FILL_FEEDS);
				const handle = await start({ event: 'fills', symbols: [] });
				await accountFeedLive(paper.server, FILL_FEEDS);
				const first = await rest.sendOrder({
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.01,
				});
				await handle.waitForEmits(1);
				paper.server.faults.dropConnections();
				const second = await rest.sendOrder({
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 0.01,
				});
				await handle.waitForEmits(2);
				await sleep(1500);
				const fills = json(handle);
				const orderIds = fills.map((fill) => fill.order_id);
				assert.ok(orderIds.includes(first.sendStatus.order_id));
				assert.ok(orderIds.includes(second.sendStatus.order_id));
				assert.equal(new Set(fills.map((fill) => fill.fill_id)).size, fills.length, 'no fill twice');
				assert.equal(fills.length, (await rest.getFills()).fills.length, 'no fill lost');
			});

			it('emits order updates', async () => {
				await accountFeedsIdle(paper.server, ORDER_FEEDS);
				const handle = await start({ event: 'orderUpdates', symbols: [], options: {} });
				await accountFeedLive(paper.server, ORDER_FEEDS);
				const placed = await rest.sendOrder({
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.001,
					limitPrice: 30000,
				});
				const [[[{ json: update }]]] = await handle.waitForEmits(1);
				assert.equal(update.feed, 'open_orders');
				assert.equal(update.snapshot, false);
				assert.equal((update.order as IDataObject).order_id, placed.sendStatus.order_id);
				assert.equal((update.order as IDataObject).instrument, 'PF_XBTUSD');
				assert.equal((update.order as IDataObject).direction, 0);
				await rest.cancelOrder({ order_id: placed.sendStatus.order_id! });
				await handle.waitForEmits(2);
				const cancel = json(handle)[1];
				assert.equal(cancel.feed, 'open_orders');
				assert.equal(cancel.is_cancel, true);
				assert.equal(cancel.order_id, placed.sendStatus.order_id);
				if (api === 'unified') assert.equal((cancel.raw as IDataObject).exec_type, 'canceled');
			});

			it('emits position updates, with the snapshot when asked', async () => {
				const handle = await start({ event: 'positionUpdates', options: { emitSnapshot: true } });
				const [[[{ json: snapshot }]]] = await handle.waitForEmits(1);
				assert.equal(snapshot.snapshot, true);
				await rest.sendOrder({ orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.01 });
				await handle.waitForEmits(2);
				const positions = json(handle)
					.slice(1)
					.flatMap((message) => message.positions as IDataObject[]);
				const position = positions.find((candidate) => candidate.instrument === 'PF_XBTUSD');
				assert.ok(position, 'the new position is listed');
				assert.ok(Number(position.balance) > 0, 'a long position has a positive balance');
			});

			it('reports a refused private feed with emitError and a readable message', async () => {
				const credentials = {
					...paper.credentials,
					[secretFieldFor(api)]: randomBytes(64).toString('base64'),
				};
				const handle = await start({ event: 'fills', symbols: [] }, 'trigger', credentials);
				const deadline = Date.now() + 8000;
				while (handle.errors.length === 0 && Date.now() < deadline) await sleep(50);
				assert.ok(handle.errors.length >= 1);
				assert.match(handle.errors[0].message, /Kraken Futures/);
				assert.ok(!handle.errors[0].message.includes(credentials[secretFieldFor(api)] as string));
			});

			it('refuses an account event without keys before connecting', async () => {
				const keyless = keylessCredentialsFor(paper.server, api);
				await assert.rejects(
					start({ event: 'fills', symbols: [] }, 'trigger', keyless),
					/API Key is required/,
				);
			});
		});
	});
