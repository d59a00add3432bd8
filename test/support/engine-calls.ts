import type { PaperExchange } from '../../paper/exchange';

/** The paper engine's state-changing calls, which both its REST v3 and its Unified WebSocket layer make. */
export type EngineCall =
	| 'sendOrder'
	| 'editOrder'
	| 'cancelOrder'
	| 'cancelAllOrders'
	| 'cancelAllOrdersAfter'
	| 'batchOrder'
	| 'setLeveragePreference';

const STATE_CHANGING: readonly EngineCall[] = [
	'sendOrder',
	'editOrder',
	'cancelOrder',
	'cancelAllOrders',
	'cancelAllOrdersAfter',
	'batchOrder',
	'setLeveragePreference',
];

export interface EngineCallLog {
	readonly calls: { method: EngineCall; params: Record<string, unknown> }[];
	of(method: EngineCall): Record<string, unknown>[];
	restore(): void;
}

/**
 * Records what reached the paper engine, whichever protocol carried it, so one test can check
 * "what was sent" on both transports. The engine still does the work; nothing is replaced.
 */
export function recordEngineCalls(exchange: PaperExchange): EngineCallLog {
	const calls: EngineCallLog['calls'] = [];
	const originals = new Map<EngineCall, unknown>();
	const target = exchange as unknown as Record<EngineCall, (...args: unknown[]) => unknown>;
	for (const method of STATE_CHANGING) {
		const original = target[method];
		originals.set(method, original);
		target[method] = function (this: unknown, ...args: unknown[]) {
			calls.push({ method, params: { ...((args[1] as Record<string, unknown> | undefined) ?? {}) } });
			return original.apply(this, args);
		};
	}
	return {
		calls,
		of: (method) => calls.filter((call) => call.method === method).map((call) => call.params),
		restore: () => {
			for (const [method, original] of originals)
				target[method] = original as (...args: unknown[]) => unknown;
		},
	};
}
