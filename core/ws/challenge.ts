import type { KrakenSigner } from '../sign';

/** The three fields every private subscribe and unsubscribe must carry. */
export interface ChallengeFields {
	api_key: string;
	original_challenge: string;
	signed_challenge: string;
}

/**
 * Private-feed authentication for one connection: ask for a challenge once, sign the UUID the
 * server returns, and hand out the fields for every private request on that connection.
 * `reset()` must be called on every new connection, because a challenge is bound to the socket
 * it was issued on (re-using an old one after a reconnect is a known bug in several clients).
 */
export class ChallengeAuth {
	readonly #signer: KrakenSigner;
	#fields: ChallengeFields | undefined;
	#requested = false;

	constructor(signer: KrakenSigner) {
		this.#signer = signer;
	}

	get ready(): boolean {
		return this.#fields !== undefined;
	}

	/** The request to send, or nothing when one is already under way or answered. */
	request(): Record<string, unknown> | undefined {
		if (this.#requested || this.#fields) return undefined;
		this.#requested = true;
		return { event: 'challenge', api_key: this.#signer.apiKey };
	}

	accept(challenge: string): void {
		this.#fields = {
			api_key: this.#signer.apiKey,
			original_challenge: challenge,
			signed_challenge: this.#signer.signChallenge(challenge),
		};
	}

	fields(): ChallengeFields | undefined {
		return this.#fields;
	}

	reset(): void {
		this.#fields = undefined;
		this.#requested = false;
	}
}
