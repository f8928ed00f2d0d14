import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/http/middleware/request";
import { DEV_KEY } from "../helpers/api";
import { countedStream } from "../helpers/streams";

describe("the 16 KB body bound holds while streaming, before authentication", () => {
	it.each([
		["an unauthenticated API path", "/api/verifications/", undefined],
		["an unknown path", "/nowhere", undefined],
		["an authenticated API path", "/api/verifications/", DEV_KEY],
	])("%s: a chunked 1 MB upload is a 413 problem after reading about 16 KB", async (_name, path, key) => {
		const { body, pulled } = countedStream(1024 * 1024, 4096);
		const res = await exports.default.fetch(`https://kyc.test${path}`, {
			method: "POST",
			headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
			body,
		});
		expect(res.status).toBe(413);
		expect(res.headers.get("content-type")).toContain("application/problem+json");
		expect(((await res.json()) as { code: string }).code).toBe("payload_too_large");
		expect(pulled.bytes).toBeLessThan(MAX_BODY_BYTES + 64 * 1024);
	});
});
