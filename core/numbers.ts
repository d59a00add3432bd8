/** Decimal notation only: `Number()` would also read "0x10", "0b1" and "0o7" as numbers. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Kraken sends most numbers as JSON numbers but some (history events, batch/cancel order events,
 * chart candles, account balances) as decimal strings such as "0E-11". Parse both; text that is
 * not a finite decimal number is undefined.
 */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (!DECIMAL.test(text)) return undefined;
		const parsed = Number(text);
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

/** 10^d for d = 0..15, written out: exact, where `10 ** d` need not be. */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** 10^decimals exactly, for 0 to 15 decimals; undefined beyond. */
export function powerOfTen(decimals: number): number | undefined {
	return POWERS_OF_TEN[decimals];
}

/**
 * `n / 10^decimals` for the integer n nearest to `value × 10^decimals`: the double a decimal with
 * that many places parses to (division of two exact integers rounds correctly). Undefined when n
 * would not be an exact integer.
 */
export function roundToDecimals(value: number, decimals: number): number | undefined {
	const scale = POWERS_OF_TEN[decimals];
	if (scale === undefined) return undefined;
	const scaled = Math.round(value * scale);
	return Math.abs(scaled) < Number.MAX_SAFE_INTEGER ? scaled / scale : undefined;
}

/** Number of decimal places needed to write `value` exactly (for grids such as tickSize 0.0001). */
export function decimalPlaces(value: number): number {
	if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
	// Order checks call this on every order: the fewest places that give `value` back, found
	// without building strings, and by its shortest decimal form where that does not settle it.
	for (let decimals = 1; decimals < POWERS_OF_TEN.length; decimals++) {
		const rounded = roundToDecimals(value, decimals);
		if (rounded === undefined) break;
		if (rounded === value) return decimals;
	}
	const text = value.toExponential();
	const [mantissa, exponent] = text.split('e');
	const fraction = (mantissa.split('.')[1] ?? '').length;
	return Math.max(0, fraction - Number(exponent));
}
