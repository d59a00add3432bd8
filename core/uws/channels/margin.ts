import { MARGIN_FIELD as F } from '../unverified';
import { isRecord, readNumber, readText, setDefined, type WireRecord } from './read-fields';

/**
 * `margin` (reference §3.3, addendum §4.2) → the legacy `accounts` entries: the multi-collateral
 * wallet as `flex` (`multiCollateralMarginAccount`) and each single-collateral wallet under its
 * name (`marginAccount`). Every message is the full state of its section, so it replaces the last.
 */

type Account = { type: string; raw: WireRecord; [field: string]: unknown };

function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renames that are not plain snake_case → camelCase: legacy WS v1 and REST disagree on them. */
const FLEX_RENAMES: Readonly<Record<string, string>> = {
	[F.initialMarginWithOrders.name]: 'initialMarginWithOrders',
	[F.initialMarginWithoutOrders.name]: 'initialMargin',
};

function camelKeys(record: WireRecord, renames: Readonly<Record<string, string>> = {}): WireRecord {
	const out: WireRecord = {};
	for (const [key, value] of Object.entries(record)) {
		out[Object.hasOwn(renames, key) ? renames[key] : camel(key)] = value;
	}
	return out;
}

/** The multi-collateral wallet in the legacy REST `flex` shape. */
export function toFlexAccount(data: WireRecord): Account {
	const account: Account = {
		...camelKeys(data, FLEX_RENAMES),
		type: 'multiCollateralMarginAccount',
		raw: data,
	};
	const currencies = data[F.currencies.name];
	if (isRecord(currencies)) {
		account.currencies = Object.fromEntries(
			Object.entries(currencies).map(([currency, entry]) => [
				currency,
				isRecord(entry) ? camelKeys(entry) : entry,
			]),
		);
	}
	return account;
}

/** One single-collateral wallet in the legacy REST `marginAccount` shape, keyed by its name. */
export function toSingleCollateralAccount(
	wallet: WireRecord,
): { name: string; account: Account } | undefined {
	const name = readText(wallet, F.walletName);
	if (name === undefined) return undefined;
	const unit = (readText(wallet, F.unit) ?? '').toLowerCase();
	const account: Account = { type: 'marginAccount', raw: wallet };
	if (unit !== '') {
		account.currency = unit;
		account.balances = { [unit]: readNumber(wallet, F.balance) ?? 0 };
	}
	const auxiliary: WireRecord = {};
	setDefined(auxiliary, 'pv', readNumber(wallet, F.portfolioValue));
	setDefined(auxiliary, 'pnl', readNumber(wallet, F.pnl));
	setDefined(auxiliary, 'af', readNumber(wallet, F.available));
	setDefined(auxiliary, 'funding', readNumber(wallet, F.unrealizedFunding));
	account.auxiliary = auxiliary;
	const requirements: WireRecord = {};
	setDefined(requirements, 'im', readNumber(wallet, F.initialMarginWithOrders));
	setDefined(requirements, 'mm', readNumber(wallet, F.maintenanceMargin));
	account.marginRequirements = requirements;
	return { name, account };
}

/** The wallets of a `single_collateral` element: a map of wallets (`{"F-XBT:USD": {...}}`) or one wallet. */
function singleWallets(element: WireRecord): WireRecord[] {
	if (readText(element, F.walletName) !== undefined) return [element];
	return Object.values(element).filter(isRecord);
}

/** The derivatives wallets as the `margin` channel last described them. */
export class MarginState {
	#flex: Account | undefined;
	#single: Map<string, Account> | undefined;

	/** At least one section has arrived. */
	get ready(): boolean {
		return this.#flex !== undefined || this.#single !== undefined;
	}

	/** Both sections have arrived. */
	get complete(): boolean {
		return this.#flex !== undefined && this.#single !== undefined;
	}

	apply(type: string | undefined, data: readonly unknown[]): void {
		const elements = data.filter(isRecord);
		if (type === F.multiCollateral.name && elements.length > 0) this.#flex = toFlexAccount(elements[0]);
		if (type === F.singleCollateral.name) {
			const single = new Map<string, Account>();
			for (const wallet of elements.flatMap(singleWallets)) {
				const parsed = toSingleCollateralAccount(wallet);
				if (parsed !== undefined) single.set(parsed.name, parsed.account);
			}
			this.#single = single;
		}
	}

	/** `flex` and the single-collateral wallets, as legacy `accounts` entries. */
	accounts(): Record<string, Account> {
		const accounts: Record<string, Account> = {};
		if (this.#flex !== undefined) accounts.flex = this.#flex;
		for (const [name, account] of this.#single ?? []) accounts[name] = account;
		return accounts;
	}

	reset(): void {
		this.#flex = undefined;
		this.#single = undefined;
	}
}
