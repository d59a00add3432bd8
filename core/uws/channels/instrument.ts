import { INSTRUMENT_FIELD as F } from '../unverified';
import { asItem, numberAt, textAt, withDefined, type WireItem } from './read';

/** One derivatives contract from the `instrument` channel. Only the three increments are verified. */
export interface UwsInstrument {
	symbol: string;
	priceIncrement?: number;
	qtyIncrement?: number;
	qtyMin?: number;
	status?: string;
	tradeable?: boolean;
	contractType?: string;
	maxLeverage?: number;
	raw: WireItem;
}

function instrumentOf(item: WireItem): UwsInstrument | undefined {
	const symbol = textAt(item, F.symbol);
	if (!symbol) return undefined;
	const tradeable = item[F.tradeable.name];
	return withDefined<UwsInstrument>(
		{ symbol, raw: item },
		{
			priceIncrement: numberAt(item, F.priceIncrement),
			qtyIncrement: numberAt(item, F.qtyIncrement),
			qtyMin: numberAt(item, F.qtyMin),
			status: textAt(item, F.status),
			tradeable: typeof tradeable === 'boolean' ? tradeable : undefined,
			contractType: textAt(item, F.contractType),
			maxLeverage: numberAt(item, F.maxLeverage),
		},
	);
}

/**
 * The instruments of an `instrument` push. Spot v2 nests them as `data.pairs`; a flat list of
 * items is accepted as well, since the derivatives shape has not been seen on the wire.
 */
export function instrumentsOf(data: unknown[]): UwsInstrument[] {
	const items: unknown[] = [];
	for (const entry of data) {
		const pairs = asItem(entry)?.[F.pairs.name];
		if (Array.isArray(pairs)) items.push(...pairs);
		else items.push(entry);
	}
	return items
		.map(asItem)
		.filter((item): item is WireItem => item !== undefined)
		.map(instrumentOf)
		.filter((instrument): instrument is UwsInstrument => instrument !== undefined);
}
