import assert from 'node:assert/strict';

import type { KrakenError } from '../../../core/errors';
import { KrakenFuturesRestClient } from '../../../core/rest/client';
import { KrakenFuturesWsClient } from '../../../core/ws/client';
import type { KrakenFill } from '../../../core/ws/types';
import type { PaperExchangeServer } from '../../../paper/server';
import { marketOrdersNow, startStillPaper } from '../../support/paper-clocks';
import { waitUntil } from './support/scripted-server';

const FAST = { pingIntervalMs: 50, staleAfterMs: 600 };

/**
 * Fills made while the socket is down come back from REST `fills`, 100 a page, paged by time. These
 * run on a paper exchange whose clock stands still, so a group of fills shares one millisecond.
 */
describe('KrakenFuturesWsClient: fills recovered over REST when a millisecond spans pages', function () {
	this.timeout(20_000);
	let paper: PaperExchangeServer;
	let ws: KrakenFuturesWsClient | undefined;
	let rest: KrakenFuturesRestClient | undefined;

	beforeEach(async () => {
		paper = await startStillPaper();
	});
	afterEach(async () => {
		await ws?.close();
		await rest?.close();
		await paper.stop();
	});

	/** A client that has seen one fill live, then lost its socket: resolves once it is down. */
	async function disconnectedAfterOneFill(): Promise<{
		delivered: KrakenFill[];
		errors: KrakenError[];
		first: string[];
	}> {
		rest = new KrakenFuturesRestClient({
			restUrl: paper.restUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
		});
		const client = new KrakenFuturesWsClient({
			wsUrl: paper.wsUrl,
			credentials: { apiKey: paper.apiKey, apiSecret: paper.apiSecret },
			restClient: rest,
			// Long enough that the fills below are all made before the client is back.
			reconnectDelayMs: { initial: 300, max: 300 },
			...FAST,
		});
		ws = client;
		const delivered: KrakenFill[] = [];
		const errors: KrakenError[] = [];
		client.on('error', (error: KrakenError) => errors.push(error));
		client.onFill((fill) => delivered.push(fill));
		let snapshots = 0;
		client.subscribe('fills', undefined, (message) => {
			if (message.feed === 'fills_snapshot') snapshots++;
		});
		await waitUntil(() => snapshots === 1, 5000, 'the first fills snapshot');
		const first = marketOrdersNow(paper, 1);
		await waitUntil(() => delivered.length === first.length, 5000, 'the live fill');
		paper.exchange.advanceTime(1);
		paper.faults.dropConnections();
		await waitUntil(() => client.state === 'reconnecting', 5000, 'the drop');
		return { delivered, errors, first };
	}

	it('delivers every missed fill once, in order, though the oldest page boundary splits a millisecond', async () => {
		const { delivered, errors, first } = await disconnectedAfterOneFill();
		// 60 fills, then 80 a millisecond later: the newest page holds the 80 and 20 of the 60.
		const missed = [...marketOrdersNow(paper, 60)];
		paper.exchange.advanceTime(1);
		missed.push(...marketOrdersNow(paper, 80));
		await waitUntil(() => delivered.length >= first.length + missed.length, 10_000, 'the missed fills').catch(
			() => undefined,
		);
		assert.deepEqual(errors, []);
		assert.deepEqual(
			delivered.map((fill) => fill.fill_id),
			[...first, ...missed],
		);
	});

	it('reports as an error, not as complete, a gap whose fills fill a whole page in one millisecond', async () => {
		const { delivered, errors, first } = await disconnectedAfterOneFill();
		const missed = marketOrdersNow(paper, 130);
		await waitUntil(() => errors.length > 0, 10_000, 'the error');
		assert.match(errors[0].message, /100 fills all at/);
		await waitUntil(() => delivered.length >= first.length + 100, 10_000, 'the fills that could be had');
		// The newest page and what the socket's snapshot brought are delivered together, once each.
		const ids = delivered.map((fill) => fill.fill_id);
		assert.equal(ids.length, first.length + 100);
		assert.equal(new Set(ids).size, ids.length, 'none twice');
		assert.deepEqual(ids, [...first, ...missed.slice(-100)]);
	});
});
