import { type Verdict } from "../adapter";
import { untilAborted } from "../http";
import { transportFault } from "./verdicts";
import { type WireToken } from "./wire";

/** Tokens are renewed this long before they expire, so a lookup never races the expiry. */
export const RENEW_MARGIN_MS = 30_000;

export type TokenFetch = { ok: true; token: WireToken } | { ok: false; verdict: Verdict };
export type TokenResult = { ok: true; token: string } | { ok: false; verdict: Verdict };

/**
 * One OAuth token per credentials, per isolate. A token is reused until 30 s before `expires_in` runs out;
 * when a new one is needed, concurrent callers share a single token request instead of stampeding the
 * token endpoint. Tokens live in memory only, never in storage or logs.
 */
export class TokenCache {
	private current: { value: string; renewAt: number } | null = null;
	private inflight: Flight | null = null;
	/** Token requests started; with `waiting`, what an operator (or a test) needs to see the cache work. */
	fetches = 0;
	/** Callers currently waiting for a token request. */
	waiting = 0;

	constructor(
		private readonly fetchToken: (signal: AbortSignal) => Promise<TokenFetch>,
		private readonly now: () => number = Date.now,
	) {}

	/** A usable token, or the verdict explaining why none could be had. Resolves early if `signal` aborts. */
	get(signal: AbortSignal): Promise<TokenResult> {
		const cached = this.current;
		if (cached && this.now() < cached.renewAt) return Promise.resolve({ ok: true, token: cached.value });
		const flight = this.inflight ?? this.start();
		flight.waiting++;
		this.waiting++;
		let left = false;
		const leave = () => {
			if (left) return;
			left = true;
			flight.waiting--;
			this.waiting--;
		};
		const gaveUp = (): TokenResult => {
			leave();
			// Nobody wants this request any more: cancel it, so the next caller starts a fresh one
			// instead of joining one that may be hanging.
			if (flight.waiting === 0) this.cancel(flight);
			return { ok: false, verdict: transportFault("timeout", "token") };
		};
		return untilAborted(flight.promise, signal, gaveUp).finally(leave);
	}

	/**
	 * Drops `token` after the API refused it. Only that token: if another caller already replaced it, the
	 * replacement stays, so a burst of 401s still leads to one token request.
	 */
	invalidate(token: string): void {
		if (this.current?.value === token) this.current = null;
	}

	private start(): Flight {
		this.fetches++;
		const controller = new AbortController();
		const flight: Flight = { controller, waiting: 0, promise: this.refresh(controller.signal) };
		this.inflight = flight;
		void flight.promise.finally(() => this.cancel(flight, false));
		return flight;
	}

	private cancel(flight: Flight, abort = true): void {
		if (abort) flight.controller.abort();
		if (this.inflight === flight) this.inflight = null;
	}

	private async refresh(signal: AbortSignal): Promise<TokenResult> {
		const requestedAt = this.now();
		const fetched = await this.fetchToken(signal).catch(
			(): TokenFetch => ({ ok: false, verdict: transportFault("connection_failed", "token") }),
		);
		if (!fetched.ok) return fetched;
		const { accessToken, expiresInMs } = fetched.token;
		// Timed from the request, not the answer: the lifetime started ticking when the server issued it.
		this.current = { value: accessToken, renewAt: requestedAt + expiresInMs - RENEW_MARGIN_MS };
		return { ok: true, token: accessToken };
	}
}

interface Flight {
	promise: Promise<TokenResult>;
	controller: AbortController;
	waiting: number;
}

const caches = new Map<string, TokenCache>();

/** The isolate-wide cache for one set of credentials (`key`), created on first use. */
export function tokenCacheFor(key: string, create: () => TokenCache): TokenCache {
	let cache = caches.get(key);
	if (!cache) {
		cache = create();
		caches.set(key, cache);
	}
	return cache;
}

/** Forgets every cached token in this isolate (tests start each case cold). */
export function resetTokenCaches(): void {
	caches.clear();
}

/** Token requests started and callers waiting, over every cache in this isolate. */
export function tokenCacheStats(): { fetches: number; waiting: number } {
	let fetches = 0;
	let waiting = 0;
	for (const cache of caches.values()) {
		fetches += cache.fetches;
		waiting += cache.waiting;
	}
	return { fetches, waiting };
}
