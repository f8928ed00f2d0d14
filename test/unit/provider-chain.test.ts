import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConfig, SANDBOX_PROVIDERS } from "../../src/config";
import { providerChain } from "../../src/providers/chain";
import { createProviderChain } from "../../src/providers/index";
import { sandboxProvider } from "../../src/providers/sandbox";
import { type Provider, type ProviderOutcome, type ProviderRequest } from "../../src/verification/provider";

const request = (patch: Partial<ProviderRequest> = {}): ProviderRequest => ({
	verificationId: "ver_chain",
	data: { passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15" },
	round: 1,
	attempt: 1,
	pendingReference: null,
	memo: {},
	...patch,
});

const verified: ProviderOutcome = { kind: "verified", result: { passport_number: "match" } };
const mismatch: ProviderOutcome = {
	kind: "mismatch",
	code: "date_of_birth_mismatch",
	message: "dob",
	fields: ["date_of_birth"],
	result: { date_of_birth: "mismatch" },
};
const notFound: ProviderOutcome = { kind: "not_found", code: "passport_not_found", message: "no" };
const pending: ProviderOutcome = { kind: "pending", reference: "ref_1", retryAfterMs: 1_000 };
const down: ProviderOutcome = { kind: "unavailable", code: "provider_error", message: "503" };
const retryLater: ProviderOutcome = { kind: "unavailable", code: "provider_retry_later", message: "02" };
const breakerOpen: ProviderOutcome = {
	kind: "unavailable",
	code: "provider_unavailable",
	message: "paused",
	retryAfterMs: 9_000,
};
const wallet: ProviderOutcome = {
	kind: "rejected",
	code: "provider_wallet_empty",
	message: "wallet",
	retryable: true,
	operator: true,
};
const HANG = "hang" as const;
type Script = ProviderOutcome | typeof HANG | Error;

/** Scripted providers: each answers its script in turn, records that it was asked, and can hang or throw. */
function scripted(scripts: Record<string, Script[]>) {
	const asked: string[] = [];
	const providers = Object.fromEntries(
		Object.entries(scripts).map(([name, script]): [string, Provider] => [
			name,
			{
				name,
				lookup: async () => {
					asked.push(name);
					const next = script.shift();
					if (next === undefined) throw new Error(`${name} asked once too often`);
					if (next === HANG)
						// Never answers, like a hung connection: only the chain's per-call timeout ends it.
						return new Promise<ProviderOutcome>(() => {});
					if (next instanceof Error) throw next;
					return next;
				},
			},
		]),
	);
	let t = 0;
	const chain = providerChain(
		Object.keys(scripts),
		(name) => {
			const p = providers[name];
			if (!p) throw new Error(`no provider ${name}`);
			return p;
		},
		// A clock that moves 100 ms per reading, so durations are deterministic.
		{ timeoutMs: 50, now: () => (t += 100) },
	);
	return { chain, asked };
}

describe("the failover chain: one row per rule", () => {
	it.each<[string, Record<string, Script[]>, Partial<ProviderRequest>, string[], object]>([
		[
			"primary answers: nobody else is asked",
			{ interswitch: [verified], prembly: [] },
			{},
			["interswitch"],
			{
				kind: "verified",
				provider: "interswitch",
				calls: [{ provider: "interswitch", answer: "decided", durationMs: 100 }],
			},
		],
		[
			"primary down (5xx): the secondary decides within the same attempt",
			{ interswitch: [down], prembly: [verified] },
			{},
			["interswitch", "prembly"],
			{
				kind: "verified",
				provider: "prembly",
				calls: [
					{ provider: "interswitch", answer: "could_not_answer", error: { code: "provider_error" } },
					{ provider: "prembly", answer: "decided" },
				],
			},
		],
		[
			"primary says mismatch: the secondary is never asked",
			{ interswitch: [mismatch], prembly: [] },
			{},
			["interswitch"],
			{ kind: "mismatch", provider: "interswitch" },
		],
		[
			"primary says not found: the secondary is never asked",
			{ interswitch: [notFound], prembly: [] },
			{},
			["interswitch"],
			{ kind: "not_found", provider: "interswitch" },
		],
		[
			"primary's breaker is open (no call made): straight to the secondary",
			{ interswitch: [breakerOpen], prembly: [verified] },
			{},
			["interswitch", "prembly"],
			{ kind: "verified", provider: "prembly" },
		],
		[
			"primary refuses us (wallet empty): the secondary decides",
			{ prembly: [wallet], interswitch: [notFound] },
			{},
			["prembly", "interswitch"],
			{
				kind: "not_found",
				provider: "interswitch",
				calls: [
					{ provider: "prembly", answer: "operator", error: { code: "provider_wallet_empty" } },
					{ answer: "decided" },
				],
			},
		],
		[
			"primary hangs: cut off at its own timeout, then the secondary",
			{ interswitch: [HANG], prembly: [verified] },
			{},
			["interswitch", "prembly"],
			{
				kind: "verified",
				provider: "prembly",
				calls: [{ error: { code: "provider_timeout" } }, { answer: "decided" }],
			},
		],
		[
			"primary throws (an adapter bug): could not answer, then the secondary",
			{ interswitch: [new Error("boom")], prembly: [verified] },
			{},
			["interswitch", "prembly"],
			{ kind: "verified", provider: "prembly", calls: [{ error: { code: "provider_error" } }, { answer: "decided" }] },
		],
		[
			"pending at the secondary: the secondary holds it",
			{ interswitch: [retryLater], prembly: [pending] },
			{},
			["interswitch", "prembly"],
			{ kind: "pending", reference: "ref_1", provider: "prembly" },
		],
		[
			"a poll goes to the holder only, even when the primary is back",
			{ interswitch: [], prembly: [verified] },
			{ pendingReference: "ref_1", pendingProvider: "prembly" },
			["prembly"],
			{ kind: "verified", provider: "prembly", calls: [{ provider: "prembly" }] },
		],
		[
			"a poll whose holder cannot answer: unavailable, never a second lookup elsewhere",
			{ interswitch: [], prembly: [down] },
			{ pendingReference: "ref_1", pendingProvider: "prembly" },
			["prembly"],
			{ kind: "unavailable", code: "provider_error", calls: [{ provider: "prembly" }] },
		],
		[
			"every provider could not answer: unavailable, every call recorded",
			{ interswitch: [down], prembly: [retryLater] },
			{},
			["interswitch", "prembly"],
			{
				kind: "unavailable",
				code: "provider_unavailable",
				calls: [{ provider: "interswitch" }, { provider: "prembly" }],
			},
		],
	])("%s", async (_rule, scripts, patch, asked, expected) => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		vi.spyOn(console, "error").mockImplementation(() => {});
		const t = scripted(scripts);
		const outcome = await t.chain.lookup(request(patch), new AbortController().signal);
		expect(t.asked).toEqual(asked);
		expect(outcome).toMatchObject(expected);
		expect(outcome.calls?.map((c) => c.provider)).toEqual(asked);
		// An answer that failed over is not the decider.
		if (outcome.kind === "unavailable") expect(outcome).not.toHaveProperty("provider");
	});

	it("stops when the attempt's own deadline has passed: no further provider is asked", async () => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const t = scripted({ interswitch: [HANG], prembly: [verified] });
		const controller = new AbortController();
		const pendingOutcome = t.chain.lookup(request(), controller.signal);
		controller.abort();
		const outcome = await pendingOutcome;
		expect(outcome).toMatchObject({ kind: "unavailable", code: "provider_timeout" });
		expect(t.asked).toEqual(["interswitch"]);
	});
});

