import assert from 'node:assert/strict';
import { resolveWsOptions } from '../../../core/ws/options';

describe('core/ws options', () => {
	it('notices a silent socket within about 30 s by default, pinging well before that', () => {
		const options = resolveWsOptions({ wsUrl: 'ws://127.0.0.1:1/ws/v1' });
		assert.ok(options.staleAfterMs <= 30_000, `stale after ${options.staleAfterMs} ms`);
		assert.ok(options.pingIntervalMs <= options.staleAfterMs / 2, `ping every ${options.pingIntervalMs} ms`);
	});

	it('a shorter staleAfterMs brings the ping interval down with it', () => {
		const options = resolveWsOptions({ wsUrl: 'ws://127.0.0.1:1/ws/v1', staleAfterMs: 3_000 });
		assert.equal(options.staleAfterMs, 3_000);
		assert.ok(options.pingIntervalMs < 3_000);
	});
});
