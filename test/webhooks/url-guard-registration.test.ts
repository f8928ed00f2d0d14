import { describe, expect, it } from "vitest";
import { call, json, newClient } from "../helpers/api";

describe("SSRF guard at registration (the API runs in development in tests)", () => {
	it.each([
		"http://10.0.0.1/kyc",
		"https://2130706433/kyc",
		"https://0x7f000001/kyc",
		"https://0177.0.0.1/kyc",
		"https://[::ffff:127.0.0.1]/kyc",
		"https://printer.local/kyc",
		"https://metadata.google.internal/",
		"https://metadata.google.internal../",
		"https://2130706433../kyc",
		"https://[::ffff:169.254.169.254]/latest",
		"https://intranet/kyc",
		"https://user:pass@hooks.partner.example.com/kyc",
		"ftp://hooks.partner.example.com/kyc",
	])("refuses %s with 422 url_not_allowed", async (url) => {
		const { key } = await newClient();
		const res = await call("/api/webhook-endpoints/", { key, body: { url } });
		expect(res.status).toBe(422);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(await json(res)).toMatchObject({
			code: "url_not_allowed",
			errors: [{ field: "url", code: "url_not_allowed" }],
		});
	});

	it("refuses a disallowed URL on update too", async () => {
		const { key } = await newClient();
		const created = await call("/api/webhook-endpoints/", {
			key,
			body: { url: "https://hooks.partner.example.com/a" },
		});
		const { id } = await json<{ id: string }>(created);
		const res = await call(`/api/webhook-endpoints/${id}/`, {
			key,
			method: "PATCH",
			body: { url: "https://10.1.2.3/" },
		});
		expect(res.status).toBe(422);
		expect(await json(res)).toMatchObject({ code: "url_not_allowed" });
	});
});
