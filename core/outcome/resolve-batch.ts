import { KrakenError, KrakenOrderRejectedError, KrakenOrderOutcomeUnknownError } from '../errors';
import { orderIdOf } from './find-order';
import {
	type OutcomeContext,
	resolveCancelOutcome,
	resolveEditOutcome,
	resolveSendOutcome,
	unknownOutcome,
} from './resolve';

type Element = Record<string, unknown>;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function numeric(value: unknown): number | undefined {
	return typeof value === 'number' ? value : undefined;
}

/** One element's status as Kraken's batchStatus would have given it. */
async function resolveElement(context: OutcomeContext, element: Element, cause: unknown): Promise<Element> {
	const tag = element.order_tag === undefined ? {} : { order_tag: element.order_tag };
	const orderId = text(element.order_id);
	const cliOrdId = text(element.cliOrdId);
	switch (element.order) {
		case 'send': {
			try {
				const found = await resolveSendOutcome(context, cliOrdId ?? '', cause);
				return { status: 'placed', ...tag, order_id: orderIdOf(found.entry), cliOrdId, orderEvents: [] };
			} catch (error) {
				if (error instanceof KrakenOrderRejectedError) return { status: error.status, ...tag, cliOrdId };
				throw error;
			}
		}
		case 'edit': {
			const found = await resolveEditOutcome(
				context,
				{
					...(orderId !== undefined ? { orderId } : { cliOrdId }),
					size: numeric(element.size),
					limitPrice: numeric(element.limitPrice),
					stopPrice: numeric(element.stopPrice),
					qtyMode: element.qtyMode as 'ABSOLUTE' | 'RELATIVE' | undefined,
				},
				cause,
			);
			return { status: 'edited', order_id: orderIdOf(found.entry), orderEvents: [] };
		}
		default: {
			const ref = orderId !== undefined ? { orderId } : { cliOrdId };
			try {
				const found = await resolveCancelOutcome(context, ref, cause);
				return { status: 'cancelled', order_id: orderIdOf(found.entry), orderEvents: [] };
			} catch (error) {
				if (error instanceof KrakenOrderRejectedError) return { status: error.status, order_id: orderId };
				throw error;
			}
		}
	}
}

/**
 * After a batch without a clear answer: each element looked up in turn, all within one deadline.
 * Resolves to the batchStatus the exchange would have sent when every element is confirmed (done,
 * or refused by the exchange); otherwise the whole batch's outcome is unknown, and the error says
 * what is known of each element.
 */
export async function resolveBatchOutcome(
	context: OutcomeContext,
	elements: readonly Element[],
	cause: unknown,
): Promise<Element[]> {
	const deadline = Date.now() + context.timeoutMs;
	const statuses: Element[] = [];
	const unknown: number[] = [];
	for (const [index, element] of elements.entries()) {
		const remaining = Math.max(1, deadline - Date.now());
		try {
			statuses.push(await resolveElement({ ...context, timeoutMs: remaining }, element, cause));
		} catch (error) {
			// An element shown not done while others may be done is still no clear batch answer.
			if (!(error instanceof KrakenError)) throw error;
			unknown.push(index);
			statuses.push({ status: error instanceof KrakenOrderOutcomeUnknownError ? 'unknown' : 'not done' });
		}
	}
	if (unknown.length > 0) {
		const summary = statuses.map((status, index) => `${index} ${String(status.status)}`).join(', ');
		throw unknownOutcome('batch', `the batch (elements: ${summary})`, cause);
	}
	return statuses;
}
