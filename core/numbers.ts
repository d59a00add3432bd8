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

/** Number of decimal places needed to write `value` exactly (for grids such as tickSize 0.0001). */
export function decimalPlaces(value: number): number {
	if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
	const text = value.toExponential();
	const [mantissa, exponent] = text.split('e');
	const fraction = (mantissa.split('.')[1] ?? '').length;
	return Math.max(0, fraction - Number(exponent));
}
