import { strict as assert } from 'node:assert';
import {
	API_ERRORS,
	apiErrorFromHttpStatus,
	apiErrorFromString,
	assertOrderAccepted,
	ORDER_STATUS_REASONS,
	ORDER_SUCCESS_STATUSES,
	type OrderAction,
} from '../../core/error-map';
import {
	KrakenApiError,
	KrakenAuthError,
	KrakenOrderRejectedError,
	KrakenRateLimitError,
	KrakenUnavailableError,
} from '../../core/errors';

const RETRYABLE_CLASSES = new Set<unknown>([KrakenRateLimitError, KrakenUnavailableError]);

describe('core/error-map', () => {
	describe('API_ERRORS, row by row', () => {
		for (const [krakenError, row] of Object.entries(API_ERRORS)) {
			it(`"${krakenError}" -> ${row.errorClass.name}`, () => {
				const error = apiErrorFromString(krakenError, {
					httpStatus: 200,
					endpoint: '/derivatives/api/v3/accounts',
				});
				assert.equal(error.constructor, row.errorClass);
				assert.ok(error instanceof KrakenApiError);
				assert.equal(error.krakenError, krakenError);
				assert.equal(error.httpStatus, 200);
				assert.equal(error.endpoint, '/derivatives/api/v3/accounts');
				assert.ok(error.message.includes(row.message), error.message);
				assert.ok(error.message.includes(`[${krakenError}]`), error.message);
				assert.equal(error.retryable, RETRYABLE_CLASSES.has(row.errorClass));
				assert.equal(error.toJSON().krakenError, krakenError);
			});
		}

		it('maps the documented classes: auth, rate limit and unavailability', () => {
			assert.ok(apiErrorFromString('authenticationError') instanceof KrakenAuthError);
			assert.ok(apiErrorFromString('nonceBelowThreshold') instanceof KrakenAuthError);
			assert.ok(apiErrorFromString('nonceDuplicate') instanceof KrakenAuthError);
			assert.ok(apiErrorFromString('apiLimitExceeded') instanceof KrakenRateLimitError);
			assert.ok(apiErrorFromString('Unavailable') instanceof KrakenUnavailableError);
			assert.ok(apiErrorFromString('marketUnavailable') instanceof KrakenUnavailableError);
			assert.ok(apiErrorFromString('Server Error') instanceof KrakenUnavailableError);
			assert.equal(apiErrorFromString('invalidArgument').constructor, KrakenApiError);
		});

		it('an unknown error string is a plain, non-retryable KrakenApiError that quotes it', () => {
			const error = apiErrorFromString('somethingNew');
			assert.equal(error.constructor, KrakenApiError);
			assert.equal(error.retryable, false);
			assert.match(error.message, /"somethingNew"/);
		});

		it('strings that name Object.prototype members are unknown errors, not crashes', () => {
			for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
				const error = apiErrorFromString(name);
				assert.equal(error.constructor, KrakenApiError);
				assert.ok(error.message.includes(`"${name}"`), error.message);
			}
			assert.throws(
				() => assertOrderAccepted('send', { status: 'toString' }),
				(error: unknown) =>
					error instanceof KrakenOrderRejectedError && error.message.includes('order status "toString"'),
			);
		});

		it('keeps the retry-after hint on rate-limit errors', () => {
			const error = apiErrorFromString('apiLimitExceeded', { retryAfterSeconds: 7 });
			assert.ok(error instanceof KrakenRateLimitError);
			assert.equal(error.retryAfterSeconds, 7);
		});
	});

	describe('apiErrorFromHttpStatus', () => {
		const rows: [number, unknown, boolean][] = [
			[400, KrakenApiError, false],
			[401, KrakenAuthError, false],
			[403, KrakenAuthError, false],
			[404, KrakenApiError, false],
			[429, KrakenRateLimitError, true],
			[500, KrakenUnavailableError, true],
			[502, KrakenUnavailableError, true],
			[503, KrakenUnavailableError, true],
		];
		for (const [status, errorClass, retryable] of rows) {
			it(`HTTP ${status} -> ${(errorClass as { name: string }).name}`, () => {
				const error = apiErrorFromHttpStatus(status, { endpoint: '/api/history/v3/account-log' });
				assert.equal(error.constructor, errorClass);
				assert.equal(error.httpStatus, status);
				assert.equal(error.retryable, retryable);
				assert.match(error.message, new RegExp(String(status)));
			});
		}
	});

	describe('order status table through assertOrderAccepted', () => {
		const actions = Object.keys(ORDER_SUCCESS_STATUSES) as OrderAction[];
		const statuses = [
			...new Set([...Object.keys(ORDER_STATUS_REASONS), 'placed', 'edited', 'cancelled', 'somethingNew']),
		];
		for (const action of actions) {
			for (const status of statuses) {
				const succeeds = ORDER_SUCCESS_STATUSES[action].includes(status);
				it(`${action}: "${status}" is ${succeeds ? 'a success' : 'a rejection'}`, () => {
					const events = [{ type: 'PLACE', order: { orderId: 'o-1' } }];
					const entry = { status, order_id: 'o-1', cliOrdId: 'c-1', orderEvents: events };
					if (succeeds) {
						assert.doesNotThrow(() => assertOrderAccepted(action, entry));
						return;
					}
					assert.throws(
						() => assertOrderAccepted(action, entry, '/derivatives/api/v3/x'),
						(error: unknown) => {
							assert.ok(error instanceof KrakenOrderRejectedError);
							assert.equal(error.status, status);
							assert.deepEqual(error.orderEvents, events);
							assert.equal(error.orderId, 'o-1');
							assert.equal(error.cliOrdId, 'c-1');
							assert.equal(error.endpoint, '/derivatives/api/v3/x');
							assert.equal(error.retryable, false);
							assert.equal(error.code, 'KRAKEN_ORDER_REJECTED');
							const reason = ORDER_STATUS_REASONS[status];
							assert.ok(error.message.includes(reason ?? `"${status}"`), error.message);
							assert.equal(error.toJSON().status, status);
							return true;
						},
					);
				});
			}
		}

		for (const action of actions) {
			it(`${action}: a REJECT event makes even a success status a rejection`, () => {
				const success = ORDER_SUCCESS_STATUSES[action][0];
				const events = [{ type: 'REJECT', uid: 'u', reason: 'POST_WOULD_EXECUTE' }];
				assert.throws(
					() => assertOrderAccepted(action, { status: success, orderEvents: events }),
					(error: unknown) =>
						error instanceof KrakenOrderRejectedError &&
						error.status === success &&
						error.orderEvents.length === 1,
				);
			});
		}

		it('send: status placed with a REJECT event is still a rejection', () => {
			assert.throws(
				() =>
					assertOrderAccepted('send', {
						status: 'placed',
						orderEvents: [{ type: 'EXECUTION' }, { type: 'REJECT' }],
					}),
				KrakenOrderRejectedError,
			);
		});

		it('a missing or malformed status object is a rejection', () => {
			for (const value of [undefined, null, {}, { status: 42 }, 'placed']) {
				assert.throws(
					() => assertOrderAccepted('send', value),
					(error: unknown) => error instanceof KrakenOrderRejectedError && error.status === 'missingStatus',
				);
			}
		});

		it('reads editorder camelCase orderId too', () => {
			assert.throws(
				() => assertOrderAccepted('edit', { status: 'orderForEditNotFound', orderId: 'e-1' }),
				(error: unknown) => error instanceof KrakenOrderRejectedError && error.orderId === 'e-1',
			);
		});
	});
});
