/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { API_RATE_POLICIES, AUTH_FAILURE_POLICY } from "../../src/http/middleware/limits";
import wranglerToml from "../../wrangler.toml?raw";

/** The `simple` setting of each `[[ratelimits]]` binding in wrangler.toml, by name. */
function deployedLimits(): Record<string, { limit: number; period: number }> {
	const blocks = wranglerToml.split("[[ratelimits]]").slice(1);
	return Object.fromEntries(
		blocks.map((block) => {
			const name = /name\s*=\s*"([^"]+)"/.exec(block)?.[1] ?? "";
			const simple = /simple\s*=\s*\{\s*limit\s*=\s*(\d+),\s*period\s*=\s*(\d+)\s*\}/.exec(block);
			return [name, { limit: Number(simple?.[1]), period: Number(simple?.[2]) }];
		}),
	);
}

describe("per-key request limits", () => {
	it("the RateLimit-Policy the API states is what wrangler.toml gives each mode's binding", () => {
		const deployed = deployedLimits();
		expect(deployed.API_RATE_LIMITER_LIVE).toEqual({
			limit: API_RATE_POLICIES.live.limit,
			period: API_RATE_POLICIES.live.windowSeconds,
		});
		expect(deployed.API_RATE_LIMITER_TEST).toEqual({
			limit: API_RATE_POLICIES.test.limit,
			period: API_RATE_POLICIES.test.windowSeconds,
		});
	});

	it("the failed-authentication limit the API states is what wrangler.toml gives its binding", () => {
		expect(deployedLimits().AUTH_FAILURE_LIMITER).toEqual({
			limit: AUTH_FAILURE_POLICY.limit,
			period: AUTH_FAILURE_POLICY.windowSeconds,
		});
	});

	it("live mode allows 100 requests a second, test mode 25 (Stripe's defaults)", () => {
		expect(API_RATE_POLICIES.live.limit / API_RATE_POLICIES.live.windowSeconds).toBe(100);
		expect(API_RATE_POLICIES.test.limit / API_RATE_POLICIES.test.windowSeconds).toBe(25);
	});
});
