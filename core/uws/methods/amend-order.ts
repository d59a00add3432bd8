import { KrakenValidationError } from '../../errors';
import { decimalPlaces } from '../../numbers';
import type { DeviationUnit, EditOrderRequest } from '../../rest/types';
import { DERIVATIVES } from './wire';

/**
 * Legacy `editorder` → UWS `amend_order` (reference §3.4.2). The order keeps its ids and, where
 * Kraken can, its queue priority.
 */

const PRICE_TYPE: Readonly<Record<DeviationUnit, string>> = { PERCENT: 'pct', QUOTE_CURRENCY: 'quote' };

/** Adds two decimals without binary noise (0.1 + 0.2 gives 0.3). */
function addExact(a: number, b: number): number {
	return Number((a + b).toFixed(Math.min(100, Math.max(decimalPlaces(a), decimalPlaces(b)))));
}

/**
 * UWS `order_qty` is the order's whole quantity, fills included (an amend below the filled part
 * cancels the rest). Legacy `editorder` defaults to `qtyMode` RELATIVE, where `size` is the open
 * part, so the filled quantity is added back; without it the edit is refused rather than guessed.
 */
function orderQtyOf(edit: EditOrderRequest, filledQty: number | undefined): number | undefined {
	if (edit.size === undefined) return undefined;
	if (edit.qtyMode === 'ABSOLUTE') return edit.size;
	if (filledQty === undefined) {
		throw new KrakenValidationError(
			'qtyMode',
			"a RELATIVE size (the legacy default) needs the order's filled quantity, and the order is not among the open orders known from the executions channel; give qtyMode ABSOLUTE (size including fills)",
		);
	}
	return addExact(edit.size, filledQty);
}

function triggerOf(
	edit: EditOrderRequest,
): { trigger_price: number; trigger_price_type: string } | undefined {
	const trailing = edit.trailingStopMaxDeviation !== undefined;
	if (trailing && edit.stopPrice !== undefined) {
		throw new KrakenValidationError(
			'stopPrice',
			'give stopPrice or trailingStopMaxDeviation, not both: amend_order has one trigger price',
		);
	}
	if (edit.stopPrice !== undefined) return { trigger_price: edit.stopPrice, trigger_price_type: 'static' };
	if (trailing) {
		const unit = edit.trailingStopDeviationUnit as DeviationUnit;
		return { trigger_price: edit.trailingStopMaxDeviation as number, trigger_price_type: PRICE_TYPE[unit] };
	}
	return undefined;
}

/**
 * `amend_order` params for an edit that passed the transport-neutral shape checks. `filledQty` is
 * the order's filled quantity as the executions channel last reported it.
 */
export function toAmendOrderParams(edit: EditOrderRequest, filledQty?: number): Record<string, unknown> {
	const changes: Record<string, unknown> = {};
	const orderQty = orderQtyOf(edit, filledQty);
	if (orderQty !== undefined) changes.order_qty = orderQty;
	if (edit.limitPrice !== undefined) changes.limit_price = edit.limitPrice;
	Object.assign(changes, triggerOf(edit));
	if (Object.keys(changes).length === 0) {
		throw new KrakenValidationError(
			'size',
			'nothing to change: give size, limitPrice, stopPrice or a trailing deviation',
		);
	}
	const id =
		edit.orderId !== undefined && edit.orderId !== ''
			? { order_id: edit.orderId }
			: { cl_ord_id: edit.cliOrdId };
	const deadline =
		edit.processBefore === undefined ? {} : { deadline: new Date(edit.processBefore).toISOString() };
	return { asset_class: DERIVATIVES, ...id, ...changes, ...deadline };
}
