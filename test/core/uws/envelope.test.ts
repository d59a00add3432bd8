import { strict as assert } from 'node:assert';
import { classifyIncoming, ReqIdAllocator, toAck } from '../../../core/uws/envelope';

describe('core/uws/envelope', () => {
	it('hands out increasing req_ids and skips ids still in flight', () => {
		const inFlight = new Set([2, 3]);
		const ids = new ReqIdAllocator((id) => inFlight.has(id));
		assert.deepEqual([ids.next(), ids.next(), ids.next()], [1, 4, 5]);
	});

	it('wraps before leaving the 31-bit range, never reusing an id in flight', () => {
		const ids = new ReqIdAllocator((id) => id === 1);
		for (let i = 0; i < 3; i++) ids.next();
		const many = new Set<number>();
		for (let i = 0; i < 1000; i++) many.add(ids.next());
		assert.equal(many.size, 1000);
		assert.ok([...many].every((id) => id > 0 && id < 2 ** 31));
	});

	it('treats a reply without success:true as a failure, except a bare pong', () => {
		const failed = classifyIncoming({ method: 'add_order', req_id: 7, error: 'EOrder:Insufficient funds' });
		assert.equal(failed.kind, 'reply');
		if (failed.kind === 'reply') {
			assert.equal(failed.reply.success, false);
			assert.equal(failed.reply.error, 'EOrder:Insufficient funds');
		}
		const pong = classifyIncoming({ method: 'pong', req_id: 8 });
		assert.ok(pong.kind === 'reply' && pong.reply.success);
		const stringly = classifyIncoming({ method: 'add_order', req_id: 9, success: 'true' });
		assert.ok(stringly.kind === 'reply' && !stringly.reply.success);
	});

	it('sorts pushes and keeps the whole frame in raw', () => {
		const push = classifyIncoming({
			channel: 'executions',
			type: 'update',
			data: [{ a: 1 }],
			sequence: 4,
			extra: 'x',
		});
		assert.ok(push.kind === 'push');
		if (push.kind === 'push') {
			assert.equal(push.push.sequence, 4);
			assert.equal(push.push.raw.extra, 'x');
			assert.deepEqual(push.push.data, [{ a: 1 }]);
		}
		assert.equal(classifyIncoming({ hello: 1 }).kind, 'other');
	});

	it('builds an ack with result, times, warnings and raw', () => {
		const raw = {
			method: 'add_order',
			req_id: 3,
			success: true,
			result: { order_id: 'x' },
			time_in: 'a',
			time_out: 'b',
			warnings: ['deprecated field'],
		};
		const reply = classifyIncoming(raw);
		assert.ok(reply.kind === 'reply');
		if (reply.kind === 'reply') {
			const ack = toAck<{ order_id: string }>(reply.reply, 3);
			assert.equal(ack.result?.order_id, 'x');
			assert.deepEqual(ack.warnings, ['deprecated field']);
			assert.equal(ack.raw, raw);
		}
	});
});
