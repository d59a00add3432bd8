import { EventEmitter } from 'node:events';

/** Decoded query/form fields; a repeated key becomes a string array. */
export type Params = Record<string, string | string[]>;
/** A Kraken response body without `result` and `serverTime` (the server adds those). */
export type Payload = Record<string, unknown>;

/** A top-level Kraken error (`{"result":"error","error":krakenError}`). */
export class PaperApiError extends Error {
	constructor(
		readonly krakenError: string,
		readonly httpStatus = 200,
		readonly extra?: Payload,
	) {
		super(krakenError);
		this.name = 'PaperApiError';
	}
}

export interface PaperExchangeOptions {
	seed?: number;
	now?: () => number;
	startingCollateralUsd?: number;
}

function notYet(): never {
	throw new PaperApiError('Server Error', 500);
}

export class PaperExchange extends EventEmitter {
	constructor(readonly options: PaperExchangeOptions = {}) {
		super();
	}
	ensureAccount(_accountId: string): void {}
	getInstruments(): Payload {
		return notYet();
	}
	getInstrumentStatus(_symbol?: string): Payload {
		return notYet();
	}
	getTickers(_symbol?: string): Payload {
		return notYet();
	}
	getOrderBook(_symbol: string): Payload {
		return notYet();
	}
	getTradeHistory(_params: Params): Payload {
		return notYet();
	}
	getHistoricalFundingRates(_params: Params): Payload {
		return notYet();
	}
	sendOrder(_a: string, _p: Params): Payload {
		return notYet();
	}
	editOrder(_a: string, _p: Params): Payload {
		return notYet();
	}
	cancelOrder(_a: string, _p: Params): Payload {
		return notYet();
	}
	cancelAllOrders(_a: string, _p: Params): Payload {
		return notYet();
	}
	cancelAllOrdersAfter(_a: string, _p: Params): Payload {
		return notYet();
	}
	batchOrder(_a: string, _p: Params): Payload {
		return notYet();
	}
	getOpenOrders(_a: string): Payload {
		return notYet();
	}
	getOrderStatus(_a: string, _p: Params): Payload {
		return notYet();
	}
	getOpenPositions(_a: string): Payload {
		return notYet();
	}
	getFills(_a: string, _p: Params): Payload {
		return notYet();
	}
	getAccounts(_a: string): Payload {
		return notYet();
	}
	getLeveragePreferences(_a: string, _p: Params): Payload {
		return notYet();
	}
	setLeveragePreference(_a: string, _p: Params): Payload {
		return notYet();
	}
	getPnlPreferences(_a: string): Payload {
		return notYet();
	}
	setPnlPreference(_a: string, _p: Params): Payload {
		return notYet();
	}
	getAccountLog(_a: string, _p: Params): Payload {
		return notYet();
	}
	getExecutionHistory(_a: string, _p: Params): Payload {
		return notYet();
	}
	getOrderHistory(_a: string, _p: Params): Payload {
		return notYet();
	}
	wsTicker(_symbol: string): Payload {
		return notYet();
	}
	wsTickerLite(_symbol: string): Payload {
		return notYet();
	}
	wsBookSnapshot(_symbol: string): Payload {
		return notYet();
	}
	wsTradeSnapshot(_symbol: string): Payload {
		return notYet();
	}
	wsFillsSnapshot(_a: string): Payload {
		return notYet();
	}
	wsOpenOrdersSnapshot(_a: string): Payload {
		return notYet();
	}
	wsOpenPositions(_a: string): Payload {
		return notYet();
	}
	wsBalancesSnapshot(_a: string): Payload {
		return notYet();
	}
	wsAccountLogSnapshot(_a: string): Payload {
		return notYet();
	}
	wsNotifications(): Payload {
		return notYet();
	}
	isKnownSymbol(_symbol: string): boolean {
		return false;
	}
	isTradeable(_symbol: string): boolean {
		return false;
	}
	advanceTime(_ms: number): void {}
	startClock(_options?: { tickMs?: number; speed?: number }): void {}
	stopClock(): void {}
	reset(): void {}
	rejectNextOrder(_status: string): void {}
}
