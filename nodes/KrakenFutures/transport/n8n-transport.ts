import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';

import type { HttpRequest, HttpResponse, HttpTransport } from '../../../core/rest/transport';

export const CREDENTIAL_TYPE = 'krakenFuturesApi';

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

function lowerCaseHeaders(headers: Record<string, unknown> = {}): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && value !== null) {
			flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return flat;
}

/**
 * Sends the core client's requests through n8n's `httpRequestWithAuthentication`, so the
 * credential's `authenticate` signs them and n8n's proxy, SSRF and logging settings apply.
 * The core has already encoded the URL and body; they are passed as strings so n8n sends them
 * byte for byte, and the response comes back as text for the core to parse and map.
 */
export class N8nHttpTransport implements HttpTransport {
	constructor(private readonly context: IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions) {}

	async request(request: HttpRequest): Promise<HttpResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: { ...request.headers },
			timeout: request.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
		};
		if (request.body !== undefined) options.body = request.body;
		const response = (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			options,
		)) as FullResponse;
		const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
		return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
	}

	async close(): Promise<void> {}
}
