// @ts-check
// The console's own rules, without a browser: the mode a key signs in to, endpoint health as computed from a
// delivery log, the sandbox inputs, and providers in words (status, and the calls on a timeline). Node runs the TypeScript sources directly (their imports from the client are types only).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEALTH_WINDOW_MS, summarize } from "../../console/src/health.ts";
import { formatDuration, providerCall, reasonText, successRateText, windowText } from "../../console/src/providers.ts";
import { FAILOVER_PREFIX, SANDBOX_OUTCOMES, sandboxPassport } from "../../console/src/sandbox.ts";
import { modeOf } from "../../console/src/session.ts";

/** @import { WebhookDelivery } from "@kyc/client" */

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const ago = (/** @type {number} */ ms) => new Date(NOW - ms).toISOString();
const HOUR = 3_600_000;

/**
 * @param {Partial<WebhookDelivery>} over
 * @returns {WebhookDelivery}
 */
const delivery = (over) => ({
	id: "del_01",
	object: "webhook_delivery",
	livemode: false,
	endpoint_id: "we_01",
	event_id: "evt_01",
	event_type: "verification.verified",
	status: "succeeded",
	attempts: 1,
	response_status: 200,
	latency_ms: 12,
	error_class: null,
	error: null,
	last_attempt_at: ago(HOUR),
	next_attempt_at: null,
	created_at: ago(HOUR),
	updated_at: ago(HOUR),
	...over,
});

describe("modeOf: the key's prefix is its mode", () => {
	for (const [key, mode] of /** @type {const} */ ([
		["kyc_test_devkey_0000000000000000000000000000", "test"],
		["kyc_live_jjnprzwy652foru3fkbmpv84i0c12oz57ifrr", "live"],
		["kyc_test_", null],
		["whsec_abc", null],
		["kyc_live_abc def", null],
		["", null],
	])) {
		it(`${JSON.stringify(key)} → ${mode}`, () => assert.equal(modeOf(key), mode));
	}
});

describe("summarize: endpoint health from its deliveries", () => {
	it("has no rate without attempted deliveries, and ignores test pings", () => {
		const h = summarize(
			[delivery({ event_type: "webhook.test" }), delivery({ status: "pending", attempts: 0, last_attempt_at: null })],
			NOW,
		);
		assert.equal(h.successRate, null);
		assert.equal(h.attempted, 0);
		assert.equal(h.lastSuccessAt, null);
	});

	it("counts deliveries whose last attempt fell in the last 24 h; a retrying one counts as not delivered", () => {
		const h = summarize(
			[
				delivery({ last_attempt_at: ago(HOUR) }),
				delivery({ last_attempt_at: ago(2 * HOUR) }),
				delivery({
					status: "pending",
					attempts: 2,
					error_class: "http_error",
					error: "HTTP 500.",
					last_attempt_at: ago(30 * 60_000),
				}),
				delivery({
					status: "failed",
					attempts: 12,
					error_class: "exhausted",
					error: "Gave up.",
					last_attempt_at: ago(3 * HOUR),
				}),
				delivery({ last_attempt_at: ago(HEALTH_WINDOW_MS + HOUR) }),
			],
			NOW,
		);
		assert.equal(h.attempted, 4);
		assert.equal(h.succeeded, 2);
		assert.equal(h.retrying, 1);
		assert.equal(h.successRate, 0.5);
		assert.equal(h.lastSuccessAt, ago(HOUR));
		assert.deepEqual(h.lastFailure, { at: ago(30 * 60_000), error: "HTTP 500." });
	});

	it("still names the last success and failure when they are older than the window", () => {
		const h = summarize(
			[
				delivery({ last_attempt_at: ago(40 * HOUR) }),
				delivery({ status: "failed", error_class: "timeout", last_attempt_at: ago(30 * HOUR) }),
			],
			NOW,
		);
		assert.equal(h.successRate, null);
		assert.equal(h.lastSuccessAt, ago(40 * HOUR));
		assert.deepEqual(h.lastFailure, { at: ago(30 * HOUR), error: "timeout" });
	});

	it("says when the log was longer than it read", () => {
		assert.equal(summarize([delivery({})], NOW, true).partial, true);
	});
});

describe("sandboxPassport: the sandbox inputs the form sends", () => {
	const zeros = (/** @type {number} */ n) => new Uint8Array(n);
	it("ends with the chosen digit; a T-number, or the FAILOVER prefix when failing over", () => {
		assert.equal(sandboxPassport(4, false, zeros), "T00000004");
		assert.equal(sandboxPassport(0, true, zeros), `${FAILOVER_PREFIX}00000000`);
	});

	it("is always a passport number the API accepts (5–20 letters and digits)", () => {
		for (const digit of SANDBOX_OUTCOMES.map((o) => o.digit)) {
			for (const failover of [false, true]) assert.match(sandboxPassport(digit, failover), /^[A-Z0-9]{5,20}$/);
		}
	});
});

describe("providerCall: which provider a timeline entry's call asked", () => {
	/** @type {Set<string>} */
	const CHANGES = new Set(["verification.processing", "verification.verified"]);
	/**
	 * @param {Parameters<typeof providerCall>[0]["type"]} type
	 * @param {Record<string, unknown>} data
	 */
	const entry = (type, data) => ({ type, status_change: CHANGES.has(type), data });

	it("a failed call names the provider, the class of answer, its duration and code", () => {
		const call = providerCall(
			entry("verification.attempt_failed", {
				attempt: 1,
				provider: "interswitch",
				answer: "could_not_answer",
				duration_ms: 10002,
				last_error: { code: "provider_timeout", message: "…", retryable: true },
			}),
		);
		assert.deepEqual(call, {
			provider: "interswitch",
			role: "asked",
			answer: "could not answer",
			durationMs: 10002,
			code: "provider_timeout",
		});
		assert.equal(
			providerCall(entry("verification.attempt_failed", { provider: "prembly", answer: "operator" }))?.answer,
			"refused this service (an operator must act)",
		);
	});

	it("a status change a provider decided names it; other entries name none", () => {
		assert.deepEqual(providerCall(entry("verification.verified", { provider: "prembly", duration_ms: 44 })), {
			provider: "prembly",
			role: "decided",
			answer: "answered",
			durationMs: 44,
			code: null,
		});
		assert.equal(providerCall(entry("verification.processing", { last_error: null })), null);
		assert.equal(providerCall(entry("verification.test_clock_advanced", { provider: "sandbox" })), null);
	});
});

describe("provider status in words", () => {
	it("the success rate: a share, not measured for the sandbox, or no lookups yet", () => {
		assert.equal(successRateText({ name: "interswitch", success_rate: 0.9875 }), "98.8 %");
		assert.equal(successRateText({ name: "prembly", success_rate: 1 }), "100 %");
		assert.equal(successRateText({ name: "interswitch", success_rate: 0 }), "0 %");
		assert.equal(successRateText({ name: "sandbox_backup", success_rate: null }), "not measured (sandbox)");
		assert.equal(successRateText({ name: "prembly", success_rate: null }), "no lookups in the window");
	});

	it("reasons, windows and durations", () => {
		assert.equal(reasonText(null), null);
		assert.match(reasonText("provider_wallet_empty") ?? "", /wallet is empty/);
		assert.match(reasonText("circuit_open") ?? "", /circuit breaker/);
		assert.equal(reasonText("provider_something_new"), "provider something new");
		assert.equal(windowText(600), "10 min");
		assert.equal(windowText(90), "90 s");
		assert.equal(formatDuration(44), "44 ms");
		assert.equal(formatDuration(10_002), "10.0 s");
	});
});
