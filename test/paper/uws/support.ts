import { createHash, createHmac } from 'node:crypto';
import {
	startPaperExchange,
	type PaperExchangeServer,
	type PaperExchangeServerOptions,
} from '../../../paper/server';
import { call, WsProbe } from '../server/support';

export const TOKEN_PATH = '/0/private/GetWebSocketsToken';

/**
 * Kraken Spot `API-Sign`, written out with node:crypto here so the server is checked against the algorithm
 * (reference §2.3), not against the project's own signer.
 */
export function spotSign(path: string, nonce: string, body: string, secret: string): string {
	const digest = createHash('sha256')
		.update(nonce + body, 'utf8')
		.digest();
	return createHmac('sha512', Buffer.from(secret, 'base64'))
		.update(Buffer.concat([Buffer.from(path, 'utf8'), digest]))
		.digest('base64');
}

let lastNonce = 0;
/** A nonce above every earlier one in this process. */
export function freshNonce(): string {
	lastNonce = Math.max(lastNonce + 1, Date.now() * 1000);
	return String(lastNonce);
}

export interface TokenRequest {
	apiKey: string;
	apiSecret: string;
	nonce?: string;
	/** `form` (default) sends `nonce=<n>`, `json` sends `{"nonce":<n>}`. */
	format?: 'form' | 'json';
	/** Sign this instead of the body sent. */
	signedBody?: string;
	/** Send this `API-Sign` instead of the computed one. */
	apiSign?: string;
}

export async function requestToken(baseUrl: string, request: TokenRequest): Promise<Record<string, unknown>> {
	const nonce = request.nonce ?? freshNonce();
	const json = request.format === 'json';
	const body = json ? `{"nonce":${nonce}}` : `nonce=${nonce}`;
	const apiSign =
		request.apiSign ?? spotSign(TOKEN_PATH, nonce, request.signedBody ?? body, request.apiSecret);
	return postSpot(baseUrl, TOKEN_PATH, body, {
		'API-Key': request.apiKey,
		'API-Sign': apiSign,
		'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
	});
}

/** A Spot REST POST with exactly these bytes and headers; the parsed JSON answer. */
export async function postSpot(
	baseUrl: string,
	path: string,
	body: string,
	headers: Record<string, string>,
): Promise<Record<string, unknown>> {
	return (await call(baseUrl, path, { method: 'POST', body, headers })).json();
}

/** A fresh token of the server's first account. */
export async function tokenFor(server: PaperExchangeServer, keyIndex = 0): Promise<string> {
	const key = server.keys[keyIndex];
	const reply = await requestToken(server.spotRestUrl, {
		apiKey: key.spotApiKey,
		apiSecret: key.spotApiSecret,
	});
	const result = reply.result as { token?: string } | undefined;
	if (typeof result?.token !== 'string') throw new Error(`no token: ${JSON.stringify(reply)}`);
	return result.token;
}

/** A still market (clock off) with fast Unified WebSocket timers, for deterministic tests. */
export function startUwsExchange(options: PaperExchangeServerOptions = {}): Promise<PaperExchangeServer> {
	return startPaperExchange({ clock: false, seed: 7, ...options, uws: { heartbeatMs: 200, ...options.uws } });
}

type Message = Record<string, unknown>;

/** A Unified WebSocket connection for tests: the WS probe plus request/reply matching by `req_id`. */
export class UwsTestClient {
	#reqId = 100;

	private constructor(readonly probe: WsProbe) {}

	static async open(url: string): Promise<UwsTestClient> {
		const probe = await WsProbe.open(url);
		await probe.waitFor((m) => m.channel === 'status');
		return new UwsTestClient(probe);
	}

	get messages(): Message[] {
		return this.probe.messages;
	}

	/** Sends a request and returns its first reply. */
	async request(method: string, params?: Message, timeoutMs = 3000): Promise<Message> {
		const reqId = ++this.#reqId;
		this.probe.send(params === undefined ? { method, req_id: reqId } : { method, params, req_id: reqId });
		return this.probe.waitFor((m) => m.req_id === reqId && m.method !== undefined, timeoutMs);
	}

	/** Every reply with this request's id, once `count` have arrived. */
	async replies(method: string, params: Message, count: number): Promise<Message[]> {
		const reqId = ++this.#reqId;
		this.probe.send({ method, params, req_id: reqId });
		await this.probe.waitFor(() => this.messages.filter((m) => m.req_id === reqId).length >= count);
		return this.messages.filter((m) => m.req_id === reqId);
	}

	/** The next push on `channel` (after the ones `next` already returned) that matches. */
	push(channel: string, match: (m: Message) => boolean = () => true, timeoutMs = 3000): Promise<Message> {
		return this.probe.next((m) => m.channel === channel && match(m), timeoutMs);
	}

	/** Every `executions` item received so far. */
	executions(): Message[] {
		return this.messages.filter((m) => m.channel === 'executions').flatMap((m) => m.data as Message[]);
	}

	close(): Promise<void> {
		return this.probe.close();
	}
}

/** A limit price far from the market, so the order rests. */
export function restingPrice(server: PaperExchangeServer, symbol: string, side: 'buy' | 'sell'): number {
	const market = server.exchange.inspect().market(symbol)!;
	const tick = market.spec.tickSize;
	const away = side === 'buy' ? market.markPrice * 0.9 : market.markPrice * 1.1;
	return Math.round(away / tick) * tick;
}

/** What a suite of private-endpoint tests shares: one exchange; per test a fresh token and connection. */
export interface PrivateSuite {
	server: PaperExchangeServer;
	client: UwsTestClient;
	token: string;
}

/** Registers the mocha hooks of a private-endpoint suite; the exchange is reset after every test. */
export function usePrivateSuite(options: PaperExchangeServerOptions = {}): PrivateSuite {
	const suite = {} as PrivateSuite;
	before(async () => {
		suite.server = await startUwsExchange(options);
	});
	after(() => suite.server.stop());
	beforeEach(async () => {
		suite.token = await tokenFor(suite.server);
		suite.client = await UwsTestClient.open(suite.server.uwsPrivateUrl);
	});
	afterEach(async () => {
		await suite.client.close();
		suite.server.reset();
	});
	return suite;
}
