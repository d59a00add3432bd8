import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { encodeForm, KrakenConfigError, KrakenSigner, nextNonce } from '../../../core';
import type { FormValue } from '../../../core/rest/form';
import { hasKeys, type KrakenConnection } from './connection';

const SIGNATURE_HEADERS = new Set(['apikey', 'authent', 'nonce']);
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Market data Kraken serves without a key. */
const PUBLIC_PATH =
	/^\/(derivatives\/api\/v3\/(instruments|tickers|orderbook|history|historical-funding-rates)|derivatives\/api\/v4\/historicalfundingrates|api\/charts\/)/;

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function joinUrl(restUrl: string, url: string): string {
	if (/^https?:\/\//i.test(url)) return url;
	return `${restUrl.replace(/\/$/, '')}/${url.replace(/^\//, '')}`;
}

/**
 * Signs an n8n request for Kraken Futures. The signature covers the query string and the body
 * exactly as they go on the wire, so both are fixed here as strings (object `qs` and `body` are
 * form-encoded once) and n8n then sends them unchanged. Signed headers only ever go to the
 * credential's own exchange: a request for any other host is refused.
 */
export function signRequestOptions(
	connection: KrakenConnection,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const target = new URL(joinUrl(requestOptions.baseURL ?? connection.restUrl, requestOptions.url));
	const base = new URL(connection.restUrl);
	if (target.origin !== base.origin) {
		throw new KrakenConfigError(
			`refusing to sign a request for ${target.origin}: this credential is for ${base.origin}`,
			{ field: 'restUrl' },
		);
	}
	if (isPlainObject(requestOptions.qs) && Object.keys(requestOptions.qs).length > 0) {
		const extra = encodeForm(requestOptions.qs as Record<string, FormValue>);
		target.search = target.search === '' ? `?${extra}` : `${target.search}&${extra}`;
	}
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		if (!SIGNATURE_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	let body = requestOptions.body;
	if (isPlainObject(body)) {
		body = encodeForm(body as Record<string, FormValue>);
		for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
		headers['Content-Type'] = FORM_TYPE;
	}
	const bodyText = typeof body === 'string' ? body : '';
	const query = target.search.replace(/^\?/, '');
	const basePath = base.pathname.replace(/\/$/, '');
	const path = target.pathname.startsWith(basePath)
		? target.pathname.slice(basePath.length)
		: target.pathname;
	const signed: IHttpRequestOptions = { ...requestOptions, url: target.toString(), headers };
	delete signed.baseURL;
	delete signed.qs;
	if (body === undefined) delete signed.body;
	else signed.body = body;
	if (!hasKeys(connection)) {
		if (PUBLIC_PATH.test(path)) return signed;
		throw new KrakenConfigError(
			`API Key and API Secret are required for the ${connection.environment} environment (${path} is private)`,
			{ field: 'apiKey' },
		);
	}
	const nonce = connection.useNonce ? nextNonce(connection.apiKey) : '';
	const signer = new KrakenSigner(connection.apiKey, connection.apiSecret);
	headers.APIKey = connection.apiKey;
	headers.Authent = signer.authent(query + bodyText, nonce, path);
	if (nonce !== '') headers.Nonce = nonce;
	return signed;
}