describe("test mode's sandbox pair", () => {
	const config = loadConfig(env);
	const chain = () => createProviderChain(SANDBOX_PROVIDERS, config, env);
	const ask = (number: string, patch: Partial<ProviderRequest> = {}) => {
		const req = request({ ...patch, data: { ...request().data, passport_number: number } });
		return chain().lookup(req, new AbortController().signal);
	};
	const single = (number: string, patch: Partial<ProviderRequest> = {}) =>
		sandboxProvider(config.sandboxDecisionDelayMs).lookup(
			request({ ...patch, data: { ...request().data, passport_number: number } }),
			new AbortController().signal,
		);
	const essence = (o: ProviderOutcome) => ({ kind: o.kind, code: "code" in o ? o.code : null });

	it.each(["0", "1", "2", "3", "4", "5", "6", "9"])(
		"digit %s: the same outcome as the single sandbox had, decided by `sandbox`",
		async (digit) => {
			vi.spyOn(console, "warn").mockImplementation(() => {});
			const number = `A1234567${digit}`;
			const pair = await ask(number);
			expect(essence(pair)).toEqual(essence(await single(number)));
			if (pair.kind !== "unavailable") expect(pair.provider).toBe("sandbox");
		},
	);

	it.each<[string, string, object]>([
		[
			"FAILOVER0 → sandbox unavailable, sandbox_backup verifies",
			"FAILOVER0",
			{ kind: "verified", provider: "sandbox_backup" },
		],
		["FAILOVER1 → sandbox_backup: not found", "FAILOVER1", { kind: "not_found", provider: "sandbox_backup" }],
		[
			"FAILOVER6 → sandbox_backup holds the pending lookup",
			"FAILOVER6",
			{ kind: "pending", provider: "sandbox_backup" },
		],
		["FAILOVER4 → both unavailable: unavailable", "FAILOVER4", { kind: "unavailable", code: "provider_unavailable" }],
	])("the failover input: %s", async (_name, number, expected) => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const outcome = await ask(number);
		expect(outcome).toMatchObject(expected);
		expect(outcome.calls?.[0]).toMatchObject({ provider: "sandbox", answer: "could_not_answer" });
	});

	it("the failover input's poll goes to sandbox_backup alone, which then verifies", async () => {
		const outcome = await ask("FAILOVER7", { pendingReference: "sbx_ver_chain", pendingProvider: "sandbox_backup" });
		expect(outcome).toMatchObject({
			kind: "verified",
			provider: "sandbox_backup",
			calls: [{ provider: "sandbox_backup" }],
		});
	});
});
