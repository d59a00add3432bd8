import { PaperExchange } from '../../../paper/exchange';
import type { Payload } from '../../../paper/exchange';

/** 2026-11-21T12:30:00Z: half an hour before a funding time. */
export const START_MS = Date.UTC(2026, 10, 21, 12, 30, 0);

export interface Harness {
	exchange: PaperExchange;
	events: { name: string; args: unknown[] }[];
}

/** An exchange on a frozen clock (it moves only with advanceTime), recording every event it emits. */
export function harness(seed = 7, startingCollateralUsd?: number): Harness {
	const exchange = new PaperExchange({ seed, now: () => START_MS, startingCollateralUsd });
	const events: Harness['events'] = [];
	for (const name of [
		'ticker',
		'book',
		'trade',
		'fill',
		'openOrder',
		'positions',
		'balances',
		'accountLog',
	]) {
		exchange.on(name, (...args: unknown[]) => events.push({ name, args }));
	}
	return { exchange, events };
}

export function sendStatus(
	payload: Payload,
): Record<string, unknown> & { status: string; orderEvents: Record<string, unknown>[] } {
	return payload.sendStatus as Record<string, unknown> & {
		status: string;
		orderEvents: Record<string, unknown>[];
	};
}

export function book(exchange: PaperExchange, symbol: string): { bids: number[][]; asks: number[][] } {
	return exchange.getOrderBook(symbol).orderBook as { bids: number[][]; asks: number[][] };
}

export function executions(status: {
	orderEvents: Record<string, unknown>[];
}): { price: number; amount: number }[] {
	return status.orderEvents
		.filter((event) => event.type === 'EXECUTION')
		.map((event) => ({ price: event.price as number, amount: event.amount as number }));
}

export function openOrders(exchange: PaperExchange, account: string): Record<string, unknown>[] {
	return exchange.getOpenOrders(account).openOrders as Record<string, unknown>[];
}

/** Advances one second at a time until `done` holds; fails after `maxSeconds`. */
export function advanceUntil(exchange: PaperExchange, done: () => boolean, maxSeconds: number): number {
	for (let second = 1; second <= maxSeconds; second++) {
		exchange.advanceTime(1_000);
		if (done()) return second;
	}
	throw new Error(`condition not reached within ${maxSeconds} s`);
}

export function closeTo(actual: number, expected: number, tolerance = 1e-9): boolean {
	return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
