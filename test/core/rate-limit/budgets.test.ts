import { strict as assert } from 'node:assert';
import { RollingWindowBudget, TokenBucketBudget } from '../../../core/rate-limit/budgets';
import {
	RateLimitQueueTimeoutError,
	RateLimitWaitAbortedError,
	type SettleGrant,
} from '../../../core/rate-limit/fifo-limiter';
import { budgetsFor, resetRateLimitsForTests } from '../../../core/rate-limit/registry';

/** A grant whose call is answered at once. */
function answered(grant: Promise<SettleGrant>): Promise<void> {
	return grant.then((settle) => settle());
}

function settledOrder(promises: Promise<unknown>[], order: number[]): void {
	promises.forEach(
		(promise, index) =>
			void promise.then(
				() => order.push(index),
				() => order.push(-index - 1),
			),
	);
}

describe('core/rate-limit budgets', () => {
	afterEach(() => resetRateLimitsForTests());

	describe('RollingWindowBudget', () => {
		it('grants calls immediately while the window has room', async () => {
			// The clock stands still: a call that had to wait for the window would never be granted.
			const budget = new RollingWindowBudget(30, 200, () => 0);
			let granted = 0;
			for (let i = 0; i < 3; i++) void budget.acquire(10).then(() => granted++);
			await new Promise((resolve) => setImmediate(resolve));
			assert.equal(granted, 3);
			assert.equal(budget.waiting, 0);
		});

		it('makes calls over budget wait until old calls leave the window, in FIFO order', async () => {
			let now = 0;
			const budget = new RollingWindowBudget(20, 150, () => now);
			const order: number[] = [];
			const calls = [
				answered(budget.acquire(10)),
				answered(budget.acquire(10)),
				answered(budget.acquire(10)),
				answered(budget.acquire(1)),
				answered(budget.acquire(10)),
			];
			settledOrder(calls, order);
			await new Promise((resolve) => setImmediate(resolve));
			assert.deepEqual(order, [0, 1], 'two calls fit the budget at once');
			assert.equal(budget.waiting, 3);
			now = 150; // a window after the first two were answered: room for 2 and the small 3, not for 4
			await calls[3];
			assert.deepEqual(order, [0, 1, 2, 3]);
			assert.equal(budget.waiting, 1);
			now = 300;
			await Promise.all(calls);
			assert.deepEqual(order, [0, 1, 2, 3, 4]);
		});

		it('counts a call until a window after its answer came back, not after it was granted', async () => {
			let now = 0;
			const budget = new RollingWindowBudget(10, 100, () => now);
			const settle = await budget.acquire(10);
			now = 80; // the answer arrives 80 ms after the grant: the server may have counted it that late
			settle();
			now = 120; // a window after the grant, but not yet a window after the answer
			let granted = false;
			const next = budget.acquire(10).then(() => (granted = true));
			await new Promise((resolve) => setImmediate(resolve));
			assert.equal(
				granted,
				false,
				'the next call went out while the last one could still be in the server window',
			);
			now = 180;
			await next;
			assert.equal(granted, true);
		});

		it('a call still waiting for its answer stays in the budget after its window has passed', async () => {
			let now = 0;
			const budget = new RollingWindowBudget(10, 100, () => now);
			const settle = await budget.acquire(10);
			now = 500; // five windows later, and the call has not been answered yet
			let granted = false;
			const next = budget.acquire(10).then((settleNext) => {
				granted = true;
				settleNext();
			});
			await new Promise((resolve) => setTimeout(resolve, 30));
			assert.equal(granted, false, 'a call went out while another was still in flight on a full budget');
			settle(); // answered at 500: it counts until 600
			await new Promise((resolve) => setTimeout(resolve, 30));
			assert.equal(granted, false, 'the answered call left the budget before a window after its answer');
			now = 601;
			await next;
			assert.equal(granted, true);
		});

		it('a priority call goes ahead of every waiting call and still counts', async () => {
			let now = 0;
			const budget = new RollingWindowBudget(10, 100, () => now);
			(await budget.acquire(10))();
			const order: string[] = [];
			const ordinary = [1, 2].map((n) =>
				answered(budget.acquire(10)).then(() => order.push(`ordinary-${n}`)),
			);
			const lookup = answered(budget.acquire(10, { priority: true })).then(() => order.push('priority'));
			assert.equal(budget.waiting, 3);
			now = 101;
			await lookup;
			assert.deepEqual(order, ['priority'], 'only the priority call fits in the freed window');
			now = 202;
			await ordinary[0];
			now = 303;
			await ordinary[1];
			assert.deepEqual(order, ['priority', 'ordinary-1', 'ordinary-2']);
		});

		it('a call that waits longer than its maximum queue wait fails and leaves the queue', async () => {
			const budget = new RollingWindowBudget(10, 60_000);
			(await budget.acquire(10))();
			const waiting = budget.acquire(5, { maxWaitMs: 50 });
			assert.equal(budget.waiting, 1);
			await assert.rejects(waiting, (error: unknown) => {
				assert.ok(error instanceof RateLimitQueueTimeoutError);
				assert.equal(error.code, 'KRAKEN_RATE_LIMIT');
				assert.match(error.message, /NOT sent/);
				return true;
			});
			assert.equal(budget.waiting, 0);
		});

		it('a waiting call honours its AbortSignal and leaves the queue', async () => {
			const budget = new RollingWindowBudget(10, 10_000);
			await budget.acquire(10);
			const controller = new AbortController();
			const waiting = budget.acquire(5, controller.signal);
			assert.equal(budget.waiting, 1);
			controller.abort();
			await assert.rejects(waiting, RateLimitWaitAbortedError);
			assert.equal(budget.waiting, 0);
		});

		it('an already aborted signal is refused at once', async () => {
			const budget = new RollingWindowBudget(10, 100);
			await assert.rejects(budget.acquire(1, AbortSignal.abort()), RateLimitWaitAbortedError);
		});

		it('a call costing more than the whole budget still runs, alone', async () => {
			const budget = new RollingWindowBudget(10, 100);
			const started = Date.now();
			await answered(budget.acquire(50));
			await answered(budget.acquire(1));
			assert.ok(Date.now() - started >= 90);
		});
	});

	describe('TokenBucketBudget', () => {
		it('spends tokens and refills them continuously', async () => {
			let now = 0;
			const bucket = new TokenBucketBudget(100, 1000, () => now);
			await bucket.acquire(60);
			await bucket.acquire(40);
			let granted = false;
			const pending = bucket.acquire(10).then(() => {
				granted = true;
			});
			await new Promise((resolve) => setTimeout(resolve, 20));
			assert.equal(granted, false);
			now = 100; // 10 tokens refilled
			await pending;
			assert.equal(granted, true);
		});

		it('waits with a real clock for the refill (short pool)', async () => {
			const bucket = new TokenBucketBudget(4, 200);
			const started = Date.now();
			await bucket.acquire(3); // account-log with count 51-1000 costs 3
			await bucket.acquire(3);
			const elapsed = Date.now() - started;
			// The lower bound is the behaviour; the upper one only catches a wait that never ends.
			assert.ok(elapsed >= 90 && elapsed < 10_000, `took ${elapsed} ms`);
		});
	});

	describe('registry', () => {
		it('shares budgets per API key and limits across clients', () => {
			const a = budgetsFor('key-a', { windowMs: 100 });
			assert.equal(budgetsFor('key-a', { windowMs: 100 }), a);
			assert.notEqual(budgetsFor('key-b', { windowMs: 100 }), a);
			assert.notEqual(budgetsFor('key-a', { windowMs: 200 }), a);
			assert.equal(budgetsFor('key-c').derivatives.budget, 500);
			assert.equal(budgetsFor('key-c').derivatives.windowMs, 10_000);
			assert.equal(budgetsFor('key-c').history.tokens, 100);
			assert.equal(budgetsFor('key-c').history.refillMs, 600_000);
		});
	});
});
