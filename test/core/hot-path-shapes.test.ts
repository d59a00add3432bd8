import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { withToken } from '../../core/uws/link-requests';

const CORE = join(__dirname, '..', '..', 'core');

/**
 * Runs `body` in a Node.js with V8's natives syntax (the only way to see hidden classes) and
 * returns what it printed. Under Node.js 20 (V8 11.3) an object built by a spread followed by a
 * field the spread source lacks gets a hidden class of its own, every time; these specs fail there
 * if such a construction comes back onto the path from a tick to its order.
 */
function inV8(body: string): string {
	return execFileSync(process.execPath, ['--allow-natives-syntax', '-e', body], { encoding: 'utf8' });
}

const SAME_SHAPE_50 = (build: string) => `
	const made = [];
	for (let i = 0; i < 50; i++) made.push(${build});
	process.stdout.write(String(%HaveSameMap(made[48], made[49])));
`;

describe('objects on the tick-to-order path share their hidden classes', function () {
	this.timeout(20_000);

	it('checked copies of orders built as { ...template, cliOrdId }', () => {
		const output = inV8(`
			const { checkOrderShape } = require(${JSON.stringify(join(CORE, 'instruments', 'validate-order.js'))});
			const template = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 30000 };
			${SAME_SHAPE_50("checkOrderShape({ ...template, cliOrdId: 'tick-' + i })")}
		`);
		assert.equal(output, 'true');
	});

	it('add_order params with the connection token', () => {
		const output = inV8(`
			const { withToken } = require(${JSON.stringify(join(CORE, 'uws', 'link-requests.js'))});
			${SAME_SHAPE_50("withToken({ asset_class: 'derivatives', symbol: 'PF_XBTUSD', order_qty: 1, cl_ord_id: 'tick-' + i }, 'token')")}
		`);
		assert.equal(output, 'true');
	});

	it('sendOrder results built from add_order acks', () => {
		const output = inV8(`
			const { toSendOrderResult } = require(${JSON.stringify(join(CORE, 'uws', 'methods', 'results.js'))});
			const ack = (i) => ({ method: 'add_order', result: { order_id: 'o' + i }, time_in: 't', time_out: 't', raw: {} });
			const order = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 30000 };
			${SAME_SHAPE_50('toSendOrderResult(ack(i), order)')}
		`);
		assert.equal(output, 'true');
	});
});

describe('withToken', () => {
	it('adds the token and keeps every field, leaving the params as they were', () => {
		const params = { symbol: 'PF_XBTUSD', order_qty: 1 };
		assert.deepEqual(withToken(params, 'T'), { symbol: 'PF_XBTUSD', order_qty: 1, token: 'T' });
		assert.deepEqual(params, { symbol: 'PF_XBTUSD', order_qty: 1 });
	});

	it('keeps an own __proto__ field a field (as JSON.parse makes it), not a prototype', () => {
		const params = JSON.parse('{"symbol":"PF_XBTUSD","__proto__":{"order_qty":5}}') as Record<
			string,
			unknown
		>;
		const signed = withToken(params, 'T');
		assert.equal(Object.getPrototypeOf(signed), Object.prototype);
		assert.equal(signed.order_qty, undefined);
		assert.equal(JSON.stringify(signed), '{"symbol":"PF_XBTUSD","__proto__":{"order_qty":5},"token":"T"}');
	});
});
