import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaperExchangeServer } from '../../../paper/server';

/** A fresh folder for one spec's state files, removed by the returned function. */
export function scratchFolder(prefix: string): { folder: string; remove: () => void } {
	const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
	return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export function balancesOf(server: PaperExchangeServer, accountId: string): Record<string, number> {
	const accounts = server.exchange.getAccounts(accountId).accounts as Record<
		string,
		{ currencies?: Record<string, { quantity: number }>; balances?: Record<string, number> }
	>;
	const balances: Record<string, number> = {};
	for (const [name, account] of Object.entries(accounts)) {
		for (const [currency, entry] of Object.entries(account.currencies ?? {}))
			balances[`${name}.${currency}`] = entry.quantity;
		for (const [currency, amount] of Object.entries(account.balances ?? {}))
			balances[`${name}.${currency}`] = amount;
	}
	return balances;
}

/** What a paper account owns, as its REST answers show it (times and prices included). */
export function ownedBy(
	server: PaperExchangeServer,
	accountId = server.keys[0].accountId,
): Record<string, unknown> {
	const { exchange } = server;
	return {
		positions: exchange.getOpenPositions(accountId).openPositions,
		openOrders: exchange.getOpenOrders(accountId).openOrders,
		fills: exchange.getFills(accountId, {}).fills,
		// Balances as owned; margin figures follow the (fresh) market and are left out.
		balances: balancesOf(server, accountId),
		log: exchange.getAccountLog(accountId, { count: '10000' }).logs,
		leverage: exchange.getLeveragePreferences(accountId, {}).leveragePreferences,
	};
}
