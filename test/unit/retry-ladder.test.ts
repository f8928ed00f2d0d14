/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/retry-after";
import { classifyFetchError } from "../../src/webhooks/http-attempt";
import {
	MAX_DELIVERY_ATTEMPTS,
	MAX_QUEUE_DELAY_SECONDS,
	RETRY_LADDER_SECONDS,
	retryDelaySeconds,
} from "../../src/webhooks/retry-policy";
import wranglerToml from "../../wrangler.toml?raw";

describe("retry ladder (pure)", () => {
	it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 12 h steps, for about three days", () => {
		const exact = RETRY_LADDER_SECONDS.map((_, i) => retryDelaySeconds(i + 1, { random: () => 0 }));
		expect(exact).toEqual([5, 300, 1800, 7200, 18000, 36000, 43200, 43200, 43200, 43200, 43200]);
		const days = exact.reduce((a, b) => a + b, 0) / 86_400;
		expect(days).toBeGreaterThan(3);
		expect(days).toBeLessThan(3.5);
		expect(MAX_DELIVERY_ATTEMPTS).toBe(12);
	});

	it("jitters each step by up to 10 % earlier, never past Queues' 12 h limit", () => {
		for (const [i, step] of RETRY_LADDER_SECONDS.entries()) {
			const d = retryDelaySeconds(i + 1, { random: () => 0.999 });
			expect(d).toBeLessThanOrEqual(step);
			expect(d).toBeGreaterThanOrEqual(Math.floor(step * 0.9));
		}
		expect(retryDelaySeconds(99)).toBeLessThanOrEqual(MAX_QUEUE_DELAY_SECONDS);
	});

	it("never retries sooner than Retry-After asks, capped at 12 h", () => {
		expect(retryDelaySeconds(1, { retryAfterSeconds: 120, random: () => 0 })).toBe(120);
		expect(retryDelaySeconds(3, { retryAfterSeconds: 10, random: () => 0 })).toBe(1800);
		expect(retryDelaySeconds(1, { retryAfterSeconds: 10 ** 7, random: () => 0 })).toBe(MAX_QUEUE_DELAY_SECONDS);
	});

	it("reads Retry-After as seconds or an HTTP date", () => {
		const now = Date.parse("2026-11-25T12:00:00Z");
		expect(retryAfterMs("120", now)).toBe(120_000);
		expect(retryAfterMs("Wed, 25 Nov 2026 13:00:00 GMT", now)).toBe(3_600_000);
		expect(retryAfterMs("Wed, 25 Nov 2026 11:00:00 GMT", now)).toBe(0);
		expect(retryAfterMs("soon", now)).toBeNull();
		expect(retryAfterMs(null, now)).toBeNull();
	});

	it("classifies a timeout apart from other network failures", () => {
		expect(classifyFetchError(new DOMException("timed out", "TimeoutError")).errorClass).toBe("timeout");
		expect(classifyFetchError(new TypeError("fetch failed")).errorClass).toBe("network_error");
		// The message says the limit that applied: the main lane's is shorter than the slow lane's.
		expect(classifyFetchError(new DOMException("timed out", "TimeoutError"), 5_000).error).toBe(
			"No response within 5 s.",
		);
		expect(classifyFetchError(new DOMException("timed out", "TimeoutError")).error).toBe("No response within 15 s.");
	});

	it("wrangler.toml lets Queues retry exactly as many times as the ladder has steps", () => {
		const block = /\[\[queues\.consumers\]\]\nqueue = "kyc-deliveries"\n([\s\S]*?)\n\n/.exec(wranglerToml)?.[1] ?? "";
		expect(block).toContain(`max_retries = ${MAX_DELIVERY_ATTEMPTS - 1}`);
		expect(block).toContain('dead_letter_queue = "kyc-deliveries-dlq"');
	});
});
