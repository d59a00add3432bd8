import assert from 'node:assert/strict';
import { FillTracker } from '../../../core/ws/fill-tracker';
import { noopLogger } from '../../../core/logger';
import { RecentIds } from '../../../core/ws/recent-ids';
import type { FillsQuery, KrakenFill } from '../../../core/ws/types';
import { restFill, wsFill } from './support/fills';

describe('RecentIds', () => {
	it('remembers at most `capacity` ids, forgetting the oldest', () => {
		const ids = new RecentIds(3);
		assert.equal(ids.add('a'), true);
		assert.equal(ids.add('a'), false);
		for (const id of ['b', 'c', 'd']) ids.add(id);
		assert.equal(ids.size, 3);
		assert.equal(ids.has('a'), false);
		assert.equal(ids.has('d'), true);
	});
});

describe('FillTracker', () => {
	const T = 1_800_000_000_000;

	function tracker(fetchFills?: (query: FillsQuery) => Promise<unknown[]>, memory = 100) {
		const delivered: KrakenFill[] = [];
		const fills = new FillTracker({
			memory,
			logger: noopLogger,
			onError: (error) => assert.fail(error),
			now: () => T,
			...(fetchFills ? { fetchFills } : {}),
		});
		fills.addListener((fill) => delivered.push(fill));
		return { fills, delivered };
	}

	it('pages REST fills back to the newest fill already seen when the gap is long', async () => {
		const history = Array.from({ length: 250 }, (_, i) => restFill(`f${i}`, T + 1000 + i)).reverse();
		const queries: FillsQuery[] = [];
		const fetchFills = async (query: FillsQuery) => {
			queries.push(query);
			const before = query.lastFillTime === undefined ? Infinity : Date.parse(query.lastFillTime);
			return history.filter((fill) => Date.parse(fill.fillTime) < before).slice(0, 100);
		};
		const { fills, delivered } = tracker(fetchFills);
		fills.subscribed();
		fills.handleMessage({ feed: 'fills_snapshot', fills: [] });
		fills.handleMessage({ feed: 'fills', fills: [wsFill('f0', T + 1000)] });
		fills.connectionLost();
		fills.subscribed();
		assert.equal(fills.recovering, true);
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.equal(fills.recovering, false);
		assert.equal(queries.length, 3);
		assert.deepEqual(
			delivered.map((fill) => fill.fill_id),
			Array.from({ length: 250 }, (_, i) => `f${i}`),
		);
	});

	it('keeps de-duplicating with bounded memory', () => {
		const { fills, delivered } = tracker(undefined, 5);
		fills.subscribed();
		for (let i = 0; i < 20; i++) fills.handleMessage({ feed: 'fills', fills: [wsFill(`id${i}`, T + i)] });
		fills.handleMessage({ feed: 'fills', fills: [wsFill('id19', T + 19)] });
		assert.equal(delivered.length, 20);
	});

	it('delivers to a product-filtered listener only its products', () => {
		const { fills } = tracker();
		const eth: string[] = [];
		fills.addListener((fill) => eth.push(fill.fill_id), ['PF_ETHUSD']);
		fills.subscribed();
		fills.handleMessage({ feed: 'fills', fills: [wsFill('x', T + 1), wsFill('e', T + 2, 'PF_ETHUSD')] });
		assert.deepEqual(eth, ['e']);
	});
});
