import assert from 'node:assert/strict';

import {
	startPaperExchange,
	type PaperExchangeServer,
	type PaperExchangeServerOptions,
} from '../../paper/server';

/**
 * A paper exchange whose clock stands still: fills and trades made between two steps share one
 * millisecond, and `exchange.advanceTime(ms)` steps it. It starts a minute ahead of real time, so
 * a client that watches fills from "now" on counts everything made on it as new.
 */
export async function startStillPaper(
	options: PaperExchangeServerOptions = {},
): Promise<PaperExchangeServer> {
	const start = Date.now() + 60_000;
	return await startPaperExchange({ port: 0, ...options, clock: false, now: () => start });
}

const HOUR_MS = 3_600_000;

/**
 * A real-time clock for a running paper exchange that reads the next half past the hour when it is
 * made, so no funding time passes by itself for half an hour: a test that counts funding events
 * sees only the ones it causes (with `exchange.advanceTime`), whatever the wall clock says. It is
 * never behind real time, so clients that take "now" as the start of news still count every fill.
 */
export function midHourClock(): () => number {
	const real = Date.now();
	const halfPast = Math.floor(real / HOUR_MS) * HOUR_MS + HOUR_MS / 2;
	const shift = (halfPast >= real ? halfPast : halfPast + HOUR_MS) - real;
	return () => Date.now() + shift;
}

/**
 * `count` market orders at the exchange's current millisecond, buys and sells in turn, sent
 * straight to the engine of the server's first account. Returns the ids of their fills.
 */
export function marketOrdersNow(server: PaperExchangeServer, count: number, symbol = 'PF_XBTUSD'): string[] {
	const fillIds: string[] = [];
	for (let i = 0; i < count; i++) {
		const result = server.exchange.sendOrder(server.keys[0].accountId, {
			orderType: 'mkt',
			symbol,
			side: i % 2 === 0 ? 'buy' : 'sell',
			size: '0.001',
		}) as { sendStatus: { status: string; orderEvents: { type: string; executionId?: string }[] } };
		assert.equal(result.sendStatus.status, 'placed');
		for (const event of result.sendStatus.orderEvents) {
			if (event.type === 'EXECUTION' && event.executionId !== undefined) fillIds.push(event.executionId);
		}
	}
	return fillIds;
}

/** The public trade ids (`uid`) the exchange holds for `symbol`, newest first. */
export function publicTradeIds(server: PaperExchangeServer, symbol = 'PF_XBTUSD'): string[] {
	const market = server.exchange.inspect().market(symbol);
	assert.ok(market, `the paper exchange lists ${symbol}`);
	return market.trades.map((trade) => trade.uid);
}
