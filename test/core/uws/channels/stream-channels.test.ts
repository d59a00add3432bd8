import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookMessages } from '../../../../core/uws/channels/book';
import { fillOfExecution, fillsOfExecutions } from '../../../../core/uws/channels/executions';
import { instrumentsOf } from '../../../../core/uws/channels/instrument';
import { tickerMessage } from '../../../../core/uws/channels/ticker';
import { tradeMessages } from '../../../../core/uws/channels/trade';
import { classifyIncoming, type UwsPush } from '../../../../core/uws/envelope';
import { repoRoot } from '../../../support/repo';

type Json = Record<string, unknown>;

/** The pushes of a recorded session (JSON lines: `{source, direction, message}`). */
function recordedPushes(channel: string): UwsPush[] {
	const file = join(repoRoot, 'test/fixtures/uws/paper-session.jsonl');
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as { direction: string; message: Json })
		.filter((entry) => entry.direction === 'in')
		.map((entry) => classifyIncoming(entry.message))
		.flatMap((incoming) =>
			incoming.kind === 'push' && incoming.push.channel === channel ? [incoming.push] : [],
		);
}

describe('core/uws/channels: stream parsers', () => {
	describe('over the recorded paper session (test/fixtures/uws)', () => {
		it('ticker: every item becomes a v1 ticker message that keeps the wire item in raw', () => {
			const pushes = recordedPushes('ticker');
			assert.ok(pushes.length >= 2);
			for (const item of pushes.flatMap((push) => push.data)) {
				const message = tickerMessage(item)!;
				assert.equal(message.product_id, (item as Json).symbol);
				assert.equal(message.bid, (item as Json).bid);
				assert.equal(message.bid_size, (item as Json).bid_qty);
				assert.equal(message.change, (item as Json).change_pct);
				assert.equal(message.markPrice, (item as Json).mark_price);
				assert.equal(message.raw, item);
			}
		});

		it('book: snapshots and level updates for every item', () => {
			const pushes = recordedPushes('book');
			const snapshot = pushes.find((push) => push.type === 'snapshot')!;
			const [message] = bookMessages(snapshot.data[0], true);
			assert.equal(message.feed, 'book_snapshot');
			assert.deepEqual(message.bids, (snapshot.data[0] as Json).bids);
			const update = pushes.find((push) => push.type === 'update')!;
			const item = update.data[0] as { bids: unknown[]; asks: unknown[] };
			const levels = bookMessages(item, false);
			assert.equal(levels.length, item.bids.length + item.asks.length);
			assert.ok(
				levels.every((level) => level.feed === 'book' && (level.side === 'buy' || level.side === 'sell')),
			);
		});

		it('trade: the snapshot becomes one trade_snapshot per symbol', () => {
			for (const push of recordedPushes('trade')) {
				const messages = tradeMessages(push.data, push.type === 'snapshot');
				assert.equal(messages.length, 1);
				assert.equal(messages[0].feed, 'trade_snapshot');
				assert.equal((messages[0].trades as unknown[]).length, push.data.length);
			}
		});

		it('executions: only trade events become fills; order events are not fills', () => {
			const pushes = recordedPushes('executions');
			const items = pushes.flatMap((push) => push.data) as Json[];
			const fills = pushes.flatMap((push) => fillsOfExecutions(push.data, 'update'));
			assert.equal(fills.length, items.filter((item) => item.exec_type === 'trade').length);
			assert.ok(fills.length > 0, 'the recording holds at least one fill');
			const fill = fills[0];
			assert.equal(fill.fill_id, fill.raw.exec_id);
			assert.equal(fill.size, fill.raw.last_qty);
			assert.equal(fill.fillType, 'taker');
		});

		it('instrument: the pairs of the snapshot, with increments and pass-through raw', () => {
			const [push] = recordedPushes('instrument');
			const instruments = instrumentsOf(push.data);
			const xbt = instruments.find((instrument) => instrument.symbol === 'PF_XBTUSD')!;
			assert.equal(xbt.priceIncrement, 1);
			assert.equal(xbt.qtyIncrement, 0.0001);
			assert.equal(xbt.qtyMin, 0.0001);
			assert.ok('margin_levels' in xbt.raw, 'unknown fields stay in raw');
		});
	});

	describe('unverified fields are optional', () => {
		it('a ticker with only a symbol gives a message with only feed, product_id and raw', () => {
			const message = tickerMessage({ symbol: 'PF_XBTUSD' });
			assert.deepEqual(Object.keys(message!).sort(), ['feed', 'product_id', 'raw']);
		});

		it('a ticker without a symbol, or not an object, is dropped', () => {
			assert.equal(tickerMessage({ bid: 1 }), undefined);
			assert.equal(tickerMessage('ticker'), undefined);
			assert.equal(tickerMessage(null), undefined);
		});

		it('a fill needs exec_id, symbol, last_qty, last_price and a timestamp; the rest is optional', () => {
			const minimal = {
				exec_type: 'trade',
				exec_id: 'e-1',
				symbol: 'PF_XBTUSD',
				last_qty: 1,
				last_price: 2,
				timestamp: '2026-11-30T12:00:00Z',
			};
			const fill = fillOfExecution(minimal, 'update')!;
			assert.equal(fill.fill_id, 'e-1');
			assert.equal(fill.cliOrdId, undefined);
			assert.ok(!('feePaid' in fill) && !('remainingOrderQty' in fill));
			for (const missing of ['exec_id', 'symbol', 'last_qty', 'last_price', 'timestamp']) {
				const partial: Json = { ...minimal };
				delete partial[missing];
				assert.equal(fillOfExecution(partial, 'update'), undefined, `without ${missing}`);
			}
			assert.equal(fillOfExecution({ ...minimal, liquidated: true }, 'update')?.fillType, 'liquidation');
		});

		it('a snapshot is sorted oldest first whatever order Kraken lists it in', () => {
			const at = (id: string, ms: number) => ({
				exec_type: 'trade',
				exec_id: id,
				symbol: 'PF_XBTUSD',
				last_qty: 1,
				last_price: 1,
				timestamp: new Date(ms).toISOString(),
			});
			const fills = fillsOfExecutions([at('c', 3000), at('a', 1000), at('b', 2000)], 'snapshot');
			assert.deepEqual(
				fills.map((fill) => fill.fill_id),
				['a', 'b', 'c'],
			);
		});

		it('instruments given as a flat list are read too', () => {
			const [instrument] = instrumentsOf([{ symbol: 'PF_X', price_increment: 0.5 }]);
			assert.equal(instrument.priceIncrement, 0.5);
			assert.equal(instrument.qtyMin, undefined);
		});
	});
});
