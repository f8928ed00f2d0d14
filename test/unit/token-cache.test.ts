import { describe, expect, it } from "vitest";
import { RENEW_MARGIN_MS, TokenCache, type TokenFetch } from "../../src/providers/interswitch/token-cache";

/** A token endpoint the test answers by hand, and a clock it moves by hand. */
function harness() {
	let clock = 1_000_000;
	const requests: { resolve: (f: TokenFetch) => void; signal: AbortSignal }[] = [];
	const cache = new TokenCache(
		(signal) =>
			new Promise<TokenFetch>((resolve) => {
				requests.push({ resolve, signal });
			}),
		() => clock,
	);
	const answer = (i: number, token: string, expiresInMs = 3_600_000) =>
		requests[i]?.resolve({ ok: true, token: { accessToken: token, expiresInMs } });
	return {
		cache,
		requests,
		answer,
		tick: (ms: number) => {
			clock += ms;
		},
	};
}

const live = () => new AbortController().signal;

describe("TokenCache", () => {
	it("reuses a token until 30 s before it expires, then fetches a new one", async () => {
		const h = harness();
		const first = h.cache.get(live());
		h.answer(0, "t1", 120_000);
		expect(await first).toEqual({ ok: true, token: "t1" });
		h.tick(120_000 - RENEW_MARGIN_MS - 1);
		expect(await h.cache.get(live())).toEqual({ ok: true, token: "t1" });
		expect(h.requests).toHaveLength(1);
		h.tick(1);
		const renewed = h.cache.get(live());
		expect(h.requests).toHaveLength(2);
		h.answer(1, "t2");
		expect(await renewed).toEqual({ ok: true, token: "t2" });
	});

	it("shares one request between concurrent callers", async () => {
		const h = harness();
		const callers = Array.from({ length: 10 }, () => h.cache.get(live()));
		expect(h.requests).toHaveLength(1);
		expect(h.cache.waiting).toBe(10);
		h.answer(0, "t1");
		expect(new Set((await Promise.all(callers)).map((r) => (r.ok ? r.token : "")))).toEqual(new Set(["t1"]));
		expect(h.cache.waiting).toBe(0);
		expect(h.cache.fetches).toBe(1);
	});

	it("does not cache a failure", async () => {
		const h = harness();
		const failed = h.cache.get(live());
		h.requests[0]?.resolve({
			ok: false,
			verdict: {
				outcome: { kind: "unavailable", code: "provider_error", message: "x" },
				health: "failure",
				detail: {},
			},
		});
		expect((await failed).ok).toBe(false);
		const next = h.cache.get(live());
		h.answer(1, "t1");
		expect(await next).toEqual({ ok: true, token: "t1" });
	});

	it("invalidate drops only the refused token", async () => {
		const h = harness();
		const first = h.cache.get(live());
		h.answer(0, "t1");
		await first;
		h.cache.invalidate("t0"); // someone else's stale token: keep t1
		expect(await h.cache.get(live())).toEqual({ ok: true, token: "t1" });
		h.cache.invalidate("t1");
		const fresh = h.cache.get(live());
		h.answer(1, "t2");
		expect(await fresh).toEqual({ ok: true, token: "t2" });
	});

	it("a caller that gives up leaves the shared request to the others", async () => {
		const h = harness();
		const impatient = new AbortController();
		const quitter = h.cache.get(impatient.signal);
		const patient = h.cache.get(live());
		impatient.abort();
		expect(await quitter).toMatchObject({ ok: false, verdict: { outcome: { code: "provider_timeout" } } });
		expect(h.requests[0]?.signal.aborted).toBe(false);
		h.answer(0, "t1");
		expect(await patient).toEqual({ ok: true, token: "t1" });
	});

	it("when every caller gave up, cancels the request so the next caller starts afresh", async () => {
		const h = harness();
		const gone = new AbortController();
		const quitter = h.cache.get(gone.signal);
		gone.abort();
		await quitter;
		expect(h.requests[0]?.signal.aborted).toBe(true);
		const next = h.cache.get(live());
		expect(h.requests).toHaveLength(2);
		h.answer(1, "t2");
		expect(await next).toEqual({ ok: true, token: "t2" });
	});
});
