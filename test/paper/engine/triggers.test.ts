import assert from 'node:assert/strict';
import { PaperApiError } from '../../../paper/exchange';
import { START_MS, advanceUntil, harness, openOrders, sendStatus } from './fixture';

type Row = Record<string, unknown>;
const ACCOUNT = 'trader';

describe('paper exchange: triggers and the dead man switch', () => {
	it('places a stop with an orderTrigger and fires it as a market order when the mark crosses', () => {
		const { exchange, events } = harness(3);
		const mark = exchange.wsTicker('PF_XBTUSD').markPrice as number;
		const stopPrice = Math.round(mark * 1.0005);
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'stp',
				symbol: 'PF_XBTUSD',
				side: 'buy',
				size: '0.01',
				stopPrice: String(stopPrice),
				triggerSignal: 'mark',
			}),
		);
		assert.equal(status.status, 'placed');
		const trigger = status.orderEvents[0].orderTrigger as Row;
		assert.equal(status.orderEvents[0].type, 'PLACE');
		assert.equal(trigger.triggerPrice, stopPrice);
		assert.equal(trigger.triggerSide, 'trigger_above');
		assert.equal(trigger.triggerSignal, 'mark_price');
		assert.equal(openOrders(exchange, ACCOUNT)[0].orderType, 'stp');
		const marks: number[] = [];
		exchange.on('ticker', (symbol: string, ticker: Row) => {
			if (symbol === 'PF_XBTUSD') marks.push(ticker.markPrice as number);
		});
		advanceUntil(exchange, () => openOrders(exchange, ACCOUNT).length === 0, 6 * 3_600);
		assert.ok(marks[marks.length - 1] >= stopPrice, 'fired only once the mark reached the stop');
		assert.ok(
			marks.slice(0, -1).every((price) => price < stopPrice),
			'did not fire early',
		);
		const [fill] = exchange.getFills(ACCOUNT, {}).fills as Row[];
		assert.equal(fill.order_id, status.order_id);
		assert.equal(fill.fillType, 'taker');
		const reasons = events
			.filter((event) => event.name === 'openOrder')
			.map((event) => (event.args[1] as Row).reason);
		assert.deepEqual(reasons, ['new_placed_order_by_user', 'stop_order_triggered']);
	});

	it('fires a take-profit below the market for a buy as a limit order', () => {
		const { exchange } = harness(4);
		const mark = exchange.wsTicker('PF_ETHUSD').markPrice as number;
		const stopPrice = Number((Math.round((mark * 0.9995) / 0.1) * 0.1).toFixed(1));
		const limitPrice = Number((stopPrice + 5).toFixed(1));
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'take_profit',
				symbol: 'PF_ETHUSD',
				side: 'buy',
				size: '0.1',
				stopPrice: String(stopPrice),
				limitPrice: String(limitPrice),
				triggerSignal: 'last',
			}),
		);
		const trigger = status.orderEvents[0].orderTrigger as Row;
		assert.equal(trigger.triggerSide, 'trigger_below');
		assert.equal(trigger.type, 'lmt');
		advanceUntil(exchange, () => (exchange.getFills(ACCOUNT, {}).fills as Row[]).length > 0, 6 * 3_600);
		const [fill] = exchange.getFills(ACCOUNT, {}).fills as Row[];
		assert.ok((fill.price as number) <= limitPrice);
	});

	it('requires a stop price for stops and validates trailing stop deviation', () => {
		const { exchange } = harness();
		assert.throws(
			() =>
				exchange.sendOrder(ACCOUNT, { orderType: 'stp', symbol: 'PF_XBTUSD', side: 'sell', size: '0.01' }),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'requiredArgumentMissing',
		);
		const tooWide = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'trailing_stop',
				symbol: 'PF_XBTUSD',
				side: 'sell',
				size: '0.01',
				trailingStopMaxDeviation: '60',
				trailingStopDeviationUnit: 'PERCENT',
			}),
		);
		assert.equal(tooWide.status, 'invalidPrice');
	});

	it('trails the peak with a percent trailing stop and closes the position when the mark falls back', () => {
		const { exchange } = harness(9);
		exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.01' });
		const markAtPlacement = exchange.wsTicker('PF_XBTUSD').markPrice as number;
		const status = sendStatus(
			exchange.sendOrder(ACCOUNT, {
				orderType: 'trailing_stop',
				symbol: 'PF_XBTUSD',
				side: 'sell',
				size: '0.01',
				reduceOnly: 'true',
				trailingStopMaxDeviation: '0.1',
				trailingStopDeviationUnit: 'PERCENT',
			}),
		);
		assert.equal(status.status, 'placed');
		assert.deepEqual((status.orderEvents[0].orderTrigger as Row).trailingStopOptions, {
			maxDeviation: 0.1,
			unit: 'PERCENT',
		});
		const [open] = openOrders(exchange, ACCOUNT);
		assert.equal(open.stopPrice, Math.round(markAtPlacement * 0.999), 'stop sits 0.1 % under the mark');
		assert.equal(open.orderType, 'trailing_stop');
		const peaks: number[] = [markAtPlacement];
		exchange.on('ticker', (symbol: string, ticker: Row) => {
			if (symbol === 'PF_XBTUSD') peaks.push(ticker.markPrice as number);
		});
		advanceUntil(
			exchange,
			() => (exchange.getOpenPositions(ACCOUNT).openPositions as Row[]).length === 0,
			6 * 3_600,
		);
		const last = peaks[peaks.length - 1];
		assert.ok(last <= Math.max(...peaks) * 0.999 + 1, 'fired after falling 0.1 % from the peak');
	});

	it('cancels every order with reason dead_man_switch when the deadline passes', () => {
		const { exchange, events } = harness();
		const answer = exchange.cancelAllOrdersAfter(ACCOUNT, { timeout: '60' }).status as Row;
		assert.equal(answer.currentTime, new Date(START_MS).toISOString());
		assert.equal(answer.triggerTime, new Date(START_MS + 60_000).toISOString());
		exchange.sendOrder(ACCOUNT, {
			orderType: 'lmt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: '0.01',
			limitPrice: '10000',
		});
		exchange.advanceTime(59_000);
		assert.equal(openOrders(exchange, ACCOUNT).length, 1);
		exchange.advanceTime(2_000);
		assert.equal(openOrders(exchange, ACCOUNT).length, 0);
		const cancel = events
			.filter((event) => event.name === 'openOrder')
			.map((event) => event.args[1] as Row)
			.pop() as Row;
		assert.deepEqual(
			{ is_cancel: cancel.is_cancel, reason: cancel.reason },
			{ is_cancel: true, reason: 'dead_man_switch' },
		);
		const off = exchange.cancelAllOrdersAfter(ACCOUNT, { timeout: '0' }).status as Row;
		assert.equal(off.triggerTime, '0');
		assert.throws(
			() => exchange.cancelAllOrdersAfter(ACCOUNT, {}),
			(error: unknown) => error instanceof PaperApiError && error.krakenError === 'requiredArgumentMissing',
		);
	});

	it('fires the dead man switch on the real clock too, and stopClock leaves no timer', async () => {
		const exchange = new (await import('../../../paper/exchange')).PaperExchange({ seed: 1 });
		exchange.sendOrder(ACCOUNT, {
			orderType: 'lmt',
			symbol: 'PF_XBTUSD',
			side: 'buy',
			size: '0.01',
			limitPrice: '10000',
		});
		exchange.cancelAllOrdersAfter(ACCOUNT, { timeout: '1' });
		const cancelled = new Promise<Row>((resolve) =>
			exchange.on('openOrder', (_account: string, event: Row) => event.is_cancel && resolve(event)),
		);
		const event = await cancelled;
		assert.equal(event.reason, 'dead_man_switch');
		exchange.stopClock();
	});
});
