import assert from 'node:assert/strict';
import { PaperApiError } from '../../../paper/exchange';
import { closeTo, executions, harness, sendStatus } from './fixture';

type Row = Record<string, unknown>;
const ACCOUNT = 'trader';
const TAKER_FEE = 0.0005;

function logs(rows: unknown): Row[] {
	return rows as Row[];
}

describe('paper exchange: accounts, PnL, funding and history', () => {
	it('realises linear PnL as size × (exit − entry) less taker fees, with two log rows per trade', () => {
		const { exchange } = harness(21);
		const flexBefore = ((exchange.getAccounts(ACCOUNT).accounts as Row).flex as Row).balanceValue as number;
		const buy = executions(
			sendStatus(
				exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_SOLUSD', side: 'buy', size: '10' }),
			),
		);
		exchange.advanceTime(120_000);
		const sell = executions(
			sendStatus(
				exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_SOLUSD', side: 'sell', size: '10' }),
			),
		);
		const entry = buy.reduce((sum, fill) => sum + fill.price * fill.amount, 0) / 10;
		const realized = sell.reduce((sum, fill) => sum + fill.amount * (fill.price - entry), 0);
		const fees = [...buy, ...sell].reduce((sum, fill) => sum + fill.amount * fill.price * TAKER_FEE, 0);
		const flexAfter = ((exchange.getAccounts(ACCOUNT).accounts as Row).flex as Row).balanceValue as number;
		assert.ok(
			closeTo(flexAfter - flexBefore, realized - fees, 1e-9),
			`${flexAfter - flexBefore} vs ${realized - fees}`,
		);
		const log = logs(exchange.getAccountLog(ACCOUNT, { sort: 'asc' }).logs);
		assert.equal(log.length, 2 * (buy.length + sell.length));
		const [cash, position] = log.slice(-2);
		assert.equal(cash.asset, 'usd');
		assert.equal(cash.info, 'futures trade');
		assert.equal(position.asset, 'pf_solusd');
		assert.equal(position.contract, 'pf_solusd');
		assert.equal(cash.execution, position.execution);
		assert.equal(position.new_balance, 0);
		const realizedInLog = log
			.filter((row) => row.asset === 'usd')
			.reduce((sum, row) => sum + (row.realized_pnl as number), 0);
		assert.ok(closeTo(realizedInLog, realized, 1e-9));
		assert.deepEqual(
			log.map((row) => row.id),
			log.map((_row, index) => index + 1),
		);
	});

	it('realises inverse PnL in coin as size × (1/entry − 1/exit) in the fi_ wallet', () => {
		const { exchange } = harness(22);
		const walletBefore = (((exchange.getAccounts(ACCOUNT).accounts as Row).fi_xbtusd as Row).balances as Row)
			.xbt as number;
		const [buy] = executions(
			sendStatus(
				exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PI_XBTUSD', side: 'buy', size: '1000' }),
			),
		);
		assert.equal(buy.amount, 1000);
		exchange.advanceTime(300_000);
		const accountsOpen = exchange.getAccounts(ACCOUNT).accounts as Row;
		assert.equal(((accountsOpen.fi_xbtusd as Row).balances as Row).PI_XBTUSD, 1000);
		const [sell] = executions(
			sendStatus(
				exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PI_XBTUSD', side: 'sell', size: '1000' }),
			),
		);
		assert.equal(sell.amount, 1000);
		const realized = 1000 * (1 / buy.price - 1 / sell.price);
		const fees = (1000 / buy.price + 1000 / sell.price) * TAKER_FEE;
		const walletAfter = (((exchange.getAccounts(ACCOUNT).accounts as Row).fi_xbtusd as Row).balances as Row)
			.xbt as number;
		assert.ok(closeTo(walletAfter - walletBefore, realized - fees, 1e-9));
		const cashLeg = logs(exchange.getAccountLog(ACCOUNT, {}).logs)[1];
		assert.equal(cashLeg.asset, 'xbt');
		assert.equal(cashLeg.margin_account, 'fi_xbtusd');
		assert.ok(closeTo(cashLeg.realized_pnl as number, realized, 1e-9));
	});

	it('reports positions and unrealised PnL at the mark', () => {
		const { exchange } = harness(23);
		const [fill] = executions(
			sendStatus(
				exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_ETHUSD', side: 'sell', size: '0.5' }),
			),
		);
		exchange.advanceTime(60_000);
		const [position] = exchange.getOpenPositions(ACCOUNT).openPositions as Row[];
		assert.deepEqual(
			{ side: position.side, symbol: position.symbol, size: position.size, price: position.price },
			{ side: 'short', symbol: 'PF_ETHUSD', size: 0.5, price: fill.price },
		);
		assert.equal(position.pnlCurrency, 'USD');
		const mark = exchange.wsTicker('PF_ETHUSD').markPrice as number;
		const [wsPosition] = exchange.wsOpenPositions(ACCOUNT).positions as Row[];
		assert.equal(wsPosition.balance, -0.5);
		assert.ok(closeTo(wsPosition.pnl as number, -0.5 * (mark - fill.price)));
		const flex = (exchange.getAccounts(ACCOUNT).accounts as Row).flex as Row;
		assert.ok(closeTo(flex.pnl as number, -0.5 * (mark - fill.price)));
		assert.ok(closeTo(flex.initialMargin as number, 0.5 * mark * 0.02));
		assert.ok(
			closeTo(
				flex.availableMargin as number,
				(flex.marginEquity as number) - (flex.initialMarginWithOrders as number),
			),
		);
	});

	it('charges hourly funding at the top of the hour with a funding rate change row', () => {
		const { exchange } = harness(24);
		exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '0.1' });
		exchange.advanceTime(29 * 60_000 + 59_000);
		const rate = exchange.wsTicker('PF_XBTUSD').funding_rate as number;
		assert.ok(typeof rate === 'number' && rate !== 0);
		const balanceBefore = ((exchange.getAccounts(ACCOUNT).accounts as Row).flex as Row)
			.balanceValue as number;
		exchange.advanceTime(2_000);
		const funding = logs(exchange.getAccountLog(ACCOUNT, { info: 'funding rate change' }).logs);
		assert.equal(funding.length, 1);
		assert.equal(funding[0].date, '2026-11-21T13:00:00.000Z');
		assert.equal(funding[0].funding_rate, rate);
		assert.ok(closeTo(funding[0].realized_funding as number, -0.1 * rate));
		const balanceAfter = ((exchange.getAccounts(ACCOUNT).accounts as Row).flex as Row).balanceValue as number;
		assert.ok(closeTo(balanceAfter - balanceBefore, -0.1 * rate));
		exchange.advanceTime(3_600_000);
		assert.equal(logs(exchange.getAccountLog(ACCOUNT, { info: 'funding rate change' }).logs).length, 2);
	});

	it('pages fills by lastFillTime, newest first, 100 at a time', () => {
		const { exchange } = harness(25);
		for (let index = 0; index < 130; index++) {
			exchange.sendOrder(ACCOUNT, {
				orderType: 'mkt',
				symbol: 'PF_SOLUSD',
				side: index % 2 === 0 ? 'buy' : 'sell',
				size: '0.01',
			});
			exchange.advanceTime(1_000);
		}
		const first = exchange.getFills(ACCOUNT, {}).fills as Row[];
		assert.equal(first.length, 100);
		const times = first.map((fill) => Date.parse(fill.fillTime as string));
		assert.deepEqual(
			times,
			[...times].sort((a, b) => b - a),
		);
		const second = exchange.getFills(ACCOUNT, { lastFillTime: first[99].fillTime as string }).fills as Row[];
		assert.equal(second.length, 30);
		assert.ok(Date.parse(second[0].fillTime as string) < times[99]);
		assert.throws(() => exchange.getFills(ACCOUNT, { lastFillTime: 'yesterday' }), PaperApiError);
		assert.equal((exchange.wsFillsSnapshot(ACCOUNT).fills as Row[]).length, 100);
	});

	it('filters the account log by since, before, from, to, sort and count', () => {
		const { exchange } = harness(26);
		for (let index = 0; index < 3; index++) {
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_SOLUSD', side: 'buy', size: '1' });
			exchange.advanceTime(10_000);
		}
		const all = logs(exchange.getAccountLog(ACCOUNT, {}).logs);
		assert.deepEqual(
			all.map((row) => row.id),
			[6, 5, 4, 3, 2, 1],
		);
		assert.deepEqual(
			logs(exchange.getAccountLog(ACCOUNT, { from: '2', to: '4', sort: 'asc' }).logs).map((row) => row.id),
			[2, 3, 4],
		);
		assert.deepEqual(
			logs(exchange.getAccountLog(ACCOUNT, { count: '2' }).logs).map((row) => row.id),
			[6, 5],
		);
		const secondTrade = Date.parse(all[3].date as string);
		assert.deepEqual(
			logs(exchange.getAccountLog(ACCOUNT, { since: String(secondTrade) }).logs).map((row) => row.id),
			[6, 5, 4, 3],
		);
		assert.deepEqual(
			logs(exchange.getAccountLog(ACCOUNT, { before: String(secondTrade) }).logs).map((row) => row.id),
			[2, 1],
		);
		assert.throws(() => exchange.getAccountLog(ACCOUNT, { sort: 'sideways' }), PaperApiError);
	});

	it('keeps execution and order history with string values and a continuation token', () => {
		const { exchange } = harness(27);
		exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_SOLUSD', side: 'buy', size: '1' });
		exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_SOLUSD', side: 'sell', size: '1' });
		const page = exchange.getExecutionHistory(ACCOUNT, { count: '1' });
		assert.equal(page.len, 1);
		const element = (page.elements as Row[])[0];
		const execution = ((element.event as Row).Execution as Row).execution as Row;
		assert.equal(typeof execution.price, 'string');
		assert.equal(typeof element.timestamp, 'string');
		assert.equal((execution.takerOrder as Row).direction, 'Sell');
		const next = exchange.getExecutionHistory(ACCOUNT, {
			count: '1',
			continuation_token: page.continuationToken as string,
		});
		assert.equal(next.len, 1);
		assert.notEqual((next.elements as Row[])[0].uid, element.uid);
		const orders = exchange.getOrderHistory(ACCOUNT, { sort: 'asc' }).elements as Row[];
		assert.equal(Object.keys(orders[0].event as Row)[0], 'OrderPlaced');
		assert.equal(((orders[0].event as Row).OrderPlaced as Row & { order: Row }).order.orderType, 'Market');
	});

	it('stores leverage and PnL preferences for multi-collateral contracts only', () => {
		const { exchange } = harness();
		assert.deepEqual(exchange.setLeveragePreference(ACCOUNT, { symbol: 'PF_XBTUSD', maxLeverage: '5' }), {});
		assert.deepEqual(exchange.getLeveragePreferences(ACCOUNT, {}).leveragePreferences, [
			{ symbol: 'PF_XBTUSD', maxLeverage: 5 },
		]);
		const rejected = sendStatus(
			exchange.sendOrder(ACCOUNT, { orderType: 'mkt', symbol: 'PF_XBTUSD', side: 'buy', size: '9' }),
		);
		assert.equal(
			rejected.status,
			'insufficientAvailableFunds',
			'5x leverage caps the position at about 500k USD',
		);
		exchange.setLeveragePreference(ACCOUNT, { symbol: 'PF_XBTUSD' });
		assert.deepEqual(exchange.getLeveragePreferences(ACCOUNT, {}).leveragePreferences, []);
		assert.throws(
			() => exchange.setLeveragePreference(ACCOUNT, { symbol: 'PI_XBTUSD', maxLeverage: '5' }),
			PaperApiError,
		);
		exchange.setPnlPreference(ACCOUNT, { symbol: 'PF_ETHUSD', pnlPreference: 'USDC' });
		assert.deepEqual(exchange.getPnlPreferences(ACCOUNT).preferences, [
			{ symbol: 'PF_ETHUSD', pnlCurrency: 'USDC' },
		]);
		assert.throws(
			() => exchange.setPnlPreference(ACCOUNT, { symbol: 'PF_ETHUSD', pnlPreference: 'DOGE' }),
			PaperApiError,
		);
	});

	it('gives WS-shaped private snapshots and emits fills, balances and log entries', () => {
		const { exchange, events } = harness(28);
		exchange.sendOrder(ACCOUNT, {
			orderType: 'mkt',
			symbol: 'PF_ETHUSD',
			side: 'buy',
			size: '0.1',
			cliOrdId: 'ws-1',
		});
		const fill = events.find((event) => event.name === 'fill')?.args[1] as Row;
		assert.equal(fill.instrument, 'PF_ETHUSD');
		assert.equal(fill.buy, true);
		assert.equal(fill.cli_ord_id, 'ws-1');
		assert.equal(fill.fee_currency, 'USD');
		assert.equal(events.filter((event) => event.name === 'accountLog').length, 2);
		const balances = events.find((event) => event.name === 'balances')?.args[1] as Row;
		assert.ok(((balances.flex_futures as Row).available_margin as number) > 0);
		const snapshot = exchange.wsBalancesSnapshot(ACCOUNT);
		assert.ok('holding' in snapshot && 'futures' in snapshot && 'flex_futures' in snapshot);
		assert.equal((exchange.wsAccountLogSnapshot(ACCOUNT).logs as Row[]).length, 2);
		assert.deepEqual(exchange.wsOpenOrdersSnapshot(ACCOUNT).orders, []);
		const cash = (exchange.getAccounts(ACCOUNT).accounts as Row).cash as Row;
		assert.equal(cash.type, 'cashAccount');
		assert.equal(typeof (cash.balances as Row).xbt, 'string');
	});
});
