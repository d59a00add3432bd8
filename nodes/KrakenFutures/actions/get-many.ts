import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { KrakenValidationError, toNumber } from '../../../core';

/** n8n's convention for list operations: "Return All", else at most "Limit" items. */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** The item limit of a list operation, or `undefined` when the user asked for all of them. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const raw = ctx.getNodeParameter('limit', itemIndex, 50);
	const limit = toNumber(raw);
	if (limit === undefined || limit < 1 || !Number.isInteger(limit)) {
		throw new KrakenValidationError('limit', `must be a whole number of at least 1, not "${String(raw)}"`);
	}
	return limit;
}

export function applyLimit<T>(rows: T[], limit: number | undefined): T[] {
	return limit === undefined ? rows : rows.slice(0, limit);
}

/** One page of a history, newest first, with the cursor of the next, older one. */
export interface HistoryPage<Cursor> {
	rows: IDataObject[];
	next: Cursor | undefined;
	/**
	 * The history goes on but cannot be paged further: the error to raise, given how many rows were
	 * kept so far, if more rows are wanted.
	 */
	incomplete?: (kept: number) => Error;
}

/**
 * Pages back through a history Kraken serves in fixed-size pages: `fetchPage(cursor)` returns one
 * page and the cursor of the next, older one. Stops at the limit, at an empty page, or when a page
 * brings nothing new (the same rows again), so it always ends.
 */
export async function collectPages<Cursor>(
	fetchPage: (cursor: Cursor | undefined) => Promise<HistoryPage<Cursor>>,
	keyOf: (row: IDataObject) => string,
	keep: (row: IDataObject) => boolean,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const out: IDataObject[] = [];
	let cursor: Cursor | undefined;
	for (;;) {
		const { rows, next, incomplete } = await fetchPage(cursor);
		let fresh = 0;
		for (const row of rows) {
			const key = keyOf(row);
			if (seen.has(key)) continue;
			seen.add(key);
			fresh++;
			if (keep(row)) out.push(row);
			if (limit !== undefined && out.length >= limit) return out;
		}
		if (incomplete !== undefined) throw incomplete(out.length);
		if (fresh === 0 || next === undefined) return out;
		cursor = next;
	}
}
