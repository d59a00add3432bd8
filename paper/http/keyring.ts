import { createHash, createHmac, randomBytes } from 'node:crypto';
import { decodeSecret } from '../../core/sign';

/**
 * One paper account's credentials: the Futures key pair (REST v3, WS v1) and the Kraken (Spot) key pair
 * that fetches Unified WebSocket tokens. Both address the same account.
 */
export interface PaperKeyPair {
	apiKey: string;
	apiSecret: string;
	spotApiKey: string;
	spotApiSecret: string;
	accountId: string;
}

export type NonceVerdict = 'ok' | 'nonceBelowThreshold' | 'nonceDuplicate';

const DIGITS = /^\d{1,30}$/;
/** How many used nonces per key are remembered to tell a duplicate from a merely old nonce. */
const REMEMBERED_NONCES = 1000;

interface NonceState {
	last: bigint;
	recent: Set<bigint>;
}

/** A stable account id per key, so a restart with the same key trades on the same account. */
export function accountIdForKey(apiKey: string): string {
	const hex = createHash('sha256').update(`paper-account:${apiKey}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A fresh key pair in Kraken's shape: a 56-character public key and a 64-byte base64 secret. */
export function generateKeyPair(): { apiKey: string; apiSecret: string } {
	return {
		apiKey: randomBytes(42).toString('base64'),
		apiSecret: randomBytes(64).toString('base64'),
	};
}

/**
 * The Spot key pair of a paper account, derived from its Futures pair so that the same Futures key
 * always comes with the same Spot key (a restarted exchange accepts the Spot key a user saved).
 */
export function spotKeyPairFor(
	apiKey: string,
	apiSecret: string,
): { spotApiKey: string; spotApiSecret: string } {
	const secret = Buffer.from(apiSecret, 'base64');
	return {
		spotApiKey: createHmac('sha256', secret).update(`paper-spot-key:${apiKey}`).digest('base64').slice(0, 56),
		spotApiSecret: createHmac('sha512', secret).update(`paper-spot-secret:${apiKey}`).digest('base64'),
	};
}

/**
 * The key pairs the exchange knows and, per key, the nonces already used. Kraken requires a nonce,
 * when sent, to increase strictly per key; a key that never sends one is never checked.
 */
export class KeyRing {
	readonly #pairs = new Map<string, PaperKeyPair>();
	readonly #spotPairs = new Map<string, PaperKeyPair>();
	readonly #nonces = new Map<string, NonceState>();

	constructor(pairs: readonly PaperKeyPair[]) {
		for (const pair of pairs) {
			decodeSecret(pair.apiSecret);
			decodeSecret(pair.spotApiSecret);
			this.#pairs.set(pair.apiKey, pair);
			this.#spotPairs.set(pair.spotApiKey, pair);
		}
	}

	get(apiKey: string): PaperKeyPair | undefined {
		return this.#pairs.get(apiKey);
	}

	/** The account credentials a Kraken (Spot) API key belongs to. */
	getBySpotKey(spotApiKey: string): PaperKeyPair | undefined {
		return this.#spotPairs.get(spotApiKey);
	}

	all(): PaperKeyPair[] {
		return [...this.#pairs.values()];
	}

	/** Checks a nonce without recording it: only a request that is otherwise valid uses one up. */
	checkNonce(apiKey: string, nonce: string): NonceVerdict | 'malformed' {
		if (!DIGITS.test(nonce)) return 'malformed';
		const value = BigInt(nonce);
		const state = this.#nonces.get(apiKey);
		if (state === undefined || value > state.last) return 'ok';
		return state.recent.has(value) ? 'nonceDuplicate' : 'nonceBelowThreshold';
	}

	recordNonce(apiKey: string, nonce: string): void {
		const value = BigInt(nonce);
		const state = this.#nonces.get(apiKey) ?? { last: 0n, recent: new Set<bigint>() };
		state.last = value > state.last ? value : state.last;
		state.recent.add(value);
		if (state.recent.size > REMEMBERED_NONCES) {
			const oldest = state.recent.values().next().value as bigint;
			state.recent.delete(oldest);
		}
		this.#nonces.set(apiKey, state);
	}

	resetNonces(): void {
		this.#nonces.clear();
	}
}
