/**
 * Builds the `application/x-www-form-urlencoded` strings the client sends. The same string is
 * sent and signed, so this is the only place that encodes parameters: Kraken signs the encoded
 * form exactly as it appears on the wire (since 20 Feb 2024).
 */

export type FormValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** Writes a number without exponent notation (`1e-7` would be refused as a size or price). */
export function formatDecimal(value: number): string {
	const text = String(value);
	if (!/e/i.test(text)) return text;
	const [mantissa, exponentText] = text.toLowerCase().split('e');
	const exponent = Number(exponentText);
	const digits = (mantissa.split('.')[1] ?? '').length;
	if (exponent < 0) return value.toFixed(Math.min(100, digits - exponent));
	return BigInt(Math.round(value)).toString();
}

function encodeValue(value: string | number | boolean): string {
	const text = typeof value === 'number' ? formatDecimal(value) : String(value);
	return encodeURIComponent(text);
}

/**
 * Encodes parameters in the order given. `undefined` and `null` are left out; arrays become
 * repeated keys (`orderIds=a&orderIds=b`), which is what Kraken expects for lists.
 */
export function encodeForm(params: Readonly<Record<string, FormValue>>): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined || value === null) continue;
		const values = Array.isArray(value) ? value : [value as string | number | boolean];
		for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeValue(item)}`);
	}
	return parts.join('&');
}

/** The batchorder body: one `json` field holding the URL-encoded JSON text (reference §3.8, vector K). */
export function encodeBatchBody(batchOrder: readonly unknown[], processBefore?: string): string {
	const body = `json=${encodeURIComponent(JSON.stringify({ batchOrder }))}`;
	return processBefore === undefined ? body : `${body}&ProcessBefore=${encodeURIComponent(processBefore)}`;
}
