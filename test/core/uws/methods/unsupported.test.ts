import { strict as assert } from 'node:assert';
import { KrakenUnsupportedError } from '../../../../core/errors';
import { UWS_UNSUPPORTED, uwsUnsupported } from '../../../../core/uws/methods/unsupported';

describe('KrakenUnsupportedError for what UWS lacks', () => {
	it('names the feature, says UWS does not offer it, and offers the substitute', () => {
		const error = uwsUnsupported('getHistoricalFundingRates');
		assert.ok(error instanceof KrakenUnsupportedError);
		assert.equal(error.code, 'KRAKEN_UNSUPPORTED');
		assert.equal(error.retryable, false);
		assert.equal(
			error.message,
			"historical funding rates is not available: Kraken's Unified WebSocket does not offer it; instead: the funding paid or received on your own positions arrives live on the ledgers channel",
		);
		assert.deepEqual(
			{ code: error.toJSON().code, feature: error.toJSON().feature },
			{ code: 'KRAKEN_UNSUPPORTED', feature: 'historical funding rates' },
		);
	});

	it('every row names its feature; rows without a substitute offer none', () => {
		for (const name of Object.keys(UWS_UNSUPPORTED) as (keyof typeof UWS_UNSUPPORTED)[]) {
			const error = uwsUnsupported(name);
			assert.match(error.message, /Unified WebSocket does not offer it/);
			assert.equal(error.feature, UWS_UNSUPPORTED[name].feature);
		}
		assert.equal(uwsUnsupported('getInstrumentStatus').substitute, undefined);
	});

	it('can name the legacy API too', () => {
		const error = new KrakenUnsupportedError('a dry run (validate)', { transport: 'legacy' });
		assert.match(
			error.message,
			/^a dry run \(validate\) is not available: Kraken's Derivatives REST v3 API does not offer it$/,
		);
	});
});
