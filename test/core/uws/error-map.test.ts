import { strict as assert } from 'node:assert';
import {
	KrakenApiError,
	KrakenAuthError,
	KrakenOrderRejectedError,
	KrakenRateLimitError,
	KrakenUnavailableError,
	KrakenValidationError,
} from '../../../core/errors';
import {
	findUwsErrorRow,
	isStaleTokenError,
	KrakenUwsValidationError,
	UWS_ERROR_ROWS,
	uwsErrorToKrakenError,
} from '../../../core/uws/error-map';

type ErrorClass = new (...args: never[]) => Error;

// Every row of the table, with a concrete Kraken string and the class and field it must produce.
const CASES: [krakenError: string, errorClass: ErrorClass, field?: string][] = [
	['EAPI:Invalid key', KrakenAuthError],
	['EAPI:Invalid signature', KrakenAuthError],
	['EAPI:Invalid nonce', KrakenAuthError],
	['EGeneral:Permission denied', KrakenAuthError],
	['EGeneral:Temporary lockout', KrakenAuthError],
	['EAPI:Invalid token', KrakenAuthError],
	['ESession:Invalid session', KrakenAuthError],
	['EAPI:Rate limit exceeded', KrakenRateLimitError],
	['EOrder:Rate limit exceeded', KrakenRateLimitError],
	['EService:Throttled: 1700000000', KrakenRateLimitError],
	['Preferences are not available yet, try again later', KrakenUnavailableError],
	['EService:Unavailable', KrakenUnavailableError],
	['EService:Busy', KrakenUnavailableError],
	['EGeneral:Internal error', KrakenUnavailableError],
	['EOrder:Insufficient funds', KrakenOrderRejectedError],
	['EOrder:Invalid order', KrakenOrderRejectedError],
	['EOrder:Orders limit exceeded', KrakenOrderRejectedError],
	['EOrder:Post only order', KrakenOrderRejectedError],
	['EGeneral:Invalid arguments:order_qty', KrakenValidationError, 'order_qty'],
	['Currency pair not supported PF_NOPE', KrakenValidationError, 'symbol'],
	['Subscription name invalid', KrakenValidationError, 'channel'],
	["Unknown 'params.leverage_mode.symbol'", KrakenValidationError, 'leverage_mode.symbol'],
	["'params.snapshot' is not valid for the margin channel", KrakenValidationError, 'snapshot'],
	["Leverage exceeds the market's margin schedule", KrakenApiError],
	['Insufficient margin for the requested leverage', KrakenApiError],
	['Something Kraken never documented', KrakenApiError],
];

describe('core/uws/error-map: Kraken UWS error strings → KrakenError classes', () => {
	for (const [krakenError, errorClass, field] of CASES) {
		it(`${krakenError} → ${errorClass.name}${field ? ` (field ${field})` : ''}`, () => {
			const error = uwsErrorToKrakenError(krakenError, { method: 'add_order', params: { cl_ord_id: 'c-1' } });
			assert.ok(error instanceof errorClass, `${error.constructor.name} is not ${errorClass.name}`);
			assert.equal((error as { krakenError?: string }).krakenError, krakenError, 'Kraken’s string is kept');
			assert.ok(error.message.includes(krakenError), 'the message quotes Kraken');
			if (field !== undefined) assert.equal(error.field, field);
		});
	}

	it('every row of the table is exercised above', () => {
		const covered = new Set(CASES.map(([krakenError]) => findUwsErrorRow(krakenError)));
		for (const row of UWS_ERROR_ROWS) assert.ok(covered.has(row), `row ${row.match} has no case`);
	});

	it('an order rejection carries the ids of the request and Kraken’s string as its status', () => {
		const error = uwsErrorToKrakenError('EOrder:Insufficient funds', {
			method: 'amend_order',
			params: { order_id: 'o-1', cl_ord_id: 'c-1', token: 'secret-token-value' },
		});
		assert.ok(error instanceof KrakenOrderRejectedError);
		assert.equal(error.status, 'EOrder:Insufficient funds');
		assert.equal(error.orderId, 'o-1');
		assert.equal(error.cliOrdId, 'c-1');
		assert.ok(!JSON.stringify(error.toJSON()).includes('secret-token-value'));
	});

	it('a refused key names the key Kraken wants', () => {
		const error = uwsErrorToKrakenError('EAPI:Invalid key', { method: 'GetWebSocketsToken' });
		assert.match(error.message, /Kraken API key/);
		assert.match(error.message, /Access WebSocket API/);
		assert.match(error.message, /not a Kraken Futures API key/);
	});

	it('a server-side validation refusal keeps Kraken’s string in toJSON', () => {
		const error = uwsErrorToKrakenError("'params.asset_class' is not valid for the balances channel", {
			method: 'subscribe',
		});
		assert.ok(error instanceof KrakenUwsValidationError);
		assert.equal(error.field, 'asset_class');
		assert.equal(error.toJSON().krakenError, "'params.asset_class' is not valid for the balances channel");
	});

	it('EService:Throttled with a time gives the seconds to wait', () => {
		const until = Math.floor(Date.now() / 1000) + 30;
		const error = uwsErrorToKrakenError(`EService:Throttled: ${until}`, { method: 'add_order' });
		assert.ok(error instanceof KrakenRateLimitError);
		assert.ok(
			error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 29 && error.retryAfterSeconds <= 30,
		);
	});

	it('recognises the stale-token strings only', () => {
		assert.equal(isStaleTokenError('EAPI:Invalid token'), true);
		assert.equal(isStaleTokenError('ESession:Invalid session'), true);
		assert.equal(isStaleTokenError('EAPI:Invalid key'), false);
	});
});
