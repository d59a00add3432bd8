import assert from 'node:assert/strict';

import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import {
	computeAuthent,
	KrakenApiError,
	KrakenAuthError,
	KrakenConfigError,
	KrakenNetworkError,
	KrakenOrderRejectedError,
	KrakenValidationError,
} from '../../core';
import { buildBatch } from '../../nodes/KrakenFutures/actions/order/batch.operation';
import { buildEditOrder } from '../../nodes/KrakenFutures/actions/order/edit.operation';
import { readGuards } from '../../nodes/KrakenFutures/helpers/guards';
import { buildSendOrder } from '../../nodes/KrakenFutures/helpers/order-request';
import type { KrakenConnection } from '../../nodes/KrakenFutures/transport/connection';
import { errorItemJson, toNodeError } from '../../nodes/KrakenFutures/transport/errors';
import { signRequestOptions } from '../../nodes/KrakenFutures/transport/sign-request';

const SECRET = Buffer.alloc(64, 7).toString('base64');
const connection: KrakenConnection = {
	environment: 'custom',
	restUrl: 'http://127.0.0.1:4000',
	wsUrl: 'ws://127.0.0.1:4000/ws/v1',
	apiKey: 'key-123',
	apiSecret: SECRET,
	useNonce: false,
};
const node: INode = {
	id: 'n',
	name: 'Kraken Futures',
	type: 'x.krakenFutures',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fieldOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		assert.ok(error instanceof KrakenValidationError, String(error));
		return error.field;
	}
	assert.fail('expected a KrakenValidationError');
}

