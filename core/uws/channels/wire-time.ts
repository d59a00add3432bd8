/**
 * UWS times are RFC 3339 in UTC with a fraction (`2026-11-30T19:20:00.123456Z`). Each ticker and
 * trade carries one, on the way to a trading decision: this reads the usual form with arithmetic
 * and leaves any other form (offsets, other precisions, odd ranges) to `Date.parse`, whose result
 * it matches (milliseconds, further digits cut off).
 */

const ZERO = 48;
/** `YYYY-MM-DDTHH:MM:SS` is 19 characters; then `Z`, or `.`, digits and `Z`. */
const SECONDS_END = 19;

function digits(text: string, from: number, count: number): number {
	let value = 0;
	for (let i = from; i < from + count; i++) {
		const digit = text.charCodeAt(i) - ZERO;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

function hasSeparators(text: string): boolean {
	return (
		text.charCodeAt(4) === DASH &&
		text.charCodeAt(7) === DASH &&
		text.charCodeAt(10) === T &&
		text.charCodeAt(13) === COLON &&
		text.charCodeAt(16) === COLON
	);
}

/** The milliseconds of `.fraction` (after the seconds), -1 if it is not one. */
function fractionMillis(text: string): number {
	const count = text.length - SECONDS_END - 2;
	if (text.charCodeAt(SECONDS_END) !== DOT || count < 1) return -1;
	if (digits(text, SECONDS_END + 1, count) < 0) return -1;
	const used = Math.min(3, count);
	return digits(text, SECONDS_END + 1, used) * (used === 1 ? 100 : used === 2 ? 10 : 1);
}

/** Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or undefined for any other form. */
function fromUsualForm(text: string): number | undefined {
	const length = text.length;
	if (length < SECONDS_END + 1 || text.charCodeAt(length - 1) !== Z || !hasSeparators(text)) return undefined;
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hour = digits(text, 11, 2);
	const minute = digits(text, 14, 2);
	const second = digits(text, 17, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
	const millis = length === SECONDS_END + 1 ? 0 : fractionMillis(text);
	if (millis < 0) return undefined;
	const days = daysFromCivil(year, month, day);
	return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
}

/** An RFC 3339 time as epoch milliseconds, undefined when it is not a time. */
export function wireTimeToMs(text: string): number | undefined {
	const parsed = fromUsualForm(text) ?? Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}
