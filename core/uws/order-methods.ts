import type { OrderChangeAction } from '../errors';

/** The UWS methods that place or change orders, and the cancel family; everything else reads or subscribes. */
export const PLACING: ReadonlySet<string> = new Set(['add_order', 'batch_add', 'amend_order']);
export const CANCELLING: ReadonlySet<string> = new Set([
	'cancel_order',
	'cancel_all',
	'batch_cancel',
	'cancel_all_orders_after',
]);

export function isOrderMethod(method: string): boolean {
	return PLACING.has(method) || CANCELLING.has(method);
}

/** What each UWS order method is, in the words of the transport-neutral outcome error. */
const ACTION_OF: Readonly<Record<string, OrderChangeAction>> = {
	add_order: 'send',
	batch_add: 'batch',
	amend_order: 'edit',
	cancel_order: 'cancel',
	batch_cancel: 'cancelAll',
	cancel_all: 'cancelAll',
	cancel_all_orders_after: 'deadManSwitch',
};

/**
 * The action an order call takes, when its outcome matters: undefined for reads, subscriptions
 * and dry runs (`validate: true` places nothing, so a lost answer to it changes nothing).
 */
export function orderActionOf(
	method: string,
	params: Record<string, unknown>,
): OrderChangeAction | undefined {
	if (params.validate === true || !Object.hasOwn(ACTION_OF, method)) return undefined;
	return ACTION_OF[method];
}
