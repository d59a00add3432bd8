import assert from 'node:assert/strict';
import { KrakenValidationError } from '../../../core/errors';
import { isPrivateFeed, subscribedFeedOf, validateSubscription } from '../../../core/ws/feeds';
import { keyOfMessage } from '../../../core/ws/subscriptions';

describe('WS feed table', () => {
	it('maps every data message feed to the feed it was subscribed as', () => {
		const table: [string, string][] = [
			['book_snapshot', 'book'],
			['book', 'book'],
			['trade_snapshot', 'trade'],
			['ticker', 'ticker'],
			['fills_snapshot', 'fills'],
			['open_orders_snapshot', 'open_orders'],
			['open_orders_verbose_snapshot', 'open_orders_verbose'],
			['open_positions', 'open_positions'],
			['balances_snapshot', 'balances'],
			['account_log_snapshot', 'account_log'],
			['notifications_auth', 'notifications_auth'],
		];
		for (const [message, feed] of table) assert.equal(subscribedFeedOf(message), feed, message);
	});

	it('keys market feeds per product and account feeds per feed', () => {
		assert.equal(keyOfMessage({ feed: 'book_snapshot', product_id: 'PF_XBTUSD' }), 'book|PF_XBTUSD');
		assert.equal(keyOfMessage({ feed: 'ticker', product_id: 'PI_XBTUSD' }), 'ticker|PI_XBTUSD');
		assert.equal(keyOfMessage({ feed: 'fills_snapshot' }), 'fills');
		assert.equal(keyOfMessage({ feed: 'heartbeat' }), 'heartbeat');
	});

	it('knows which feeds need a challenge', () => {
		assert.deepEqual(
			['ticker', 'heartbeat', 'fills', 'open_positions', 'notifications_auth'].map(isPrivateFeed),
			[false, false, true, true, true],
		);
	});

	it('validates feeds and product ids, naming the field', () => {
		assert.deepEqual(validateSubscription('ticker', ['PF_XBTUSD', 'PF_XBTUSD', ' PF_ETHUSD ']), {
			feed: 'ticker',
			products: ['PF_XBTUSD', 'PF_ETHUSD'],
		});
		const fieldOf = (feed: unknown, products: unknown) => {
			try {
				validateSubscription(feed, products);
			} catch (error) {
				assert.ok(error instanceof KrakenValidationError);
				return error.field;
			}
			return undefined;
		};
		assert.equal(fieldOf('candles', undefined), 'feed');
		assert.equal(fieldOf('trade', []), 'productIds');
		assert.equal(fieldOf('trade', 'PF_XBTUSD'), 'productIds');
		assert.equal(fieldOf('book', ['']), 'productIds');
		assert.equal(fieldOf('balances', ['PF_XBTUSD']), 'productIds');
		assert.equal(fieldOf('fills', ['PF_XBTUSD']), undefined);
		assert.equal(fieldOf('heartbeat', undefined), undefined);
	});
});
