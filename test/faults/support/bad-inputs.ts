/**
 * A seeded generator of invalid order inputs. Each case starts from a valid order and breaks
 * exactly one field (a wrong type, NaN, a negative or zero number, a missing required field, an
 * off-grid price or size, an unknown symbol or order type, an oversized cliOrdId, an
 * injection-like string), so the error it must produce has to name that field.
 */

export type Input = Record<string, unknown>;

export interface BadCase {
	/** The field the error must name. */
	field: string;
	input: Input;
	/** How the field was broken, for failure messages. */
	how: string;
}

/** mulberry32: small, fast and the same on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)];
}

interface OrderBase {
	order: Input;
	/** A size that is positive but not a multiple of the contract's size step. */
	offGridSize: number;
	/** A price that is positive but not a multiple of the tick size. */
	offGridPrice: number;
	priceField: 'limitPrice' | 'stopPrice';
}

/** Valid orders on the paper exchange's contracts (PF_XBTUSD: tick 1, 4 decimals; PF_ETHUSD: tick 0.1, 3 decimals; PI_XBTUSD: tick 0.5, whole contracts). */
export const ORDER_BASES: readonly OrderBase[] = [
	{
		order: { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 0.001, limitPrice: 30_000 },
		offGridSize: 0.00001,
		offGridPrice: 30_000.5,
		priceField: 'limitPrice',
	},
	{
		order: { orderType: 'post', symbol: 'PF_ETHUSD', side: 'sell', size: 0.01, limitPrice: 4_000 },
		offGridSize: 0.0005,
		offGridPrice: 4_000.05,
		priceField: 'limitPrice',
	},
	{
		order: { orderType: 'stp', symbol: 'PI_XBTUSD', side: 'sell', size: 100, stopPrice: 50_000 },
		offGridSize: 1.5,
		offGridPrice: 50_000.25,
		priceField: 'stopPrice',
	},
];

const WRONG_NUMBERS: readonly unknown[] = [
	Number.NaN,
	-1,
	-0.5,
	0,
	'abc',
	'NaN',
	'12abc',
	{},
	[],
	true,
	Number.POSITIVE_INFINITY,
	Number.NEGATIVE_INFINITY,
	'1e999',
	'-3',
	'0x',
];

const INJECTIONS: readonly string[] = [
	"PF_XBTUSD'; DROP TABLE orders;--",
	'<script>alert(1)</script>',
	'../../etc/passwd',
	'${process.exit(1)}',
	'{{ $env.API_SECRET }}',
	'PF_XBTUSD&size=1000',
	'PF_XBTUSD\u0000',
	'__proto__',
];

const BAD_SYMBOLS: readonly unknown[] = ['PF_NOPE', 'PF_XBTUSDT', 'XBTUSD', ...INJECTIONS, 42, {}, [], true];
const BAD_SIDES: readonly unknown[] = [
	'long',
	'short',
	'BUYY',
	'sel',
	7,
	{},
	[],
	"buy' OR 1=1",
	'buy&side=sell',
];
const BAD_ORDER_TYPES: readonly unknown[] = [
	'banana',
	'limit order',
	'lmt; rm -rf /',
	'stop_loss',
	99,
	{},
	[],
	'__proto__',
];

function oversizedCliOrdId(random: () => number): string {
	const length = 101 + Math.floor(random() * 900);
	return pick(random, ['x', 'é', '0', '-']).repeat(length);
}

function withField(order: Input, field: string, value: unknown): Input {
	return { ...order, [field]: value };
}

function without(order: Input, field: string): Input {
	const copy = { ...order };
	delete copy[field];
	return copy;
}

/** One invalid send-order input per call. */
export function badSendOrder(random: () => number): BadCase {
	const base = pick(random, ORDER_BASES);
	const order = base.order;
	const kind = pick(random, [
		'size',
		'price',
		'symbol',
		'side',
		'orderType',
		'cliOrdId',
		'missing',
		'offGrid',
	] as const);
	switch (kind) {
		case 'size': {
			const value = pick(random, WRONG_NUMBERS);
			return { field: 'size', input: withField(order, 'size', value), how: `size=${String(value)}` };
		}
		case 'price': {
			const value = pick(random, WRONG_NUMBERS);
			return {
				field: base.priceField,
				input: withField(order, base.priceField, value),
				how: `${base.priceField}=${String(value)}`,
			};
		}
		case 'symbol': {
			const value = pick(random, BAD_SYMBOLS);
			return {
				field: 'symbol',
				input: withField(order, 'symbol', value),
				how: `symbol=${JSON.stringify(value)}`,
			};
		}
		case 'side': {
			const value = pick(random, BAD_SIDES);
			return { field: 'side', input: withField(order, 'side', value), how: `side=${JSON.stringify(value)}` };
		}
		case 'orderType': {
			const value = pick(random, BAD_ORDER_TYPES);
			return {
				field: 'orderType',
				input: withField(order, 'orderType', value),
				how: `orderType=${JSON.stringify(value)}`,
			};
		}
		case 'cliOrdId': {
			const value = oversizedCliOrdId(random);
			return {
				field: 'cliOrdId',
				input: withField(order, 'cliOrdId', value),
				how: `cliOrdId of ${value.length} chars`,
			};
		}
		case 'missing': {
			const field = pick(random, ['orderType', 'symbol', 'side', 'size', base.priceField]);
			return { field, input: without(order, field), how: `${field} missing` };
		}
		case 'offGrid': {
			if (random() < 0.5) {
				return {
					field: 'size',
					input: withField(order, 'size', base.offGridSize),
					how: `off-grid size ${base.offGridSize}`,
				};
			}
			return {
				field: base.priceField,
				input: withField(order, base.priceField, base.offGridPrice),
				how: `off-grid ${base.priceField} ${base.offGridPrice}`,
			};
		}
	}
}

/** One invalid edit-order input: a valid target (`orderId`) with one broken field. */
export function badEditOrder(random: () => number): BadCase {
	const target = { orderId: '3d080c9b-6a50-45c1-8365-11c00295f011' };
	const kind = pick(random, ['size', 'limitPrice', 'stopPrice', 'target'] as const);
	if (kind === 'target') {
		return { field: 'orderId', input: { size: 1 }, how: 'neither orderId nor cliOrdId' };
	}
	const value = pick(random, WRONG_NUMBERS);
	return { field: kind, input: { ...target, [kind]: value }, how: `${kind}=${String(value)}` };
}

/** One invalid cancel input: no target, or a target of the wrong type. */
export function badCancel(random: () => number): BadCase {
	const kind = pick(random, ['none', 'orderType', 'cliType'] as const);
	if (kind === 'none') return { field: 'order_id', input: {}, how: 'no order_id or cliOrdId' };
	const value = pick(random, [{}, [], true, { $gt: '' }]);
	const field = kind === 'orderType' ? 'order_id' : 'cliOrdId';
	return { field, input: { [field]: value }, how: `${field}=${JSON.stringify(value)}` };
}

/** One invalid dead man's switch timeout. */
export function badTimeout(random: () => number): BadCase {
	const value = pick(random, [-1, -60, 1.5, Number.NaN, 'soon', {}, [], '10s', Number.POSITIVE_INFINITY]);
	return { field: 'timeout', input: { timeout: value }, how: `timeout=${String(value)}` };
}

/** `count` cases from `make`, all from one seed. */
export function generate(seed: number, count: number, make: (random: () => number) => BadCase): BadCase[] {
	const random = seededRandom(seed);
	return Array.from({ length: count }, () => make(random));
}
