import { marginAccountOf } from '../instruments';
import type { MarketLookup, WalletSummary } from './margin';
import { summarizeWallet } from './margin';
import type { Account } from './types';

type Json = Record<string, unknown>;

/** The coin wallets' base in upper case (`fi_xbtusd` → `XBT`). */
function walletBase(key: string): string {
	return key.slice(3, -3).toUpperCase();
}

function decimal(value: number): string {
	return value.toFixed(8);
}

function flexPayload(flex: WalletSummary): Json {
	const usd = flex.balance;
	return {
		type: 'multiCollateralMarginAccount',
		currencies: {
			USD: {
				quantity: usd,
				value: usd,
				collateral: usd,
				available: Math.max(0, Math.min(usd, flex.available)),
			},
		},
		initialMargin: flex.initialMargin,
		initialMarginWithOrders: flex.initialMarginWithOrders,
		maintenanceMargin: flex.maintenanceMargin,
		balanceValue: usd,
		portfolioValue: flex.portfolioValue,
		collateralValue: usd,
		pnl: flex.pnl,
		unrealizedFunding: flex.unrealizedFunding,
		totalUnrealized: flex.pnl + flex.unrealizedFunding,
		totalUnrealizedAsMargin: flex.pnl + flex.unrealizedFunding,
		availableMargin: flex.available,
		marginEquity: flex.portfolioValue,
	};
}

function coinWalletPayload(account: Account, summary: WalletSummary, lookup: MarketLookup): Json {
	const coin = walletBase(summary.key).toLowerCase();
	const balances: Json = { [coin]: summary.balance };
	let index = 0;
	for (const position of account.positions.values()) {
		const market = lookup(position.symbol);
		if (marginAccountOf(market.spec) !== summary.key) continue;
		balances[position.symbol] = position.size;
		index = market.indexPrice;
	}
	if (index === 0) index = lookup(`PI_${walletBase(summary.key)}USD`).indexPrice;
	const requirements = {
		im: summary.initialMarginWithOrders,
		mm: summary.maintenanceMargin,
		lt: summary.maintenanceMargin * 0.8,
		tt: summary.maintenanceMargin * 0.5,
	};
	return {
		type: 'marginAccount',
		currency: coin,
		balances,
		auxiliary: {
			usd: summary.portfolioValue * index,
			pv: summary.portfolioValue,
			pnl: summary.pnl,
			af: summary.available,
			funding: summary.unrealizedFunding,
		},
		marginRequirements: requirements,
		triggerEstimates: { im: 0, mm: 0, lt: 0, tt: 0 },
	};
}

export function accountsPayload(account: Account, lookup: MarketLookup): Json {
	const accounts: Json = {
		cash: {
			type: 'cashAccount',
			balances: Object.fromEntries(
				Object.entries(account.cash).map(([coin, value]) => [coin, decimal(value)]),
			),
		},
	};
	for (const key of Object.keys(account.coinWallets)) {
		accounts[key] = coinWalletPayload(account, summarizeWallet(account, key, lookup), lookup);
	}
	accounts.flex = flexPayload(summarizeWallet(account, 'flex', lookup));
	return { accounts };
}

/** WS `balances_snapshot` body without `feed` (§2.12). */
export function wsBalances(account: Account, lookup: MarketLookup, now: number): Json {
	const flex = summarizeWallet(account, 'flex', lookup);
	const futures: Json = {};
	for (const key of Object.keys(account.coinWallets)) {
		const summary = summarizeWallet(account, key, lookup);
		const base = walletBase(key);
		futures[`F-${base}:USD`] = {
			name: key,
			pair: `${base}/USD`,
			unit: base,
			portfolio_value: summary.portfolioValue,
			balance: summary.balance,
			maintenance_margin: summary.maintenanceMargin,
			initial_margin: summary.initialMarginWithOrders,
			available: summary.available,
			unrealized_funding: summary.unrealizedFunding,
			pnl: summary.pnl,
			cash_value: summary.balance,
		};
	}
	account.balanceSeq += 1;
	return {
		account: account.id,
		seq: account.balanceSeq,
		timestamp: now,
		holding: { ...account.cash },
		futures,
		flex_futures: {
			currencies: {
				USD: {
					quantity: flex.balance,
					value: flex.balance,
					collateral_value: flex.balance,
					available: flex.available,
					haircut: 0,
					conversion_spread: 0,
				},
			},
			balance_value: flex.balance,
			portfolio_value: flex.portfolioValue,
			collateral_value: flex.balance,
			initial_margin: flex.initialMarginWithOrders,
			initial_margin_without_orders: flex.initialMargin,
			maintenance_margin: flex.maintenanceMargin,
			pnl: flex.pnl,
			unrealized_funding: flex.unrealizedFunding,
			total_unrealized: flex.pnl + flex.unrealizedFunding,
			total_unrealized_as_margin: flex.pnl + flex.unrealizedFunding,
			margin_equity: flex.portfolioValue,
			available_margin: flex.available,
			isolated: {},
			cross: {
				balance_value: flex.balance,
				portfolio_value: flex.portfolioValue,
				initial_margin: flex.initialMarginWithOrders,
				maintenance_margin: flex.maintenanceMargin,
				available_margin: flex.available,
				effective_leverage: 0,
			},
		},
	};
}
