import { randomUUID, timingSafeEqual } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import type { Logger } from '../../core/logger';
import { computeChallengeSignature } from '../../core/sign';
import type { PaperExchange, Payload } from '../exchange';
import type { KeyRing } from '../http/keyring';
import { FEEDS, onlyInstruments, type FeedSpec } from './feeds';

export interface SessionDependencies {
	exchange: PaperExchange;
	keys: KeyRing;
	logger: Logger;
}

/** A private subscription: whose account it follows and, for fills, which instruments. */
export interface PrivateSubscription {
	accountId: string;
	products?: ReadonlySet<string>;
}

type Request = Record<string, unknown>;

const AUTH_FAILED = { event: 'alert', message: 'Failed to subscribe to authenticated feed' };
const JSON_ERROR = { event: 'error', message: 'Json Error' };
const INVALID_FEED = { event: 'error', message: 'Invalid feed' };
const INVALID_PRODUCT = { event: 'error', message: 'Invalid product id' };

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** One WebSocket v1 connection: its challenges, its subscriptions, and the protocol it speaks. */
export class WsSession {
	/** A silent session answers nothing: no pongs, no replies, no feed data. */
	silent = false;
	readonly markets = new Map<string, Set<string>>();
	readonly accounts = new Map<string, PrivateSubscription>();
	heartbeat = false;
	readonly #challenges = new Map<string, string>();

	constructor(
		readonly socket: WebSocket,
		private readonly deps: SessionDependencies,
	) {
		socket.on('message', (data: RawData, isBinary: boolean) => this.#receive(data, isBinary));
		socket.on('ping', (data: Buffer) => {
			if (!this.silent && socket.readyState === WebSocket.OPEN) socket.pong(data);
		});
		socket.on('error', (error) => deps.logger.debug('paper websocket error', { error: String(error) }));
		this.send({ event: 'info', version: 1 });
	}

	send(message: Payload): void {
		if (this.silent || this.socket.readyState !== WebSocket.OPEN) return;
		this.socket.send(JSON.stringify(message));
	}

	/** Whether this session follows `feed` for `symbol` (market feeds) or `accountId` (private feeds). */
	follows(feed: string, subject: string): boolean {
		if (FEEDS[feed]?.authenticated) return this.accounts.get(feed)?.accountId === subject;
		return this.markets.get(feed)?.has(subject.toUpperCase()) ?? false;
	}

	#receive(data: RawData, isBinary: boolean): void {
		if (this.silent) return;
		let request: unknown;
		try {
			request = JSON.parse(isBinary ? '' : data.toString());
		} catch {
			return this.send(JSON_ERROR);
		}
		if (typeof request !== 'object' || request === null || Array.isArray(request))
			return this.send(JSON_ERROR);
		try {
			this.#handle(request as Request);
		} catch (error) {
			this.deps.logger.error('paper websocket request failed', { error: String(error) });
			this.send(JSON_ERROR);
		}
	}

	#handle(request: Request): void {
		const { event } = request;
		if (event === 'challenge') return this.#challenge(request);
		if (event === 'subscribe' || event === 'unsubscribe') {
			const spec = typeof request.feed === 'string' ? FEEDS[request.feed] : undefined;
			if (spec === undefined) return this.send(INVALID_FEED);
			if (spec.authenticated) return this.#private(event, request.feed as string, spec, request);
			return this.#public(event, request.feed as string, spec, request);
		}
		this.send(JSON_ERROR);
	}

	#challenge(request: Request): void {
		if (typeof request.api_key !== 'string' || request.api_key === '') return this.send(JSON_ERROR);
		const challenge = randomUUID();
		this.#challenges.set(request.api_key, challenge);
		this.send({ event: 'challenge', message: challenge });
	}

	/** The account of a correctly signed private request, or undefined. */
	#signedAccount(request: Request): string | undefined {
		const { api_key: apiKey, original_challenge: original, signed_challenge: signed } = request;
		if (typeof apiKey !== 'string' || typeof original !== 'string' || typeof signed !== 'string')
			return undefined;
		const key = this.deps.keys.get(apiKey);
		const issued = this.#challenges.get(apiKey);
		if (key === undefined || issued === undefined || issued !== original) return undefined;
		return sameText(signed, computeChallengeSignature(original, key.apiSecret)) ? key.accountId : undefined;
	}

	#private(event: string, feed: string, spec: FeedSpec, request: Request): void {
		const accountId = this.#signedAccount(request);
		if (accountId === undefined) return this.send(AUTH_FAILED);
		const echo = {
			feed,
			api_key: request.api_key,
			original_challenge: request.original_challenge,
			signed_challenge: request.signed_challenge,
		};
		const products = isStringArray(request.product_ids) ? request.product_ids : undefined;
		const productEcho = products === undefined ? {} : { product_ids: products };
		if (event === 'unsubscribe') {
			const known = this.accounts.delete(feed);
			return this.send({ event: known ? 'unsubscribed' : 'unsubscribed_failed', ...echo, ...productEcho });
		}
		const subscription: PrivateSubscription = { accountId };
		if (spec.products === 'optional' && products !== undefined) {
			subscription.products = new Set(products.map((p) => p.toUpperCase()));
		}
		this.accounts.set(feed, subscription);
		this.send({ event: 'subscribed', ...echo, ...productEcho });
		for (const message of this.#snapshot(spec, accountId))
			this.send(onlyInstruments(message, subscription.products));
	}

	#public(event: string, feed: string, spec: FeedSpec, request: Request): void {
		if (spec.products === 'none') {
			if (event === 'unsubscribe') {
				const known = this.heartbeat;
				this.heartbeat = false;
				return this.send({ event: known ? 'unsubscribed' : 'unsubscribed_failed', feed });
			}
			this.heartbeat = true;
			return this.send({ event: 'subscribed', feed });
		}
		const requested = isStringArray(request.product_ids) ? request.product_ids : [];
		const valid = requested.filter((id) => this.deps.exchange.isKnownSymbol(id));
		if (valid.length < requested.length || requested.length === 0) this.send(INVALID_PRODUCT);
		if (valid.length === 0) return;
		const followed = this.markets.get(feed) ?? new Set<string>();
		this.markets.set(feed, followed);
		if (event === 'unsubscribe') {
			const known = valid.filter((id) => followed.delete(id.toUpperCase()));
			if (known.length > 0) this.send({ event: 'unsubscribed', feed, product_ids: known });
			const unknown = valid.filter((id) => !known.includes(id));
			if (unknown.length > 0) this.send({ event: 'unsubscribed_failed', feed, product_ids: unknown });
			return;
		}
		if (valid.some((id) => followed.has(id.toUpperCase()))) {
			this.send({ event: 'alert', message: 'Already subscribed to feed, re-requesting' });
		}
		for (const id of valid) followed.add(id.toUpperCase());
		this.send({ event: 'subscribed', feed, product_ids: valid });
		for (const id of valid) for (const message of this.#snapshot(spec, id.toUpperCase())) this.send(message);
	}

	#snapshot(spec: FeedSpec, subject: string): Payload[] {
		try {
			return spec.snapshot(this.deps.exchange, subject);
		} catch (error) {
			this.deps.logger.warn('paper websocket snapshot failed', { error: String(error) });
			return [];
		}
	}
}
