import { BALANCE_FIELD as F, CASH_WALLET_TYPE } from '../unverified';
import { isRecord, readNumber, readText, type WireRecord } from './read-fields';

/**
 * `balances` (reference §3.3) → the legacy `cash` account (`cashAccount`, balances by lower-case
 * asset). The snapshot lists every asset with the wallets holding it; updates are ledger
 * transactions carrying a wallet's new balance. Spot wallets make up `cash`; the derivatives
 * wallets' figures come from the `margin` channel. Every asset item is kept in `raw`.
 */

export class BalanceState {
	readonly #cash = new Map<string, number>();
	readonly #assets = new Map<string, WireRecord>();
	#snapshotSeen = false;

	get ready(): boolean {
		return this.#snapshotSeen;
	}

	apply(type: string | undefined, data: readonly unknown[]): void {
		if (type === 'snapshot') {
			this.#cash.clear();
			this.#assets.clear();
			this.#snapshotSeen = true;
		}
		for (const item of data.filter(isRecord)) {
			const asset = readText(item, F.asset);
			if (asset === undefined) continue;
			if (type === 'snapshot') this.#applySnapshotItem(asset, item);
			else this.#applyTransaction(asset, item);
		}
	}

	#applySnapshotItem(asset: string, item: WireRecord): void {
		this.#assets.set(asset, item);
		const wallets = item[F.wallets.name];
		if (!Array.isArray(wallets)) return;
		for (const wallet of wallets.filter(isRecord)) {
			if (readText(wallet, F.walletType) !== CASH_WALLET_TYPE.name) continue;
			this.#cash.set(asset.toLowerCase(), readNumber(wallet, F.balance) ?? 0);
		}
	}

	#applyTransaction(asset: string, item: WireRecord): void {
		const balance = readNumber(item, F.balance);
		if (readText(item, F.updateWalletType) === CASH_WALLET_TYPE.name && balance !== undefined) {
			this.#cash.set(asset.toLowerCase(), balance);
		}
	}

	/** The legacy `cash` account. */
	cashAccount(): { type: 'cashAccount'; balances: Record<string, number>; raw: WireRecord[] } {
		return { type: 'cashAccount', balances: Object.fromEntries(this.#cash), raw: [...this.#assets.values()] };
	}

	reset(): void {
		this.#cash.clear();
		this.#assets.clear();
		this.#snapshotSeen = false;
	}
}
