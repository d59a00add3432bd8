import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { KrakenConfigError } from '../../../core';
import { resetPaperAccounts, type PaperControlTarget } from '../../../paper/http/control-client';

/** Reset requests this process has already passed on (the exchange applies each one once anyway). */
const passedOn = new Set<string>();

function startingBalance(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const amount = Number(value);
	if (!Number.isFinite(amount) || amount <= 0 || amount > 1e12) {
		throw new KrakenConfigError(
			`Paper Starting Balance must be a positive number of USD up to 1e12, got ${String(value).slice(0, 40)}`,
			{ field: 'paperStartingBalance' },
		);
	}
	return amount;
}

/**
 * Applies the credential's "Reset Paper Account At" once: the exchange resets its accounts when the time
 * is later than its last reset, so every process and every execution may pass the same request on.
 */
export async function applyPaperReset(
	data: ICredentialDataDecryptedObject,
	target: PaperControlTarget,
): Promise<void> {
	const requestedAt = typeof data.paperResetAt === 'string' ? data.paperResetAt.trim() : '';
	if (requestedAt === '') return;
	const time = Date.parse(requestedAt);
	if (Number.isNaN(time)) {
		throw new KrakenConfigError(
			`Reset Paper Account At must be a date and time, got ${requestedAt.slice(0, 40)}`,
			{
				field: 'paperResetAt',
			},
		);
	}
	const balance = startingBalance(data.paperStartingBalance);
	const key = `${target.restUrl} ${time} ${balance ?? ''}`;
	if (passedOn.has(key)) return;
	await resetPaperAccounts(target, {
		startingCollateralUsd: balance,
		requestedAt: new Date(time).toISOString(),
	});
	passedOn.add(key);
}
