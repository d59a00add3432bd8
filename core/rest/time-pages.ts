/**
 * Kraken's `fills` (`lastFillTime`) and public `history` (`lastTime`) page back by time: each call
 * returns up to 100 rows strictly before the given time, newest first. Rows that share the
 * millisecond of a page's oldest row may not all fit on that page, and asking for rows before that
 * millisecond would skip the rest of them. So the next page is asked for before the oldest
 * millisecond plus one: that millisecond comes again, and the caller drops the rows it has already
 * seen by id.
 *
 * When a full page lies within one millisecond, the same question would bring the same page again:
 * Kraken offers no finer cursor, so the rest of that millisecond cannot be reached this way.
 */
export const TIME_PAGE_ROWS = 100;

export type NextTimePage =
	/** Ask for the rows before `before` (an ISO time) next. */
	| { kind: 'older'; before: string }
	/** Every row before the cursor is on this page. */
	| { kind: 'end' }
	/** A full page in the one millisecond `time` (ISO): more rows of it may exist and cannot be reached. */
	| { kind: 'stuck'; time: string };

/**
 * Where to go after a page: `times` are its rows' times (ISO text or epoch ms, in any order),
 * `before` the cursor that page was asked for with (undefined for the newest page).
 */
export function nextTimePage(times: readonly unknown[], before: string | undefined): NextTimePage {
	const parsed = times
		.map((time) => (typeof time === 'number' ? time : Date.parse(String(time))))
		.filter((ms) => Number.isFinite(ms));
	if (parsed.length === 0) return { kind: 'end' };
	const oldest = Math.min(...parsed);
	const next = oldest + 1;
	const previous = before === undefined ? Number.POSITIVE_INFINITY : Date.parse(before);
	if (next < previous) return { kind: 'older', before: new Date(next).toISOString() };
	return times.length >= TIME_PAGE_ROWS
		? { kind: 'stuck', time: new Date(oldest).toISOString() }
		: { kind: 'end' };
}
