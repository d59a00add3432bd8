import type { InstrumentSpec } from '../instruments';
import { PaperApiError } from './errors';
import type { Fields } from './order-params';
import { number, required, text } from './order-params';
import type { Account } from './types';

type Json = Record<string, unknown>;

const PNL_CURRENCIES = ['USD', 'EUR', 'GBP', 'USDC', 'USDT', 'XBT', 'BTC', 'ETH'];

/** Leverage and PnL preferences apply to multi-collateral contracts only (error codes 87/88 in §3.0). */
function flexContract(
	fields: Fields,
	lookup: (symbol: string) => InstrumentSpec | undefined,
): InstrumentSpec {
	const symbol = required(fields, 'symbol');
	const spec = lookup(symbol);
	if (!spec)
		throw new PaperApiError('contractNotFound', 200, {
			errors: [{ code: 87, message: 'Contract does not exist' }],
		});
	if (spec.family !== 'linear')
		throw new PaperApiError('invalidArgument', 200, {
			errors: [{ code: 88, message: 'Contract is not a multi-collateral contract' }],
		});
	return spec;
}

export function leveragePreferences(account: Account, fields: Fields): Json {
	const only = text(fields, 'symbol')?.toUpperCase();
	const leveragePreferences = [...account.leverage.entries()]
		.filter(([symbol]) => only === undefined || symbol === only)
		.map(([symbol, maxLeverage]) => ({ symbol, maxLeverage }));
	return { leveragePreferences };
}

/** PUT leveragepreferences: `maxLeverage` sets isolated leverage; leaving it out returns to cross margin. */
export function setLeverage(
	account: Account,
	fields: Fields,
	lookup: (symbol: string) => InstrumentSpec | undefined,
): Json {
	const spec = flexContract(fields, lookup);
	const value = number(text(fields, 'maxLeverage'));
	if (value === null) {
		account.leverage.delete(spec.symbol);
		return {};
	}
	const ceiling = 1 / spec.marginLevels[0].initialMargin;
	if (!Number.isFinite(value) || value < 1 || value > ceiling) throw new PaperApiError('invalidArgument');
	account.leverage.set(spec.symbol, value);
	return {};
}

export function pnlPreferences(account: Account): Json {
	return {
		preferences: [...account.pnlPreference.entries()].map(([symbol, pnlCurrency]) => ({
			symbol,
			pnlCurrency,
		})),
	};
}

export function setPnlPreference(
	account: Account,
	fields: Fields,
	lookup: (symbol: string) => InstrumentSpec | undefined,
): Json {
	const spec = flexContract(fields, lookup);
	const currency = required(fields, 'pnlPreference').toUpperCase();
	if (!PNL_CURRENCIES.includes(currency))
		throw new PaperApiError('invalidArgument', 200, {
			errors: [{ code: 89, message: 'Currency does not exist' }],
		});
	account.pnlPreference.set(spec.symbol, currency);
	return {};
}
