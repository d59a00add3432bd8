import { KrakenFuturesRestClient, KrakenRateLimitError } from '../core';
import { startPaperExchange } from '../paper/server';
import type { BenchRow } from './report';

export interface RateBudgetOptions {
	orders: number;
	/** The shortened rate-limit window, used by the paper exchange and the client alike. */
	windowMs: number;
}

const BUDGET = 500;
const SENDORDER_COST = 10;

/**
 * A burst of orders through the core REST client against the paper exchange's own budget: none
 * may come back `apiLimitExceeded`, and the burst may take at most 1.1x the least time the
 * budget allows (the last order can start only when enough earlier ones have left the window).
 */
export async function benchRateBudget(options: RateBudgetOptions): Promise<BenchRow> {
	const server = await startPaperExchange({
		port: 0,
		seed: 7,
		clock: false,
		rateLimitWindowMs: options.windowMs,
	});
	const client = new KrakenFuturesRestClient({
		restUrl: server.restUrl,
		credentials: { apiKey: server.apiKey, apiSecret: server.apiSecret },
		rateLimit: { windowMs: options.windowMs, derivativesBudget: BUDGET },
	});
	try {
		await client.instruments.refresh();
		const totalCost = options.orders * SENDORDER_COST;
		const minimumMs = (Math.ceil(totalCost / BUDGET) - 1) * options.windowMs;
		const started = process.hrtime.bigint();
		const outcomes = await Promise.allSettled(
			Array.from({ length: options.orders }, (_, i) =>
				client.sendOrder({
					orderType: 'lmt',
					symbol: 'PF_XBTUSD',
					side: 'buy',
					size: 0.0001,
					limitPrice: 30_000 + (i % 100),
					cliOrdId: `burst-${i}`,
				}),
			),
		);
		const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
		const rateLimited = outcomes.filter(
			(o) => o.status === 'rejected' && o.reason instanceof KrakenRateLimitError,
		).length;
		const otherErrors = outcomes.filter((o) => o.status === 'rejected').length - rateLimited;
		const ratio = elapsedMs / minimumMs;
		return {
			name: `rate budget (${options.orders}-order burst)`,
			metric: 'elapsed ms',
			subject: elapsedMs,
			baseline: minimumMs,
			ratio,
			target: '<= 1.1x, 0 apiLimitExceeded',
			met: ratio <= 1.1 && rateLimited === 0 && otherErrors === 0,
			details: {
				orders: options.orders,
				windowMs: options.windowMs,
				apiLimitExceeded: rateLimited,
				otherErrors,
			},
		};
	} finally {
		await client.close();
		await server.stop();
	}
}
