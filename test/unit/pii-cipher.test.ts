import { describe, expect, it } from "vitest";
import { DEV_PII_KEY } from "../../src/config";
import { envelopePrefix, keyIdOf, PiiDecryptError, piiCipher } from "../../src/crypto/pii";

const A = DEV_PII_KEY;
const B = "cm90YXRpb24tdGVzdC1rZXktYi1ub3QtdGhlLWRldi1rZXk=";
const VALUE = "person|cli_X|A123456780|1990-04-15|OKAFOR";

describe("the PII cipher across a key rotation", () => {
	it("gives the blind index under every key of the ring, current first", async () => {
		const before = await piiCipher([A]).blindIndex(VALUE);
		const after = piiCipher([B, A]);
		const candidates = await after.blindIndexes(VALUE);
		expect(candidates).toEqual([await piiCipher([B]).blindIndex(VALUE), before]);
		expect(candidates[0]).toBe(await after.blindIndex(VALUE));
		expect(candidates[0]).not.toBe(before);
	});

	it("with one key the candidates are just the current index; a key listed twice counts once", async () => {
		expect(await piiCipher([A]).blindIndexes(VALUE)).toEqual([await piiCipher([A]).blindIndex(VALUE)]);
		expect(await piiCipher([B, A, B]).blindIndexes(VALUE)).toEqual(await piiCipher([B, A]).blindIndexes(VALUE));
	});

	it("envelopes name their key: the current one seals, any listed one opens, a dropped one fails closed", async () => {
		const sealedA = await piiCipher([A]).encrypt("secret", "we_X");
		const ring = piiCipher([B, A]);
		expect(keyIdOf(sealedA)).toBe(await piiCipher([A]).currentKeyId());
		expect(sealedA.startsWith(envelopePrefix(await piiCipher([A]).currentKeyId()))).toBe(true);
		expect(await ring.decrypt(sealedA, "we_X")).toBe("secret");
		const sealedB = await ring.encrypt("secret", "we_X");
		expect(keyIdOf(sealedB)).toBe(await ring.currentKeyId());
		expect(await piiCipher([B]).decrypt(sealedB, "we_X")).toBe("secret");
		await expect(piiCipher([B]).decrypt(sealedA, "we_X")).rejects.toBeInstanceOf(PiiDecryptError);
		expect(keyIdOf("redacted")).toBeNull();
		expect(keyIdOf(null)).toBeNull();
	});
});
