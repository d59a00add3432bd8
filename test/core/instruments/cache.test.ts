import { strict as assert } from 'node:assert';
import { clearSharedInstrumentListsForTests, InstrumentCache } from '../../../core/instruments/cache';
import type { InstrumentsResponse } from '../../../core/rest/types';
import { INSTRUMENTS } from '../support/fixtures';

function source(): { fetch: () => Promise<InstrumentsResponse>; calls: () => number } {
	let calls = 0;
	return {
		fetch: async () => {
			calls += 1;
			await new Promise((resolve) => setTimeout(resolve, 5));
			return { result: 'success', instruments: INSTRUMENTS } as InstrumentsResponse;
		},
		calls: () => calls,
	};
}

describe('core/instruments/InstrumentCache', () => {
	it('fetches once for concurrent callers and parses numbers sent as strings', async () => {
		const { fetch, calls } = source();
		const cache = new InstrumentCache(fetch, 60_000);
		const [eth, xbt] = await Promise.all([cache.get('pf_ethusd'), cache.get('PF_XBTUSD')]);
		assert.equal(calls(), 1);
		assert.equal(eth?.symbol, 'PF_ETHUSD');
		assert.equal(eth?.tickSize, 0.1);
		assert.equal(eth?.contractValueTradePrecision, 3);
		assert.equal(xbt?.tickSize, 1);
		assert.equal((await cache.get('pf_oldusd'))?.tradeable, false);
		assert.equal((await cache.list()).length, INSTRUMENTS.length);
	});

	it('caches with the same share key use one fetched list; others fetch their own', async () => {
		clearSharedInstrumentListsForTests();
		try {
			const first = source();
			const second = source();
			const other = source();
			await new InstrumentCache(first.fetch, 60_000, Date.now, 'https://a.example').get('PF_XBTUSD');
			const sharing = new InstrumentCache(second.fetch, 60_000, Date.now, 'https://a.example');
			assert.equal((await sharing.get('PF_ETHUSD'))?.symbol, 'PF_ETHUSD');
			await new InstrumentCache(other.fetch, 60_000, Date.now, 'https://b.example').get('PF_XBTUSD');
			await new InstrumentCache(other.fetch, 60_000).get('PF_XBTUSD');
			assert.deepEqual([first.calls(), second.calls(), other.calls()], [1, 0, 2]);
		} finally {
			clearSharedInstrumentListsForTests();
		}
	});

	it('refetches after the TTL and not before', async () => {
		let now = 1_000_000;
		const { fetch, calls } = source();
		const cache = new InstrumentCache(fetch, 1000, () => now);
		await cache.get('PF_XBTUSD');
		now += 999;
		await cache.get('PF_XBTUSD');
		assert.equal(calls(), 1);
		now += 2;
		await cache.get('PF_XBTUSD');
		assert.equal(calls(), 2);
	});

	it('looks again for an unknown symbol once the list is not brand new, then reports it missing', async () => {
		let now = 0;
		const { fetch, calls } = source();
		const cache = new InstrumentCache(fetch, 60_000, () => now);
		assert.equal(await cache.get('PF_NEWUSD'), undefined);
		assert.equal(calls(), 1);
		now = 5000;
		assert.equal(await cache.get('PF_NEWUSD'), undefined);
		assert.equal(calls(), 2);
	});

	it('a failed fetch is not cached', async () => {
		let fail = true;
		const cache = new InstrumentCache(async () => {
			if (fail) throw new Error('down');
			return { result: 'success', instruments: INSTRUMENTS } as InstrumentsResponse;
		});
		await assert.rejects(cache.get('PF_XBTUSD'), /down/);
		fail = false;
		assert.equal((await cache.get('PF_XBTUSD'))?.symbol, 'PF_XBTUSD');
	});
});
