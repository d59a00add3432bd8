import { mergeInput, type RawInput } from './input';
import { EDIT_ORDER_FIELDS, SEND_ORDER_FIELDS } from './order-input';

/*
 * How a msg.payload object combines with a node's form, in one place (documented in the node help and
 * the README as "the payload rule"):
 *
 * 1. A payload property always wins over the form's value for the same field.
 * 2. A payload that names `orderType` or `action` is an order of its own: the form's price and trigger
 *    fields (limit price, stop price, trigger signal, trailing stop and limit price offset) do not apply.
 *    The form still supplies the account, the safety limits, and symbol, side, size, order type,
 *    reduce-only and client order id where the payload leaves them out.
 * 3. An edit changes only what the payload names: when the payload names an edit field or `action`,
 *    the form's size, prices and quantity mode do not apply; the form's order id applies only when
 *    the payload names neither `orderId` nor `cliOrdId`. A payload that names none of them (an inject's
 *    `{}`, a timestamp) leaves the form's edit as it is.
 * 4. An order is identified by one id: a payload `order_id`/`orderId` or `cliOrdId` replaces both of
 *    the form's ids.
 */

/** Fields that say what the order is; the form fills them in whenever the payload leaves them out. */
const ORDER_BASICS = ['symbol', 'side', 'size', 'orderType', 'reduceOnly', 'processBefore', 'cliOrdId'];

function payloadObject(payload: unknown): RawInput | undefined {
	return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
		? (payload as RawInput)
		: undefined;
}

function names(payload: RawInput | undefined, field: string): boolean {
	return (
		payload !== undefined &&
		Object.prototype.hasOwnProperty.call(payload, field) &&
		payload[field] !== undefined
	);
}

/** The form without the fields the payload rule keeps out of this message. */
function formFor(form: RawInput, dropped: readonly string[]): RawInput {
	const kept: RawInput = { ...form };
	for (const field of dropped) delete kept[field];
	return kept;
}

/** Rule 4: one id per order, and the payload's id wins over the form's. */
function identityFromPayload(
	form: RawInput,
	payload: RawInput | undefined,
	ids: readonly string[],
): RawInput {
	return ids.some((id) => names(payload, id)) ? formFor(form, ids) : form;
}

/** The values a sendorder is built from: form and payload combined by the payload rule. */
export function sendOrderInput(form: RawInput, payload: unknown): RawInput {
	const overrides = payloadObject(payload);
	const standsAlone = names(overrides, 'orderType') || names(overrides, 'action');
	const priceFields = SEND_ORDER_FIELDS.filter((field) => !ORDER_BASICS.includes(field));
	const base = standsAlone ? formFor(form, priceFields) : form;
	return mergeInput(base, overrides, SEND_ORDER_FIELDS);
}

/** The values an editorder is built from: only what the payload names is changed. */
export function editOrderInput(form: RawInput, payload: unknown): RawInput {
	const overrides = payloadObject(payload);
	const namesEdit = ['action', ...EDIT_ORDER_FIELDS].some((field) => names(overrides, field));
	if (!namesEdit) return mergeInput(form, payload, EDIT_ORDER_FIELDS);
	const ids = ['orderId', 'cliOrdId'];
	const identity = identityFromPayload(form, overrides, ids);
	const base: RawInput = {};
	for (const id of ids) if (identity[id] !== undefined) base[id] = identity[id];
	return mergeInput(base, overrides, EDIT_ORDER_FIELDS);
}

/** The values a cancel is built from: a payload order id or cliOrdId replaces the form's. */
export function cancelInput(form: RawInput, payload: unknown, fields: readonly string[]): RawInput {
	const overrides = payloadObject(payload);
	return mergeInput(identityFromPayload(form, overrides, ['order_id', 'cliOrdId']), overrides, fields);
}
