import { toNumber, type OrderEvent } from '../../core';

/** What an order filled at once, read from the EXECUTION events of Kraken's answer. */
export interface OrderFill {
	/** Total filled size (0 when nothing filled yet). */
	filledSize: number;
	/** Size-weighted average fill price; null when nothing filled. */
	fillPrice: number | null;
	/** When Kraken received the order (its answer carries no time per execution); null when nothing filled. */
	fillTime: string | null;
}

/** Keeps the decimals of the inputs instead of showing float noise such as 0.30000000000000004. */
function tidy(value: number): number {
	return Number(value.toPrecision(12));
}

export function fillOf(orderEvents: readonly OrderEvent[] | undefined, receivedTime?: string): OrderFill {
	let size = 0;
	let notional = 0;
	for (const event of orderEvents ?? []) {
		if (event.type !== 'EXECUTION') continue;
		const amount = toNumber(event.amount);
		const price = toNumber(event.price);
		if (amount === undefined || price === undefined) continue;
		size += amount;
		notional += amount * price;
	}
	if (size === 0) return { filledSize: 0, fillPrice: null, fillTime: null };
	return {
		filledSize: tidy(size),
		fillPrice: tidy(notional / size),
		fillTime: receivedTime ?? new Date().toISOString(),
	};
}
