import { KrakenUnavailableError } from '../errors';
import { CANCELLING, isOrderMethod, PLACING } from './order-methods';
import { STATUS_FIELD } from './unverified';

/**
 * The `status` channel: Kraken pushes it on every connect and whenever the trading engine
 * changes mode. `online`, `cancel_only`, `post_only` and `maintenance` are documented; any other
 * value is kept and does not block anything (the client does not guess what it means).
 */
export type UwsSystemState = 'online' | 'cancel_only' | 'post_only' | 'maintenance' | (string & {});

export interface UwsStatus {
	system: UwsSystemState;
	apiVersion?: string;
	/** A 64-bit id "for debugging"; it may exceed 2^53, so it is not to be relied on. */
	connectionId?: number | string;
	version?: string;
	upcomingMaintenance?: unknown[];
	emergency?: unknown[];
	receivedAt: number;
	raw: Record<string, unknown>;
}

export function parseStatus(item: unknown, receivedAt: number): UwsStatus | undefined {
	if (item === null || typeof item !== 'object') return undefined;
	const raw = item as Record<string, unknown>;
	const system = raw[STATUS_FIELD.system.name];
	if (typeof system !== 'string') return undefined;
	const status: UwsStatus = { system, receivedAt, raw };
	const apiVersion = raw[STATUS_FIELD.apiVersion.name];
	const connectionId = raw[STATUS_FIELD.connectionId.name];
	const version = raw[STATUS_FIELD.version.name];
	const upcoming = raw[STATUS_FIELD.upcomingMaintenance.name];
	const emergency = raw[STATUS_FIELD.emergency.name];
	if (typeof apiVersion === 'string') status.apiVersion = apiVersion;
	if (typeof connectionId === 'number' || typeof connectionId === 'string')
		status.connectionId = connectionId;
	if (typeof version === 'string') status.version = version;
	if (Array.isArray(upcoming)) status.upcomingMaintenance = upcoming;
	if (Array.isArray(emergency)) status.emergency = emergency;
	return status;
}

function isPostOnlyLimit(order: unknown): boolean {
	const fields = order as { order_type?: unknown; post_only?: unknown } | null;
	return fields?.order_type === 'limit' && fields.post_only === true;
}

/** Whether a post-only market accepts the call: only post-only limit orders, and cancels. */
function allowedWhenPostOnly(method: string, params: Record<string, unknown>): boolean {
	if (CANCELLING.has(method)) return true;
	if (method === 'add_order') return isPostOnlyLimit(params);
	if (method === 'batch_add') return Array.isArray(params.orders) && params.orders.every(isPostOnlyLimit);
	if (method === 'amend_order') return params.post_only === true;
	return false;
}

export interface OrderCallVerdict {
	readonly allowed: boolean;
	/** Why not, in words a user can act on. */
	readonly reason?: string;
}

/** The verdict for every call the mode lets through: one object, since every order asks. */
const ALLOWED: OrderCallVerdict = Object.freeze({ allowed: true });

/**
 * Whether the engine's current mode lets this call through. No status yet (or an unknown one)
 * allows everything: Kraken has the last word, the client only saves a round trip it knows is futile.
 */
export function orderCallVerdict(
	status: UwsStatus | undefined,
	method: string,
	params: Record<string, unknown>,
): OrderCallVerdict {
	if (!status || status.system === 'online' || !isOrderMethod(method)) return ALLOWED;
	switch (status.system) {
		case 'maintenance':
			return {
				allowed: false,
				reason: 'Kraken is in maintenance: orders can be neither placed, changed nor cancelled',
			};
		case 'cancel_only':
			return PLACING.has(method)
				? {
						allowed: false,
						reason: 'Kraken is in cancel_only mode: orders can be cancelled but not placed or amended',
					}
				: ALLOWED;
		case 'post_only':
			return allowedWhenPostOnly(method, params)
				? ALLOWED
				: {
						allowed: false,
						reason:
							'Kraken is in post_only mode: only limit orders with post_only set, and cancels, are accepted',
					};
		default:
			return ALLOWED;
	}
}

/** The error for a call the engine mode forbids; nothing was sent. */
export function forbiddenByStatusError(
	method: string,
	verdict: OrderCallVerdict,
	system: string,
): KrakenUnavailableError {
	return new KrakenUnavailableError(
		`${method} was not sent: ${verdict.reason ?? `Kraken status is ${system}`}`,
		{
			endpoint: method,
			krakenError: system,
		},
	);
}
