import type { PaperExchange } from '../exchange';
import type { ControlDependencies, PaperStatus } from '../http/control';
import type { PaperStateStore } from './store';

/**
 * Reset and status of the paper accounts. A reset with `requestedAt` happens once: not again while
 * the last reset is as recent, so every process may pass on the same request without repeating it.
 */
export function accountControl(
	exchange: PaperExchange,
	reopenAccounts: () => void,
	store: PaperStateStore | undefined,
): Pick<ControlDependencies, 'status' | 'reset'> {
	let lastResetAt = store?.lastResetAt ?? null;
	return {
		status: (): PaperStatus => ({
			statePath: store?.path ?? null,
			pid: process.pid,
			startingCollateralUsd: exchange.startingCollateralUsd,
			lastResetAt,
		}),
		async reset(startingCollateralUsd, requestedAt) {
			const requested = requestedAt === undefined ? undefined : Date.parse(requestedAt);
			if (requested !== undefined && lastResetAt !== null && requested <= Date.parse(lastResetAt))
				return false;
			exchange.resetAccounts(startingCollateralUsd);
			reopenAccounts();
			lastResetAt = new Date(Math.max(Date.now(), requested ?? 0)).toISOString();
			store?.markReset(lastResetAt);
			await store?.save();
			return true;
		},
	};
}