describe('n8n adapter units', () => {
	describe('signRequestOptions (the credential authenticate)', () => {
		it('signs the query exactly as it goes on the wire, with the /derivatives prefix stripped', () => {
			const signed = signRequestOptions(connection, {
				method: 'GET',
				url: 'http://127.0.0.1:4000/derivatives/api/v3/fills?lastFillTime=2026-01-01T00%3A00%3A00.000Z',
			});
			const headers = signed.headers as Record<string, string>;
			assert.equal(headers.APIKey, 'key-123');
			assert.equal(
				headers.Authent,
				computeAuthent('lastFillTime=2026-01-01T00%3A00%3A00.000Z', '', '/derivatives/api/v3/fills', SECRET),
			);
			assert.equal(
				signed.url,
				'http://127.0.0.1:4000/derivatives/api/v3/fills?lastFillTime=2026-01-01T00%3A00%3A00.000Z',
			);
			assert.equal(headers.Nonce, undefined);
		});

		it('signs a string body byte for byte and leaves it untouched', () => {
			const body = 'orderType=lmt&symbol=PF_XBTUSD&side=buy&size=0.001&limitPrice=30000&cliOrdId=a%20b';
			const signed = signRequestOptions(connection, {
				method: 'POST',
				url: 'http://127.0.0.1:4000/derivatives/api/v3/sendorder',
				body,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', authent: 'stale', apikey: 'stale' },
			});
			assert.equal(signed.body, body);
			const headers = signed.headers as Record<string, string>;
			assert.equal(headers.Authent, computeAuthent(body, '', '/api/v3/sendorder', SECRET));
			assert.equal(headers.authent, undefined);
			assert.equal(headers.apikey, undefined);
		});

		it('resolves a relative URL against the credential and encodes object qs and body once', () => {
			const signed = signRequestOptions(connection, {
				method: 'PUT',
				url: '/derivatives/api/v3/leveragepreferences',
				qs: { symbol: 'PF_XBTUSD', maxLeverage: 5 },
				body: { note: 'a b&c' },
			});
			assert.equal(
				signed.url,
				'http://127.0.0.1:4000/derivatives/api/v3/leveragepreferences?symbol=PF_XBTUSD&maxLeverage=5',
			);
			assert.equal(signed.body, 'note=a%20b%26c');
			assert.equal(signed.qs, undefined);
			const headers = signed.headers as Record<string, string>;
			assert.equal(headers['Content-Type'], 'application/x-www-form-urlencoded');
			assert.equal(
				headers.Authent,
				computeAuthent(
					'symbol=PF_XBTUSD&maxLeverage=5note=a%20b%26c',
					'',
					'/api/v3/leveragepreferences',
					SECRET,
				),
			);
		});

		it('sends an increasing nonce and signs it when the nonce is on', () => {
			const request = { method: 'GET' as const, url: '/derivatives/api/v3/accounts' };
			const first = signRequestOptions({ ...connection, useNonce: true }, request).headers as Record<
				string,
				string
			>;
			const second = signRequestOptions({ ...connection, useNonce: true }, request).headers as Record<
				string,
				string
			>;
			assert.ok(BigInt(second.Nonce) > BigInt(first.Nonce));
			assert.equal(second.Authent, computeAuthent('', second.Nonce, '/api/v3/accounts', SECRET));
		});

		it('sends market data unsigned and refuses private calls when the credential has no keys', () => {
			const keyless = { ...connection, environment: 'production', apiKey: '', apiSecret: '' };
			const open = signRequestOptions(keyless, { method: 'GET', url: '/derivatives/api/v3/tickers' });
			assert.deepEqual(open.headers, {});
			assert.throws(
				() => signRequestOptions(keyless, { method: 'GET', url: '/derivatives/api/v3/accounts' }),
				/API Key and API Secret are required for the production environment \(\/derivatives\/api\/v3\/accounts is private\)/,
			);
		});

		it('refuses to sign a request for another host', () => {
			assert.throws(
				() =>
					signRequestOptions(connection, {
						method: 'GET',
						url: 'https://example.com/derivatives/api/v3/accounts',
					}),
				/refusing to sign a request for https:\/\/example.com/,
			);
		});
	});

	describe('buildSendOrder', () => {
		it('keeps only the fields each order type uses', () => {
			assert.deepEqual(
				buildSendOrder({
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: '0.5',
					reduceOnly: true,
				}),
				{
					orderType: 'mkt',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 0.5,
					reduceOnly: true,
				},
			);
			assert.deepEqual(
				buildSendOrder({
					orderType: 'stp',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 1,
					stopPrice: 50000,
					limitPrice: 49900,
					triggerSignal: 'last',
				}),
				{
					orderType: 'stp',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 1,
					stopPrice: 50000,
					limitPrice: 49900,
					triggerSignal: 'last',
				},
			);
			assert.deepEqual(
				buildSendOrder({
					orderType: 'trailing_stop',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 1,
					trailingStopMaxDeviation: 2,
					trailingStopDeviationUnit: 'PERCENT',
					limitPriceOffsetValue: 5,
					limitPriceOffsetUnit: 'QUOTE_CURRENCY',
					processBefore: '2026-11-22T00:00:00Z',
				}),
				{
					orderType: 'trailing_stop',
					symbol: 'PF_XBTUSD',
					side: 'sell',
					size: 1,
					trailingStopMaxDeviation: 2,
					trailingStopDeviationUnit: 'PERCENT',
					limitPriceOffsetValue: 5,
					limitPriceOffsetUnit: 'QUOTE_CURRENCY',
					processBefore: '2026-11-22T00:00:00.000Z',
				},
			);
		});

		it('names the field of every invalid combination', () => {
			const base = { orderType: 'lmt', symbol: 'PF_XBTUSD', side: 'buy', size: 1, limitPrice: 100 };
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, side: 'long' })),
				'side',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, orderType: 'mkt' })),
				'limitPrice',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, stopPrice: 90 })),
				'stopPrice',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, triggerSignal: 'mark' })),
				'triggerSignal',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, trailingStopMaxDeviation: 1 })),
				'trailingStopMaxDeviation',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, limitPriceOffsetValue: 1, limitPriceOffsetUnit: 'PERCENT' })),
				'limitPriceOffsetValue',
			);
			assert.equal(
				fieldOf(() =>
					buildSendOrder({ ...base, orderType: 'stp', stopPrice: 90, limitPriceOffsetUnit: 'PERCENT' }),
				),
				'limitPriceOffsetValue',
			);
			assert.equal(
				fieldOf(() =>
					buildSendOrder({
						...base,
						orderType: 'trailing_stop',
						limitPrice: undefined,
						trailingStopMaxDeviation: 1,
						trailingStopDeviationUnit: 'PIPS',
					}),
				),
				'trailingStopDeviationUnit',
			);
			assert.equal(
				fieldOf(() => buildSendOrder({ ...base, size: -1 }, 'instructions[3].')),
				'instructions[3].size',
			);
		});
	});

	describe('buildEditOrder and buildBatch', () => {
		it('builds an edit from the fields given and drops zeros the form sends for empty fields', () => {
			assert.deepEqual(buildEditOrder({ cliOrdId: 'c1' }, { size: 2, limitPrice: 0, qtyMode: 'ABSOLUTE' }), {
				cliOrdId: 'c1',
				size: 2,
				qtyMode: 'ABSOLUTE',
			});
		});

		it('numbers batch tags and names the instruction at fault', () => {
			const batch = buildBatch([
				{ order: 'send', orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 },
				{ order: 'edit', cliOrdId: 'c1', limitPrice: 10 },
				{ order: 'cancel', order_id: 'o1' },
			]);
			assert.deepEqual(batch, [
				{ order: 'send', order_tag: '1', orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: 1 },
				{ order: 'edit', cliOrdId: 'c1', limitPrice: 10 },
				{ order: 'cancel', order_id: 'o1' },
			]);
			assert.equal(
				fieldOf(() => buildBatch([{ order: 'edit', order_id: 'o1' }])),
				'instructions[0].updateFields',
			);
			assert.equal(
				fieldOf(() => buildBatch('{"order":"send"}')),
				'instructions',
			);
		});
	});

	describe('readGuards', () => {
		it('reads only the limits that are set', () => {
			const context = {
				getNodeParameter: () => ({
					allowedSymbols: ' pf_xbtusd,PF_ETHUSD ',
					maxSize: 0,
					maxNotional: 250,
					reduceOnly: false,
				}),
			};
			assert.deepEqual(readGuards(context as unknown as IExecuteFunctions, 0), {
				allowedSymbols: ['pf_xbtusd', 'PF_ETHUSD'],
				maxNotional: 250,
			});
		});
	});

	describe('error mapping', () => {
		it('turns input and configuration errors into NodeOperationError naming the field', () => {
			const error = toNodeError(
				node,
				new KrakenValidationError('limitPrice', 'is required for lmt orders'),
				3,
			);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'limitPrice: is required for lmt orders');
			assert.equal(error.description, 'Check the "limitPrice" parameter.');
			assert.equal(error.context.itemIndex, 3);
			assert.ok(
				toNodeError(node, new KrakenConfigError('apiKey is missing', { field: 'apiKey' }), 0) instanceof
					NodeOperationError,
			);
		});

		it('turns Kraken and network errors into NodeApiError with the Kraken error and HTTP status', () => {
			const auth = toNodeError(
				node,
				new KrakenAuthError('authentication failed', { krakenError: 'authenticationError', httpStatus: 401 }),
				1,
			);
			assert.ok(auth instanceof NodeApiError);
			assert.equal(auth.message, 'authentication failed');
			assert.equal(auth.description, 'Kraken error: authenticationError');
			assert.equal(auth.httpCode, '401');
			assert.equal(auth.context.itemIndex, 1);
			const rejected = toNodeError(
				node,
				new KrakenOrderRejectedError('order rejected', { status: 'insufficientAvailableFunds' }),
				0,
			);
			assert.ok(rejected instanceof NodeApiError);
			assert.match(
				String(rejected.description),
				/status "insufficientAvailableFunds"\)\. Nothing was placed/,
			);
			assert.ok(toNodeError(node, new KrakenNetworkError('could not reach'), 0) instanceof NodeApiError);
			assert.ok(toNodeError(node, new Error('boom'), 0) instanceof NodeOperationError);
		});

		it('describes a failed item for continue-on-fail with code, Kraken error and field', () => {
			assert.deepEqual(
				errorItemJson(
					new KrakenOrderRejectedError('rejected', { status: 'postWouldExecute', orderId: 'o1' }),
				),
				{
					error: 'rejected',
					code: 'KRAKEN_ORDER_REJECTED',
					krakenError: 'postWouldExecute',
					orderId: 'o1',
				},
			);
			assert.deepEqual(
				errorItemJson(new KrakenApiError('x', { krakenError: 'apiLimitExceeded', httpStatus: 429 })),
				{
					error: 'x',
					code: 'KRAKEN_API',
					krakenError: 'apiLimitExceeded',
					httpStatus: 429,
				},
			);
			assert.deepEqual(errorItemJson(new KrakenValidationError('size', 'must be greater than 0')), {
				error: 'size: must be greater than 0',
				code: 'KRAKEN_INVALID_ARG',
				field: 'size',
			});
		});
	});
});
