import { createHash, randomBytes } from 'node:crypto';
import { decodeSecret } from '../../core/sign';

/** One API key pair the paper exchange accepts, and the account it trades on. */
export interface PaperKeyPair {
	apiKey: string;
	apiSecret: string;
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
 * The key pairs the exchange knows and, per key, the nonces already used. Kraken requires a nonce,
 * when sent, to increase strictly per key; a key that never sends one is never checked.
 */
export class KeyRing {
	readonly #pairs = new Map<string, PaperKeyPair>();
	readonly #nonces = new Map<string, NonceState>();

	constructor(pairs: readonly PaperKeyPair[]) {
		for (const pair of pairs) {
			decodeSecret(pair.apiSecret);
			this.#pairs.set(pair.apiKey, pair);
		}
	}

	get(apiKey: string): PaperKeyPair | undefined {
		return this.#pairs.get(apiKey);
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
