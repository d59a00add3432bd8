import type { NodeAPI } from 'node-red';
import { fetchPaperStatus, resetPaperAccounts } from '../../../paper/http/control-client';
import { describePaperPlace, getPaperExchange } from '../../shared/paper-environment';

/** The largest starting balance the paper exchange accepts (USD). */
const MAX_BALANCE = 1e12;

/** A starting balance from the dialog, or an error naming the field; empty keeps the current amount. */
export function parseStartingBalance(value: unknown): number | undefined | { error: string } {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const amount = Number(text);
	if (!/^\d+(\.\d+)?$/.test(text) || !(amount > 0) || amount > MAX_BALANCE) {
		return {
			error: `startingBalance must be a positive decimal number of USD up to 1e12, got "${text.slice(0, 40)}"`,
		};
	}
	return amount;
}

/**
 * The config dialog's paper account section: where the install's paper account is kept, and a reset
 * to a starting balance. Both need write permission on config nodes: they start the paper exchange
 * when it is not running, and a reset throws away the paper positions, orders and fills of every flow.
 */
export function registerPaperAdminEndpoints(RED: NodeAPI): void {
	const userDir = (): string | undefined => RED.settings.userDir;
	RED.httpAdmin.get(
		'/kraken-futures-config/paper',
		RED.auth.needsPermission('kraken-futures-config.write'),
		(_req, res) => {
			getPaperExchange(userDir())
				.then(async (place) => ({ place, status: await fetchPaperStatus(place) }))
				.then(
					({ place, status }) =>
						res.json({
							ok: true,
							statePath: place.statePath,
							ownerPid: place.ownerPid,
							restUrl: place.restUrl,
							startingCollateralUsd: status.startingCollateralUsd,
							lastResetAt: status.lastResetAt,
							message: describePaperPlace(place),
						}),
					(error: unknown) => res.status(502).json({ ok: false, reason: (error as Error).message }),
				);
		},
	);
	RED.httpAdmin.post(
		'/kraken-futures-config/paper-reset',
		RED.auth.needsPermission('kraken-futures-config.write'),
		(req, res) => {
			const balance = parseStartingBalance(
				(req.body as Record<string, unknown> | undefined)?.startingBalance,
			);
			if (typeof balance === 'object') {
				res.status(400).json({ ok: false, reason: balance.error });
				return;
			}
			getPaperExchange(userDir())
				.then((place) => resetPaperAccounts(place, { startingCollateralUsd: balance }))
				.then(
					({ status }) =>
						res.json({
							ok: true,
							startingCollateralUsd: status.startingCollateralUsd,
							lastResetAt: status.lastResetAt,
							message: `Paper account reset to ${status.startingCollateralUsd} USD.`,
						}),
					(error: unknown) => res.status(502).json({ ok: false, reason: (error as Error).message }),
				);
		},
	);
}
