import { describe, expect, it } from "vitest";
import { legacyRequestFingerprint, requestFingerprint } from "../../src/records/idempotency-keys";

describe("the request fingerprint an idempotency key is checked against", () => {
	it("does not depend on the order of object keys, at any depth", () => {
		const a = { last_name: "Okafor", metadata: { plan: "gold", user: "u-1" }, passport_number: "A1" };
		const b = { passport_number: "A1", metadata: { user: "u-1", plan: "gold" }, last_name: "Okafor" };
		expect(requestFingerprint("cli_1", a)).toBe(requestFingerprint("cli_1", b));
		expect(requestFingerprint("cli_1", a)).toBe(
			'request|cli_1|{"last_name":"Okafor","metadata":{"plan":"gold","user":"u-1"},"passport_number":"A1"}',
		);
	});

	it("keeps what is different different: values, array order, the client; absent equals undefined", () => {
		const base = { mrz: ["L1", "L2"], reference: "r" };
		expect(requestFingerprint("cli_1", base)).not.toBe(requestFingerprint("cli_1", { ...base, mrz: ["L2", "L1"] }));
		expect(requestFingerprint("cli_1", base)).not.toBe(requestFingerprint("cli_1", { ...base, reference: "s" }));
		expect(requestFingerprint("cli_1", base)).not.toBe(requestFingerprint("cli_2", base));
		expect(requestFingerprint("cli_1", base)).toBe(requestFingerprint("cli_1", { ...base, first_name: undefined }));
	});

	it("the legacy form (keys stored before) is the body as serialized", () => {
		expect(legacyRequestFingerprint("cli_1", { b: 1, a: 2 })).toBe('request|cli_1|{"b":1,"a":2}');
	});
});
