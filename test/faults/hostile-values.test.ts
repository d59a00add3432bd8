import assert from 'node:assert/strict';
import type { PaperExchangeServer } from '../../paper/server';
import {
	TAB,
	configFor,
	configNode,
	credentialsFor,
	helper,
	initHelper,
	nextError,
	orderNode,
	placed,
	startPaper,
} from '../node-red/support';

const VALID = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001, limitPrice: 30_000 };

interface HostileCase {
	how: string;
	payload: Record<string, unknown>;
	field: string;
	/** What the message must say, beyond naming the field. */
	says?: RegExp;
}

const HUGE_SYMBOL = 'X'.repeat(1_000_000);

const CASES: HostileCase[] = [
	{ how: 'hex size', payload: { ...VALID, size: '0x10' }, field: 'size', says: /decimal/ },
	{ how: 'binary size', payload: { ...VALID, size: '0b1' }, field: 'size', says: /decimal/ },
	{ how: 'octal size', payload: { ...VALID, size: '0o7' }, field: 'size', says: /decimal/ },
	{ how: 'hex limit price', payload: { ...VALID, limitPrice: '0x10' }, field: 'limitPrice', says: /decimal/ },
	{ how: 'NaN size', payload: { ...VALID, size: Number.NaN }, field: 'size', says: /not a finite number/ },
	{
		how: 'Infinity price',
		payload: { ...VALID, limitPrice: Number.POSITIVE_INFINITY },
		field: 'limitPrice',
		says: /not a finite number/,
	},
	{
		how: '-Infinity size',
		payload: { ...VALID, size: Number.NEGATIVE_INFINITY },
		field: 'size',
		says: /not a finite number/,
	},
	{ how: 'BigInt size', payload: { ...VALID, size: BigInt(5) }, field: 'size', says: /BigInt/ },
	{
		how: 'processBefore far out of range',
		payload: { ...VALID, processBefore: 1e20 },
		field: 'processBefore',
	},
	{ how: 'a 1 MB symbol', payload: { ...VALID, symbol: HUGE_SYMBOL }, field: 'symbol' },
	{ how: 'action "constructor"', payload: { ...VALID, action: 'constructor' }, field: 'action' },
	{ how: 'action "__proto__"', payload: { ...VALID, action: '__proto__' }, field: 'action' },
	{ how: 'action "toString"', payload: { ...VALID, action: 'toString' }, field: 'action' },
	{ how: 'orderType "constructor"', payload: { ...VALID, orderType: 'constructor' }, field: 'orderType' },
	{ how: 'side "constructor"', payload: { ...VALID, side: 'constructor' }, field: 'side' },
	{
		how: 'triggerSignal "constructor"',
		payload: { ...VALID, orderType: 'stp', stopPrice: 30_000, triggerSignal: 'constructor' },
		field: 'triggerSignal',
	},
	{
		how: 'offset on a market order',
		payload: {
			...VALID,
			orderType: 'mkt',
			limitPrice: undefined,
			limitPriceOffsetValue: 1,
			limitPriceOffsetUnit: 'PERCENT',
		},
		field: 'limitPriceOffsetValue',
		says: /trigger/,
	},
];

describe('faults: hostile values through the Node-RED order node', function () {
	this.timeout(60_000);
	let paper: PaperExchangeServer;

	before(async () => {
		initHelper();
		paper = await startPaper();
		await helper.startServer();
		const flow = placed([
			TAB,
			configFor(paper),
			{ id: 'order', type: 'kraken-futures-order', z: 'tab', account: 'cfg', wires: [['out']] },
			{ id: 'out', type: 'helper', z: 'tab' },
		]);
		await helper.load([configNode, orderNode], flow, credentialsFor(paper));
		paper.requests.clear();
	});

	after(async () => {
		await helper.unload();
		await helper.stopServer();
		await paper.stop();
	});

	for (const hostile of CASES) {
		it(`${hostile.how}: a clear error naming ${hostile.field}, nothing sent`, async () => {
			paper.requests.clear();
			const node = helper.getNode('order');
			const failure = nextError(node);
			node.receive({ payload: hostile.payload });
			const { error, msg } = await failure;
			const reported = msg.error as { code: string; field?: string; message: string };
			assert.equal(reported.code, 'KRAKEN_INVALID_ARG', reported.message);
			assert.equal(reported.field, hostile.field, reported.message);
			if (hostile.says !== undefined) assert.match(reported.message, hostile.says);
			assert.doesNotMatch(reported.message, /got null|got undefined|serialize|Invalid time value/);
			assert.ok(reported.message.length < 300, `echoed ${reported.message.length} characters`);
			assert.ok(error.message.length < 300);
			assert.equal(paper.requests.forPath('/sendorder').length, 0, 'an order reached the exchange');
		});
	}
});
