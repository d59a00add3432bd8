import { pick, type BadCase } from './bad-inputs';

/** Operation names that are not operations, including the ones every JavaScript object has. */
const BAD_OPERATIONS: readonly unknown[] = [
	'deleteEverything',
	'getopenorders ',
	'constructor',
	'toString',
	'__proto__',
	'hasOwnProperty',
	'valueOf',
	42,
	{},
];

const NOT_NUMBERS: readonly unknown[] = ['abc', 'NaN', {}, [], true, '12abc'];
const NOT_TIMES: readonly unknown[] = ['yesterday', 'soon', {}, [], true, '2024-13-45T99:00:00Z'];

/** One invalid input for the generic request node: an unknown operation or a broken parameter. */
export function badRequest(random: () => number): BadCase {
	const kind = pick(random, ['operation', 'symbolMissing', 'number', 'time', 'choice', 'ids'] as const);
	switch (kind) {
		case 'operation': {
			const operation = pick(random, BAD_OPERATIONS);
			return { field: 'operation', input: { operation }, how: `operation=${JSON.stringify(operation)}` };
		}
		case 'symbolMissing': {
			const operation = pick(random, [
				'getOrderBook',
				'getTradeHistory',
				'getHistoricalFundingRates',
				'setPnlPreference',
			]);
			return {
				field: 'symbol',
				input: { operation, pnlPreference: 'USD' },
				how: `${operation} without symbol`,
			};
		}
		case 'number': {
			const [operation, field] = pick(random, [
				['setLeveragePreference', 'maxLeverage'],
				['getAccountLog', 'since'],
				['getAccountLog', 'count'],
				['getExecutionHistory', 'before'],
			] as const);
			const value = pick(random, NOT_NUMBERS);
			return {
				field,
				input: { operation, symbol: 'PF_XBTUSD', [field]: value },
				how: `${operation} ${field}=${JSON.stringify(value)}`,
			};
		}
		case 'time': {
			const [operation, field] = pick(random, [
				['getFills', 'lastFillTime'],
				['getTradeHistory', 'lastTime'],
			] as const);
			const value = pick(random, NOT_TIMES);
			return {
				field,
				input: { operation, symbol: 'PF_XBTUSD', [field]: value },
				how: `${operation} ${field}=${JSON.stringify(value)}`,
			};
		}
		case 'choice': {
			const value = pick(random, ['sideways', 'ascending', 7, {}]);
			return {
				field: 'sort',
				input: { operation: 'getOrderHistory', sort: value },
				how: `sort=${JSON.stringify(value)}`,
			};
		}
		case 'ids': {
			const value = pick(random, [{}, true, 42, { $ne: null }]);
			return {
				field: 'orderIds',
				input: { operation: 'getOrderStatus', orderIds: value },
				how: `orderIds=${JSON.stringify(value)}`,
			};
		}
	}
}
