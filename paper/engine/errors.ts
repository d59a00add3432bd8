type Payload = Record<string, unknown>;

/** A top-level Kraken error (`{"result":"error","error":krakenError}`), with the HTTP status Kraken uses. */
export class PaperApiError extends Error {
	constructor(
		readonly krakenError: string,
		readonly httpStatus = 200,
		readonly extra?: Payload,
	) {
		super(krakenError);
		this.name = 'PaperApiError';
	}
}
