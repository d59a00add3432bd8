import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createRestClient } from '../transport/client';

/** Tradeable contracts from Kraken's instrument list, perpetuals first. */
export async function getSymbols(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { client, close } = await createRestClient(this).catch((error: Error) => {
		throw new NodeOperationError(this.getNode(), error.message);
	});
	try {
		const { instruments } = await client.getInstruments();
		return instruments
			.filter((instrument) => instrument.tradeable !== false && /^(PF|PI|FF|FI)_/i.test(instrument.symbol))
			.map((instrument) => {
				const perpetual = /^P/i.test(instrument.symbol);
				const kind = /^(PI|FI)_/i.test(instrument.symbol) ? 'inverse' : 'linear';
				return {
					name: instrument.symbol.toUpperCase(),
					value: instrument.symbol,
					description: `${perpetual ? 'Perpetual' : 'Fixed maturity'}, ${kind}`,
				};
			})
			.sort(
				(a, b) => Number(!/^P/.test(a.name)) - Number(!/^P/.test(b.name)) || a.name.localeCompare(b.name),
			);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	} finally {
		await close();
	}
}

/** The same list with "All Contracts" (value '') first, for operations where a symbol is optional. */
export async function getSymbolsOrAll(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return [
		{ name: 'All Contracts', value: '', description: 'Every contract' },
		...(await getSymbols.call(this)),
	];
}
