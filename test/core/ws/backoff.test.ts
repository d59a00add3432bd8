import assert from 'node:assert/strict';
import { reconnectDelay } from '../../../core/ws/backoff';

describe('reconnectDelay', () => {
	it('doubles from the initial delay up to the ceiling, with half of it random', () => {
		const low = (attempt: number) => reconnectDelay(attempt, 500, 30_000, () => 0);
		const high = (attempt: number) => reconnectDelay(attempt, 500, 30_000, () => 1);
		assert.deepEqual([1, 2, 3, 4].map(high), [500, 1000, 2000, 4000]);
		assert.deepEqual([1, 2, 3, 4].map(low), [250, 500, 1000, 2000]);
		assert.equal(high(20), 30_000);
		assert.equal(low(20), 15_000);
		assert.equal(high(1000), 30_000);
	});

	it('spreads clients apart with jitter', () => {
		const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(5, 500, 30_000)));
		assert.ok(delays.size > 10);
		for (const delay of delays) assert.ok(delay >= 4000 && delay <= 8000, String(delay));
	});
});
