import { KrakenUnavailableError } from '../../errors';

/**
 * What the `status` channel's `system` value allows (reference §1.6): `cancel_only` takes no new
 * or changed orders, `post_only` only post-only limit orders, `maintenance` nothing at all.
 * An order call the state forbids is refused here, before anything is sent.
 */

export type TradingSystemStatus = 'online' | 'cancel_only' | 'post_only' | 'maintenance' | (string & {});

/** `place` is a new order; `postOnlyPlace` a new post-only limit order; `amend` changes one; `cancel` removes orders (cancels and the dead man's switch). */
export type OrderCallKind = 'place' | 'postOnlyPlace' | 'amend' | 'cancel';

const ALLOWED: Readonly<Record<string, readonly OrderCallKind[]>> = {
	online: ['place', 'postOnlyPlace', 'amend', 'cancel'],
	post_only: ['postOnlyPlace', 'amend', 'cancel'],
	cancel_only: ['cancel'],
	maintenance: [],
};

const MEANING: Readonly<Record<string, string>> = {
	post_only: 'only post-only limit orders can be placed',
	cancel_only: 'orders can be cancelled but not placed or changed',
	maintenance: 'markets are offline for maintenance: orders can be neither placed nor cancelled',
};

/**
 * Throws a retryable `KrakenUnavailableError` when the exchange's last reported status forbids
 * this kind of call. An unknown status lets the call through: Kraken decides.
 */
export function assertStatusAllows(
	status: TradingSystemStatus | undefined,
	kind: OrderCallKind,
	action: string,
): void {
	if (status === undefined || !Object.hasOwn(ALLOWED, status)) return;
	if (ALLOWED[status].includes(kind)) return;
	throw new KrakenUnavailableError(
		`${action} refused before sending: Kraken reports the trading engine as ${status} (${MEANING[status]})`,
		{ krakenError: status },
	);
}
