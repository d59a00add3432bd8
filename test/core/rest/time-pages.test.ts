import assert from 'node:assert/strict';

import { nextTimePage, TIME_PAGE_ROWS } from '../../../core/rest/time-pages';

describe('nextTimePage: paging back through a history Kraken serves by time', () => {
	const T = Date.parse('2026-11-30T12:00:00.000Z');
	const iso = (ms: number) => new Date(ms).toISOString();
	const page = (...groups: [number, number][]) => groups.flatMap(([ms, count]) => Array(count).fill(iso(ms)));

	it('asks next for the oldest millisecond again, so rows sharing it are not skipped', () => {
		assert.deepEqual(nextTimePage(page([T + 5, 70], [T + 2, 30]), undefined), {
			kind: 'older',
			before: iso(T + 3),
		});
		assert.deepEqual(nextTimePage([T + 9, T + 4], iso(T + 10)), { kind: 'older', before: iso(T + 5) });
	});

	it('ends at an empty page and at a short page within the millisecond just asked for', () => {
		assert.deepEqual(nextTimePage([], iso(T)), { kind: 'end' });
		assert.deepEqual(nextTimePage(page([T - 1, 40]), iso(T)), { kind: 'end' });
	});

	it('calls a full page within the millisecond just asked for stuck, naming that millisecond', () => {
		assert.deepEqual(nextTimePage(page([T - 1, TIME_PAGE_ROWS]), iso(T)), {
			kind: 'stuck',
			time: iso(T - 1),
		});
	});

	it('ignores times it cannot read, and ends when none can be read', () => {
		assert.deepEqual(nextTimePage(['soon', iso(T)], undefined), { kind: 'older', before: iso(T + 1) });
		assert.deepEqual(nextTimePage(['soon'], undefined), { kind: 'end' });
	});
});
