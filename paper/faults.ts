/** How a REST request can be made to fail. */
export type RestFailureKind = 'timeout' | '5xx' | 'malformed' | 'drop';

/** Which REST requests a fault applies to. */
export interface RestFaultScope {
	/** Only requests whose URL path contains this text (e.g. `sendorder`); every path when absent. */
	path?: string;
	/** Only the next `count` matching requests; every matching request when absent. */
	count?: number;
}

export interface RestFailureScope extends RestFaultScope {
	/**
	 * Whether the exchange still carries out the request before the answer is lost. Defaults to
	 * true for `timeout`, `malformed` and `drop` (the dangerous case: the order exists although the
	 * client saw no answer) and false for `5xx` (a gateway refused it).
	 */
	process?: boolean;
}

export interface RestFailure {
	kind: RestFailureKind;
	process: boolean;
}

/** What the REST front must do to one request. */
export interface RestFaultPlan {
	delayMs: number;
	failure?: RestFailure;
}

/** The WebSocket and exchange operations the faults drive. */
export interface FaultTargets {
	dropConnections(): void;
	silenceConnections(on: boolean): void;
	rejectNextOrder(status: string): void;
	expireTokens(): void;
}

/** Which Unified WebSocket requests a fault applies to. */
export interface UwsFaultScope {
	/** Only requests with this `method` (e.g. `add_order`); every method when absent. */
	method?: string;
	/** Only the next `count` matching requests; one when absent. */
	count?: number;
}

/** `ignore`: the request is never carried out nor answered; `lose-answer`: carried out, the answer never sent. */
export type UwsRequestFault = 'ignore' | 'lose-answer';

interface Rule {
	path?: string;
	remaining: number;
}

interface DelayRule extends Rule {
	ms: number;
}

interface FailureRule extends Rule {
	failure: RestFailure;
}

interface UwsRule extends Rule {
	fault: UwsRequestFault;
}

function takeMatching<T extends Rule>(rules: T[], matches: (rulePath: string) => boolean): T | undefined {
	const index = rules.findIndex((rule) => rule.path === undefined || matches(rule.path));
	if (index === -1) return undefined;
	const rule = rules[index];
	rule.remaining -= 1;
	if (rule.remaining <= 0) rules.splice(index, 1);
	return rule;
}

/** Fault injection for tests: network trouble and exchange refusals on demand. `reset()` clears all. */
export class PaperFaults {
	readonly #delays: DelayRule[] = [];
	readonly #failures: FailureRule[] = [];
	readonly #uws: UwsRule[] = [];

	constructor(private readonly targets: FaultTargets) {}

	/** Terminates every WebSocket connection (v1 and Unified) at once, as a network drop would. */
	dropConnections(): void {
		this.targets.dropConnections();
	}

	/**
	 * Turns every open WebSocket into a silent one (no pongs, no frames, requests ignored), the way a
	 * half-open connection looks to a client. Connections opened afterwards are healthy.
	 */
	stopAnsweringPings(on = true): void {
		this.targets.silenceConnections(on);
	}

	/** Holds matching REST requests for `ms` before the exchange sees them. */
	delayRest(ms: number, scope: RestFaultScope = {}): void {
		this.#delays.push({ ms, path: scope.path, remaining: scope.count ?? Infinity });
	}

	/**
	 * Fails matching REST requests: `timeout` never answers (until the client gives up or the server
	 * stops), `5xx` answers 503 with an HTML page, `malformed` answers 200 with truncated JSON,
	 * `drop` closes the connection without an answer.
	 */
	failRest(kind: RestFailureKind, scope: RestFailureScope = {}): void {
		const process = scope.process ?? kind !== '5xx';
		this.#failures.push({ failure: { kind, process }, path: scope.path, remaining: scope.count ?? Infinity });
	}

	/** The next order the exchange receives is rejected with this `sendStatus.status`. */
	rejectNextOrder(status: string): void {
		this.targets.rejectNextOrder(status);
	}

	/** Every Unified WebSocket token issued so far stops working (`EAPI:Invalid token`), even one in use. */
	expireUwsTokens(): void {
		this.targets.expireTokens();
	}

	/** The next matching Unified WebSocket request is never answered, nor carried out: a `req_id` timeout. */
	ignoreUwsRequest(scope: UwsFaultScope = {}): void {
		this.#uws.push({ fault: 'ignore', path: scope.method, remaining: scope.count ?? 1 });
	}

	/** The next matching Unified WebSocket request is carried out (an order is placed) but its answer is lost. */
	loseUwsAnswer(scope: UwsFaultScope = {}): void {
		this.#uws.push({ fault: 'lose-answer', path: scope.method, remaining: scope.count ?? 1 });
	}

	/** The fault for one Unified WebSocket request; used up by asking. */
	planUws(method: string): UwsRequestFault | undefined {
		return takeMatching(this.#uws, (ruleMethod) => ruleMethod === method)?.fault;
	}

	/** The faults for one REST request; counted faults are used up. */
	planRest(path: string): RestFaultPlan {
		const within = (rulePath: string): boolean => path.includes(rulePath);
		const delay = takeMatching(this.#delays, within);
		const failure = takeMatching(this.#failures, within);
		return failure === undefined
			? { delayMs: delay?.ms ?? 0 }
			: { delayMs: delay?.ms ?? 0, failure: failure.failure };
	}

	reset(): void {
		this.#delays.length = 0;
		this.#failures.length = 0;
		this.#uws.length = 0;
		this.targets.silenceConnections(false);
	}
}
