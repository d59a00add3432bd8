import { KrakenValidationError } from '../../errors';
import { CL_ORD_ID_FREE_TEXT_MAX } from '../unverified';

const LONG_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[0-9a-f]{32}$/i;

/**
 * A `cl_ord_id` is a UUID (with or without dashes) or short free text; legacy `cliOrdId` allowed up
 * to 100 characters, so a longer legacy id is refused here rather than by the exchange.
 */
export function checkClOrdId(field: string, value: string): void {
	if (value.length <= CL_ORD_ID_FREE_TEXT_MAX || LONG_UUID.test(value) || SHORT_UUID.test(value)) return;
	throw new KrakenValidationError(
		field,
		`on Kraken's Unified WebSocket a client order id is a UUID or at most ${CL_ORD_ID_FREE_TEXT_MAX} characters of text, got ${value.length} characters`,
	);
}
