import { randomBytes } from 'node:crypto';
import { TOKEN_TTL_SECONDS } from './unverified';

interface IssuedToken {
	accountId: string;
	createdAt: number;
	/** Set once a private request succeeded with it: from then on it lives as long as that use. */
	inUse: boolean;
	expired: boolean;
}

export type TokenCheck = { ok: true; accountId: string } | { ok: false };

/**
 * The WebSocket tokens `GetWebSocketsToken` hands out. Kraken: a token "should be used within 15 minutes of
 * creation, but it does not expire once a successful Websockets connection and private subscription has been
 * made and is maintained". The clock is real time (tokens are about the client's wall clock, not the market's).
 */
export class TokenRegistry {
	readonly #tokens = new Map<string, IssuedToken>();

	constructor(
		private readonly ttlMs = TOKEN_TTL_SECONDS * 1000,
		private readonly clock: () => number = Date.now,
	) {}

	get ttlSeconds(): number {
		return Math.round(this.ttlMs / 1000);
	}

	issue(accountId: string): string {
		this.#sweep();
		const token = randomBytes(32).toString('base64').replace(/=+$/, '');
		this.#tokens.set(token, { accountId, createdAt: this.clock(), inUse: false, expired: false });
		return token;
	}

	/** Whether `token` may be used now; a first use within the validity window keeps it alive. */
	use(token: unknown): TokenCheck {
		if (typeof token !== 'string') return { ok: false };
		const issued = this.#tokens.get(token);
		if (issued === undefined || issued.expired) return { ok: false };
		if (!issued.inUse && this.clock() - issued.createdAt >= this.ttlMs) {
			issued.expired = true;
			return { ok: false };
		}
		issued.inUse = true;
		return { ok: true, accountId: issued.accountId };
	}

	/** A connection that used `token` closed: the token is back to its first-use window (usually long gone). */
	release(token: string): void {
		const issued = this.#tokens.get(token);
		if (issued !== undefined) issued.inUse = false;
	}

	/** Fault injection: every token handed out so far stops working, even one in use. */
	expireAll(): void {
		for (const issued of this.#tokens.values()) issued.expired = true;
	}

	reset(): void {
		this.#tokens.clear();
	}

	/** Forgets tokens nobody can use any more, so a long-running exchange does not collect them. */
	#sweep(): void {
		const now = this.clock();
		for (const [token, issued] of this.#tokens) {
			if (issued.expired || (!issued.inUse && now - issued.createdAt >= this.ttlMs))
				this.#tokens.delete(token);
		}
	}
}
