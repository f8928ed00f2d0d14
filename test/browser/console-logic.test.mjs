// @ts-check
// The console's own rules, without a browser: the mode a key signs in to, and endpoint health as computed from a
// delivery log. Node runs the TypeScript sources directly (their imports from the client are types only).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEALTH_WINDOW_MS, summarize } from "../../console/src/health.ts";
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
