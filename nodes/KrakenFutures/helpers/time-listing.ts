import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { KrakenUnsupportedError, nextTimePage, TIME_PAGE_ROWS } from '../../../core';
import { collectPages } from '../actions/get-many';

/**
 * One page of a Get Many. A transport without older history (Kraken's Unified WebSocket serves only
 * the latest fills and trades) ends the listing after the first page instead of failing it; a first
 * page that is refused is still an error.
 */
async function olderPage<T>(before: unknown, fetch: () => Promise<T>): Promise<T | undefined> {
	return await fetch().catch(async (error: unknown) =>
		before !== undefined && error instanceof KrakenUnsupportedError ? undefined : await Promise.reject(error),
	);
}

/** What the "Before" option of a listing paged by time tells about more than a page in one millisecond. */
export function timePagingNote(what: string): string {
	return `Kraken pages ${what} back by time only, ${TIME_PAGE_ROWS} at a time: if more than ${TIME_PAGE_ROWS} ${what} share one millisecond, the rest of it cannot be reached, and a listing that needs them fails with an error naming that millisecond (set Before to it for older ${what}).`;
}

export interface TimeListing {
	node: INode;
	itemIndex: number;
	/** What is listed, in the plural ("fills"), for the error text. */
	what: string;
	/** The user's "Before" (ISO), where the listing starts; the newest rows when absent. */
	start: string | undefined;
	/** One page: the rows before `before` (ISO), newest first. */
	fetch: (before: string | undefined) => Promise<IDataObject[]>;
	timeOf: (row: IDataObject) => unknown;
	keyOf: (row: IDataObject) => string;
	keep: (row: IDataObject) => boolean;
	limit: number | undefined;
}

/**
 * Lists a history Kraken pages back by time (fills, public trades), up to the limit. Each next page
 * asks again for the oldest millisecond seen (see core's `nextTimePage`), so rows sharing it are not
 * skipped. A full page inside one millisecond cannot be paged through: if more rows are wanted then,
 * the listing fails and says so rather than end as if it were complete.
 */
export async function collectByTime(listing: TimeListing): Promise<IDataObject[]> {
	const { node, itemIndex, what } = listing;
	return await collectPages<string>(
		async (before) => {
			const cursor = before ?? listing.start;
			const rows = await olderPage(before, async () => await listing.fetch(cursor));
			if (rows === undefined) return { rows: [], next: undefined };
			const step = nextTimePage(rows.map(listing.timeOf), cursor);
			if (step.kind !== 'stuck') return { rows, next: step.kind === 'older' ? step.before : undefined };
			const incomplete = (kept: number) =>
				new NodeOperationError(
					node,
					`Cannot list every one of these ${what}: after ${kept}, Kraken returned ${TIME_PAGE_ROWS} ${what} all at ${step.time}, and it pages back only by time, so any further ${what} of that millisecond cannot be reached`,
					{
						itemIndex,
						description: `Set Limit to ${kept} or fewer for the newest ${what}, or set Before to ${step.time} for the ${what} older than that millisecond.`,
					},
				);
			return { rows, next: undefined, incomplete };
		},
		listing.keyOf,
		listing.keep,
		listing.limit,
	);
}
