import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { fromBase64 } from "../../src/crypto/encoding";
import { generateSecret, isSecret, signature, signedHeaders } from "../../src/webhooks/signing";

const now = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "evt_1", type: "verification.verified", data: { id: "ver_1", version: 3 } });

const verifies = (secret: string, payload: string, headers: Record<string, string>) => {
	try {
		new Webhook(secret).verify(payload, headers);
		return true;
	} catch {
		return false;
	}
};

describe("Standard Webhooks v1 signatures, checked by the npm standardwebhooks package", () => {
	it("secrets are whsec_ + base64 of 32 random bytes, and differ", () => {
		const a = generateSecret();
		expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(fromBase64(a.slice(6)).byteLength).toBe(32);
		expect(isSecret(a)).toBe(true);
		expect(generateSecret()).not.toBe(a);
		expect(isSecret("whsec_c2hvcnQ=")).toBe(false);
	});

	it("a signature we make verifies, and equals the package's own signature byte for byte", async () => {
		const secret = generateSecret();
		const ts = now();
		const headers = await signedHeaders({ id: "evt_1", timestamp: ts, body, secrets: [secret] });
		expect(headers).toEqual({
			"webhook-id": "evt_1",
			"webhook-timestamp": String(ts),
			"webhook-signature": expect.any(String),
		});
		expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
		expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("evt_1", new Date(ts * 1000), body));
	});

	it("during a rotation two signatures are sent and either secret verifies alone", async () => {
		const [current, previous] = [generateSecret(), generateSecret()];
		const headers = await signedHeaders({ id: "evt_2", timestamp: now(), body, secrets: [current, previous] });
		const parts = headers["webhook-signature"]?.split(" ") ?? [];
		expect(parts).toHaveLength(2);
		expect(parts.every((p) => p.startsWith("v1,"))).toBe(true);
		expect(verifies(current, body, headers)).toBe(true);
		expect(verifies(previous, body, headers)).toBe(true);
		expect(verifies(generateSecret(), body, headers)).toBe(false);
	});

	it("fails for a tampered body, a changed id, another secret or an old timestamp", async () => {
		const secret = generateSecret();
		const headers = await signedHeaders({ id: "evt_3", timestamp: now(), body, secrets: [secret] });
		expect(verifies(secret, body.replace("verified", "failed"), headers)).toBe(false);
		expect(verifies(secret, body, { ...headers, "webhook-id": "evt_4" })).toBe(false);
		expect(verifies(generateSecret(), body, headers)).toBe(false);
		// The package refuses timestamps more than 5 minutes away, even when correctly signed (replay protection).
		const old = now() - 10 * 60;
		const stale = await signedHeaders({ id: "evt_3", timestamp: old, body, secrets: [secret] });
		expect(verifies(secret, body, stale)).toBe(false);
		const resigned = { ...headers, "webhook-timestamp": String(old) };
		expect(verifies(secret, body, resigned)).toBe(false);
	});

	it("verifies for any JSON body and id (property)", async () => {
		const secret = generateSecret();
		await fc.assert(
			fc.asyncProperty(fc.jsonValue(), fc.stringMatching(/^evt_[0-9A-Z]{1,26}$/), async (value, id) => {
				const payload = JSON.stringify({ value });
				const headers = await signedHeaders({ id, timestamp: now(), body: payload, secrets: [secret] });
				return verifies(secret, payload, headers);
			}),
			{ numRuns: 50 },
		);
	});

	it("refuses to sign with something that is not a whsec_ secret", async () => {
		await expect(signature("not-a-secret", "evt_1", now(), body)).rejects.toThrow();
	});
});
