/** How much of a user-given value an error message repeats. */
const MAX_ECHO = 40;

function cut(text: string): string {
	return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO)}… (${text.length} characters)`;
}

/**
 * A short, printable description of any value a user handed over, for error messages: never
 * throws (BigInt, cycles), says what a non-finite number is, and cuts long text to a prefix so a
 * huge input is not echoed whole into msg.error and the log.
 */
export function describeInput(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(cut(value));
	if (typeof value === 'bigint') return `${cut(value.toString())}n (a BigInt)`;
	if (typeof value === 'number')
		return Number.isFinite(value) ? String(value) : `${String(value)} (not a finite number)`;
	if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return typeof value;
	try {
		return cut(JSON.stringify(value) ?? String(value));
	} catch {
		return Array.isArray(value)
			? 'a list'
			: `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`;
	}
}
